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
from projects.rules.data import PlanData
from projects.rules.parity import is_executive, rank_needed
from projects.rules.words import rank_word

CODE = "HIGH_LEVEL_NO_SPONSOR"
SEVERITY = Severity.HIGH
TITLE = _("Executives in the chain, no leader of ours")
MESSAGE = _(
    "The chain has executives (%(contacts)s), but no leader of ours, a %(needed)s or above, takes part in "
    "the project."
)
REASON = _(
    "A rep cannot give an executive what they care about: enterprise benefit, and a counterpart who can "
    "decide. Only our own leaders can, and they come in through internal selling (内部销售)."
)
NEXT_STEP = _(
    "Sell the project inside first: brief a %(needed)s or someone more senior, draw them into the project, "
    "then plan the executive meetings with them."
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
    if not executives:
        return []
    # The same rank PARITY_GAP asks for: at parity with the most senior executive in the chain.
    needed = rank_needed(max(m.level for m in executives), plan.thresholds)
    if any(p.rank >= needed for p in our_people(plan)):
        return []
    return [
        warn(
            Subject.section(Section.INTERNAL_SELLING),
            message=interpolate(MESSAGE, contacts=labels(executives), needed=rank_word(needed)),
            reason=REASON,
            next_step=interpolate(NEXT_STEP, needed=rank_word(needed)),
            lesson=LESSON_16,
        )
    ]
