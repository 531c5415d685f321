"""Sending what is due, at most once per delivery: a worker claims a delivery with one conditional UPDATE
before sending it, so two workers (or two scheduler runs) never both send it. A failure is retried with a
growing back-off and finally given up; a send interrupted mid-way (the worker killed) is never repeated —
it is marked for an administrator to look at."""

import datetime
import logging

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation

from projects.notices.channels import SendFailed, email, robots
from projects.notices.models import Channel, Delivery, DeliveryStatus, NoticeKind
from projects.rules.base import Text

logger = logging.getLogger(__name__)

BACK_OFF = [datetime.timedelta(minutes=m) for m in (1, 5, 30, 120, 720)]  # then given up
STUCK_AFTER = datetime.timedelta(minutes=15)


def claim(delivery_id: int, now: datetime.datetime) -> bool:
    due = Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], due_at__lte=now)
    return bool(
        Delivery.objects.filter(due, pk=delivery_id).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1
        )
    )


def _content(delivery: Delivery) -> tuple[str, str, str]:
    notice = delivery.notice
    with translation.override(settings.LANGUAGE_CODE):
        title = str(NoticeKind(notice.kind).label)
        text = str(Text.from_data(notice.message))
    return title, text, settings.SITE_URL.rstrip("/") + notice.link


def _send(delivery: Delivery) -> None:
    title, text, link = _content(delivery)
    if delivery.channel == Channel.EMAIL:
        email.send(delivery.notice.recipient.email, title, text, link)
    else:
        robot = delivery.robot
        robots.send(robot.kind, robot.url, robot.secret, title, text, link, settings.NOTICE_ROBOT_EXTRA_HOSTS)


def deliver_due(limit: int = 200) -> dict[str, int]:
    """Send what is due now; returns how many were sent, failed and given up."""
    now = timezone.now()
    _give_up_stuck(now)
    counts = {"sent": 0, "failed": 0, "given_up": 0}
    due = (
        Delivery.objects.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for delivery_id in list(due):
        if not claim(delivery_id, now):
            continue  # another worker has it
        delivery = Delivery.objects.select_related("notice__recipient", "robot").get(pk=delivery_id)
        try:
            _send(delivery)
        except SendFailed as error:
            counts[_failed(delivery, str(error), now)] += 1
        else:
            Delivery.objects.filter(pk=delivery_id).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
            )
            counts["sent"] += 1
    return counts


def _failed(delivery: Delivery, error: str, now: datetime.datetime) -> str:
    # Logged with ids only: a robot's address and secret never reach a log line.
    logger.warning(
        "notice delivery %s (%s) failed, attempt %s: %s",
        delivery.pk,
        delivery.channel,
        delivery.attempts,
        error,
    )
    if delivery.attempts > len(BACK_OFF):
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.GIVEN_UP, last_error=error[:300])
        return "given_up"
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, last_error=error[:300], due_at=now + BACK_OFF[delivery.attempts - 1]
    )
    return "failed"


def _give_up_stuck(now: datetime.datetime) -> None:
    """A delivery left 'being sent' by a worker that died may or may not have gone: never send it twice."""
    Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lte=now - STUCK_AFTER).update(
        status=DeliveryStatus.GIVEN_UP, last_error="interrupted while sending; not resent (at most once)"
    )
