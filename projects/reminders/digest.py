"""Each person's morning summary (早报) at 08:30 Asia/Shanghai: what waits for them today."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from projects.notices.models import NoticeKind
from projects.notices.record import notify
from projects.plans.selectors import review_queue
from projects.rules.base import interpolate
from salescamp.models import User

SEND_AT = datetime.time(8, 30)
REVIEWS = gettext_noop("%(count)s plans await your review.")


def send_digests(now: datetime.datetime) -> int:
    """Once a day from 08:30: one summary for each person with something waiting (none otherwise)."""
    local = timezone.localtime(now)
    if local.time() < SEND_AT:
        return 0
    today = local.date().isoformat()
    sent = 0
    for user in User.objects.filter(is_active=True):
        lines = _lines(user)
        if lines:
            message = interpolate("%(lines)s", lines=lines)
            sent += notify(NoticeKind.DIGEST, [user], message, reverse("desk"), key=f"digest:{today}")
    return sent


def _lines(user) -> list:
    lines = []
    if waiting := review_queue(user).count():
        lines.append(interpolate(REVIEWS, count=waiting))
    return lines
