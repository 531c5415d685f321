"""HIGH_LEVEL_NO_SPONSOR: executives in the chain and no leader of ours in the project (内部销售)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_16,
    Section,
    Severity,
    Subject,
    Warning,
    interpolate,
    labels,
    warning_factory,
)
from projects.rules.codes import LEADER_RANK
from projects.rules.data import PlanData
from projects.rules.parity import is_executive

CODE = "HIGH_LEVEL_NO_SPONSOR"
SEVERITY = Severity.HIGH
TITLE = _("Executives in the chain, no leader of ours")
MESSAGE = _(
    "The chain has executive contacts (%(contacts)s) but no one of director rank or above on our side "
    "takes part in the project."
)
REASON = _(
    "A rep cannot give an executive what they care about: enterprise benefit, and a counterpart who can "
    "decide. Only our own leaders can, and they come in through internal selling (内部销售)."
)
NEXT_STEP = _(
    "Sell the project inside first: brief a director, VP or chief, draw them into the project, then plan "
    "the executive meetings with them."
)

warn = warning_factory(CODE, SEVERITY)


def our_people(plan: PlanData) -> set:
    """Everyone of ours in the project: the owner, the engaged, and whoever joined an activity."""
    people = {plan.owner, *plan.engaged}
    for activity in plan.activities:
        people.update(activity.our_people)
    return people


def check(plan: PlanData, today: date) -> list[Warning]:
    executives = [m for m in plan.members if is_executive(m, plan.thresholds)]
    if not executives or any(p.rank >= LEADER_RANK for p in our_people(plan)):
        return []
    return [
        warn(
            Subject.section(Section.INTERNAL_SELLING),
            message=interpolate(MESSAGE, contacts=labels(executives)),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_16,
        )
    ]
