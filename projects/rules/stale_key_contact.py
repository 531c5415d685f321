"""STALE_KEY_CONTACT: a bridge, coach or executive untouched for too long (水磨工夫)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_RECAP, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import Role
from projects.rules.data import ChainMember, PlanData
from projects.rules.parity import is_executive

CODE = "STALE_KEY_CONTACT"
SEVERITY = Severity.LOW
TITLE = _("Key contact gone quiet")
MESSAGE = _("%(contact)s was last touched on %(date)s, %(days)s days ago.")
REASON = _(
    "Long relationships are ground out slowly: trust needs familiarity, and familiarity needs frequent "
    "visits, calls and messages."
)
NEXT_STEP = _(
    "Get back in touch this week: a call, a message with something useful to them, or a short visit."
)

warn = warning_factory(CODE, SEVERITY)


def matters(plan: PlanData, member: ChainMember) -> bool:
    return bool(member.roles & {Role.BRIDGE, Role.COACH}) or is_executive(member, plan.thresholds)


def last_touched(plan: PlanData, member: ChainMember) -> date:
    """The last logged activity with the contact, or the day they joined the chain."""
    dates = [a.date for a in plan.activities_with(member.contact_id, done_only=True)]
    return max(dates, default=member.added_on)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for member in plan.members:
        if not matters(plan, member):
            continue
        last = last_touched(plan, member)
        days = (today - last).days
        if days <= plan.thresholds.stale_days:
            continue
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(MESSAGE, contact=member.label, date=last.isoformat(), days=days),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_RECAP,
            )
        )
    return warnings
