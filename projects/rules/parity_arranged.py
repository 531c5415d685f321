"""PARITY_ARRANGED: a relationship not at parity whose remedy is planned (已安排) — a leader of ours senior
enough is to meet the contact — shown as such instead of PARITY_GAP firing as if nothing was done."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    ACTIVITY_KIND_LABELS,
    LESSON_16,
    Severity,
    Subject,
    Warning,
    interpolate,
    warning_factory,
)
from projects.rules.data import PlanData
from projects.rules.parity import arranged_meeting, is_high_level, rank_needed

CODE = "PARITY_ARRANGED"
SEVERITY = Severity.LOW
TITLE = _("Parity arranged")
MESSAGE = _("Arranged: %(leader)s meets %(contact)s on %(date)s (%(kind)s).")
REASON = _(
    "A relationship across a rank gap is held by a leader of matching rank (责权利对等); the rep keeps it "
    "warm afterwards with short reports in the office (定期汇报)."
)
NEXT_STEP = _(
    "Prepare %(leader)s for the meeting: what %(contact)s answers for, the conclusions to reach, the ROI and "
    "success cases to bring; afterwards, report to %(contact)s regularly."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for member in plan.members:
        if not is_high_level(plan, member):
            continue
        meeting = arranged_meeting(plan, member, today)
        if meeting is None:
            continue
        needed = rank_needed(member.level, plan.thresholds)
        leader = max((p for p in meeting.our_people if p.rank >= needed), key=lambda p: p.rank)
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(
                    MESSAGE,
                    leader=leader.name,
                    contact=member.label,
                    date=meeting.date.isoformat(),
                    kind=ACTIVITY_KIND_LABELS.get(meeting.kind, meeting.kind),
                ),
                reason=REASON,
                next_step=interpolate(NEXT_STEP, leader=leader.name, contact=member.label),
                lesson=LESSON_16,
            )
        )
    return warnings
