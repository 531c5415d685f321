"""STALE_KEY_CONTACT: a bridge, coach or executive untouched for too long (水磨工夫), with nothing planned
with them in the next two weeks."""

from datetime import date, timedelta

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

# A planned activity with the contact this soon already answers the warning's next step.
PLANNED_WITHIN_DAYS = 14

warn = warning_factory(CODE, SEVERITY)


def matters(plan: PlanData, member: ChainMember) -> bool:
    return bool(member.roles & {Role.BRIDGE, Role.COACH}) or is_executive(member, plan.thresholds)


def last_touched(plan: PlanData, member: ChainMember) -> date:
    """The last logged activity with the contact, or the day they joined the chain."""
    dates = [a.date for a in plan.activities_with(member.contact_id, done_only=True)]
    return max(dates, default=member.added_on)


def planned_soon(plan: PlanData, member: ChainMember, today: date) -> bool:
    until = today + timedelta(days=PLANNED_WITHIN_DAYS)
    return any(not a.done and today <= a.date <= until for a in plan.activities_with(member.contact_id))


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for member in plan.members:
        if not matters(plan, member) or planned_soon(plan, member, today):
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
