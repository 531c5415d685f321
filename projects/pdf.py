"""The plan as an A4 PDF (WeasyPrint), drawn by the same section templates as the page.

Nothing is fetched at run time: the only URLs WeasyPrint may follow are our own static files, read from
disk through the staticfiles finders; anything else (http, file, data from elsewhere) is refused. Text is
set in Noto Sans CJK SC (Debian's fonts-noto-cjk, found through fontconfig) and embedded as a subset.
"""

import hashlib
import mimetypes
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from .plan import plan_view

# A base URL that cannot resolve anywhere: relative links in the PDF template point into our static files.
STATIC_BASE = "https://static.invalid/"
# Self-contained (no app.css): fewer rules to match per element, and only fast layouts.
STYLESHEETS = ["css/print.css"]
CACHE_SECONDS = 60 * 60


class StaticFileNotServed(ValueError):
    pass


def static_path(url: str) -> Path:
    """The file on disk behind one of our static URLs; ValueError for anything else."""
    if not url.startswith(STATIC_BASE):
        raise StaticFileNotServed(f"not one of our static files: {url}")
    relative = url[len(STATIC_BASE) :].split("?")[0].split("#")[0]
    if ".." in Path(relative).parts:
        raise StaticFileNotServed(url)
    found = finders.find(relative)
    if not found:
        raise StaticFileNotServed(f"no such static file: {relative}")
    return Path(found)


def _fetcher():
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 68: a plain function returning a dict
        return static_only_fetch

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnlyFetcher()


def static_only_fetch(url: str, *args, **kwargs) -> dict:
    path = static_path(url)
    return {
        "string": path.read_bytes(),
        "mime_type": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        "redirected_url": url,
    }


def plan_html(*, project, snapshot: dict, submission=None, comments=None) -> str:
    return render_to_string(
        "projects/plan_pdf.html",
        {
            "project": project,
            "plan": plan_view(snapshot, comments),
            "submission": submission,
            "editable": False,
            "readonly": True,
            "pdf": True,
            "stylesheets": STYLESHEETS,
            "printed_on": timezone.localdate(),
        },
    )


def render_pdf(html: str, *, use_cache: bool = True) -> bytes:
    """The PDF of `html`. The HTML fully determines the PDF, so an identical page (a submitted version,
    or a draft nobody changed) is served from the cache instead of laid out again."""
    key = "plan-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    if use_cache and (cached := cache.get(key)) is not None:
        return cached
    from weasyprint import HTML  # imported on use: it loads Pango, which the web pages never need

    body = HTML(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher()).write_pdf()
    if use_cache:
        cache.set(key, body, timeout=CACHE_SECONDS)
    return body


def plan_pdf(*, project, snapshot: dict, submission=None, comments=None, use_cache: bool = True) -> bytes:
    html = plan_html(project=project, snapshot=snapshot, submission=submission, comments=comments)
    return render_pdf(html, use_cache=use_cache)
