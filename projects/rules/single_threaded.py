"""SINGLE_THREADED: a thin chain, or a month of activity with one person (集体决策)."""

from datetime import date, timedelta

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_RECAP,
    Section,
    Severity,
    Subject,
    Warning,
    interpolate,
    warning_factory,
)
from projects.rules.data import PlanData
from projects.rules.moments import under_way

CODE = "SINGLE_THREADED"
SEVERITY = Severity.MEDIUM
TITLE = _("Single-threaded")
MESSAGE_THIN_CHAIN = _("Contacts in the decision chain: %(count)s, fewer than %(minimum)s.")
MESSAGE_ONE_CONTACT = _("Every activity in the last %(days)s days was with %(contact)s alone.")
REASON = _(
    "The decision is collective: influence is spread across the chain, and one small voice can overturn "
    "the deal. Don't cling to one key person."
)
NEXT_STEP = _(
    "Map the decision chain and reach the other functions: ask your contact to introduce you, and break "
    "the ice with the other departments on your next visit."
)

warn = warning_factory(CODE, SEVERITY)


def recent_contact_ids(plan: PlanData, today: date) -> set[int]:
    """Everyone met in done activities within the window; an empty set if there were none."""
    since = today - timedelta(days=plan.thresholds.single_thread_days)
    met: set[int] = set()
    for activity in plan.done_activities():
        if since <= activity.date <= today:
            met.update(activity.contact_ids)
    return met


def check(plan: PlanData, today: date) -> list[Warning]:
    t = plan.thresholds
    if not under_way(plan):
        return []  # a fresh lead's chain is what its first visits will draw
    if len(plan.members) < t.min_chain_contacts:
        message = interpolate(MESSAGE_THIN_CHAIN, count=len(plan.members), minimum=t.min_chain_contacts)
    else:
        met = recent_contact_ids(plan, today)
        if len(met) != 1:
            return []
        (contact_id,) = met
        member = plan.member(contact_id)
        name = member.label if member else str(contact_id)
        message = interpolate(MESSAGE_ONE_CONTACT, days=t.single_thread_days, contact=name)
    return [
        warn(
            Subject.section(Section.CHAIN),
            message=message,
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_RECAP,
        )
    ]
