"""Recording an event: a notice for each person it concerns, and its deliveries by the channels they chose,
in the caller's transaction; the task worker sends them once it commits."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from projects.notices.models import Channel, Delivery, Notice, NoticeKind, NoticePreference, TeamRobot
from projects.notices.tasks import deliver_notices
from projects.rules.base import Text
from salescamp.models import Membership, User

# What reaches a person outside the app until they choose otherwise: what needs them, by email.
DEFAULT_CHANNELS = {
    NoticeKind.PLAN_SUBMITTED: [Channel.EMAIL],
    NoticeKind.PLAN_RETURNED: [Channel.EMAIL],
    NoticeKind.RELATIONSHIP_ASKED: [Channel.EMAIL],
    NoticeKind.TASK_OVERDUE: [Channel.EMAIL],
    NoticeKind.TASK_ESCALATED: [Channel.EMAIL],
    NoticeKind.DIGEST: [Channel.EMAIL],
}


def channels_for(preference: NoticePreference | None, kind: str) -> list[str]:
    if preference is not None and kind in preference.channels:
        return [channel for channel in preference.channels[kind] if channel in Channel.values]
    return list(DEFAULT_CHANNELS.get(kind, []))


def after_quiet_hours(preference: NoticePreference | None, now: datetime.datetime) -> datetime.datetime:
    """When a personal message may go: now, or the end of the person's quiet hours (Asia/Shanghai)."""
    if preference is None or preference.quiet_from is None or preference.quiet_until is None:
        return now
    local = timezone.localtime(now)
    start, end, clock = preference.quiet_from, preference.quiet_until, local.time()
    quiet = start <= clock < end if start < end else clock >= start or clock < end  # across midnight too
    if not quiet:
        return now
    until = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    return until if until > local else until + datetime.timedelta(days=1)


def notify(kind: str, recipients: Iterable[User], message: Text, link: str, *, key: str, project=None) -> int:
    """Record one event for each active recipient, at most once per (recipient, key) however often it is
    recorded; returns how many notices are new."""
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return 0
    before = set(Notice.objects.filter(recipient__in=people, key=key).values_list("recipient_id", flat=True))
    Notice.objects.bulk_create(
        [
            Notice(recipient_id=pk, kind=kind, message=message.as_data(), link=link, project=project, key=key)
            for pk in people
            if pk not in before
        ],
        ignore_conflicts=True,  # a concurrent run recorded it first: theirs stands
    )
    notices = list(Notice.objects.filter(recipient__in=people, key=key).exclude(recipient__in=before))
    _plan_deliveries(notices, kind, people)
    if notices:
        transaction.on_commit(lambda: deliver_notices.enqueue())
    return len(notices)


def _plan_deliveries(notices: list[Notice], kind: str, people: dict[int, User]) -> None:
    now = timezone.now()
    preferences = {p.user_id: p for p in NoticePreference.objects.filter(user__in=people)}
    robots: dict[int, list[int]] = {}
    wants_robot = [
        n.recipient_id
        for n in notices
        if Channel.ROBOT in channels_for(preferences.get(n.recipient_id), kind)
    ]
    if wants_robot:
        teams = Membership.objects.filter(user__in=wants_robot).values_list("user_id", "team_id")
        by_team = {}
        for robot_id, team_id in TeamRobot.objects.filter(team__in={t for _u, t in teams}).values_list(
            "id", "team_id"
        ):
            by_team.setdefault(team_id, []).append(robot_id)
        for user_id, team_id in teams:
            robots.setdefault(user_id, []).extend(by_team.get(team_id, []))
    deliveries = []
    for notice in notices:
        preference = preferences.get(notice.recipient_id)
        chosen = channels_for(preference, kind)
        if Channel.EMAIL in chosen and people[notice.recipient_id].email:
            deliveries.append(
                Delivery(notice=notice, channel=Channel.EMAIL, due_at=after_quiet_hours(preference, now))
            )
        if Channel.ROBOT in chosen:  # a group chat: the group's hours, not the person's
            for robot_id in sorted(set(robots.get(notice.recipient_id, []))):
                deliveries.append(
                    Delivery(notice=notice, channel=Channel.ROBOT, robot_id=robot_id, due_at=now)
                )
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
