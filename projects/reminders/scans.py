"""The periodic scans: each finds its events and records them as notices, idempotently."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_noop

from projects.deals.models import Stage
from projects.notices.models import NoticeKind
from projects.notices.record import notify
from projects.rules.base import Text, interpolate
from projects.stored_warnings.models import CurrentWarning
from projects.visits.models import VisitSheet, VisitStatus

DRAFT_AFTER = datetime.timedelta(days=1)
DRAFT_WAITING = gettext_noop(
    "Your visit sheet for %(project)s (%(date)s) is still a draft: submit it while you remember the meeting."
)
UNDATED = gettext_noop("no date yet")


def stale_contacts() -> int:
    """The engine's STALE_KEY_CONTACT warnings (as last stored), once per contact and quiet spell, to the
    project's owner and whoever of ours holds the relationship."""
    rows = (
        CurrentWarning.objects.filter(code="STALE_KEY_CONTACT")
        .exclude(project__stage__in=[Stage.WON, Stage.LOST])
        .select_related("project", "project__owner", "member__owner")
    )
    recorded = 0
    for row in rows:
        message = Text.from_data(row.data["message"])
        people = [row.project.owner, row.member.owner if row.member else None]
        link = reverse("project_detail", args=[row.project_id]) + f"#member-{row.subject_id}"
        key = f"stale:{row.project_id}:{row.subject_id}:{message.param('date')}"
        recorded += notify(NoticeKind.CONTACT_STALE, people, message, link, key=key, project=row.project)
    return recorded


def waiting_drafts(now: datetime.datetime) -> int:
    """Visit sheets left as drafts for more than a day, once per sheet and day it was last touched."""
    recorded = 0
    sheets = VisitSheet.objects.filter(
        status=VisitStatus.DRAFT, updated_at__lt=now - DRAFT_AFTER
    ).select_related("project", "created_by")
    for sheet in sheets:
        message = interpolate(
            DRAFT_WAITING,
            project=sheet.project.name,
            date=sheet.visit_date.isoformat() if sheet.visit_date else Text(UNDATED),
        )
        key = f"draft:{sheet.pk}:{sheet.updated_at.date().isoformat()}"
        recorded += notify(
            NoticeKind.DRAFT_WAITING,
            [sheet.created_by],
            message,
            reverse("visit_edit", args=[sheet.pk]),
            key=key,
            project=sheet.project,
        )
    return recorded
