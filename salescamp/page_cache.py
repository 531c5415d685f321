"""Drawn page fragments kept under everything they were drawn from, so an unchanged page is not drawn again.

The key holds the fragment's kind and a stamp of its data (the `revision` of accounts and projects, which
every change to what their pages show moves on: `accounts.revisions`, `projects.revisions`),
the viewer, their language, the day (warnings count days), and a digest of the viewer's CSRF secret (the
forms inside carry a token made from it). Nothing is ever invalidated: a change makes a new key and old
entries age out of the cache. The "pages" cache is local to each process by default (docs/deploy.md).
"""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import caches
from django.db.models import Count, F, QuerySet, Sum
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

CACHE_ALIAS = "pages"


def fragment(request, kind: str, stamp: Iterable, draw: Callable[[], str]) -> SafeString:
    """The HTML `draw()` makes, from the cache when the same viewer saw the same data today."""
    get_token(request)  # the secret exists before the key is made, so the tokens drawn match it
    secret = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()[:16]
    parts = [kind, *stamp, request.user.pk, translation.get_language(), timezone.localdate(), secret]
    key = "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    cache = caches[CACHE_ALIAS]
    html = cache.get(key)
    if html is None:
        html = str(draw())
        cache.set(key, html)
    return mark_safe(html)


def set_stamp(rows: QuerySet) -> tuple:
    """One row that changes whenever any of these rows (of a model with a `revision`) changes or one joins
    or leaves the set: revisions only grow, and the count and the sums of ids and squared ids move with
    the set."""
    if rows.query.distinct:  # a join may repeat rows: count each once
        rows = rows.model.objects.filter(pk__in=rows.values("pk"))
    totals = rows.aggregate(
        count=Count("pk"), ids=Sum("pk"), squares=Sum(F("pk") * F("pk")), revisions=Sum("revision")
    )
    return tuple(totals.values())
