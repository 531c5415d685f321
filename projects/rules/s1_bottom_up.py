"""S1_BOTTOM_UP: a project locked elsewhere (竞争劣势) worked from the bottom."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Section, Severity, Subject, Warning, warning_factory
from projects.rules.codes import State, Strategy
from projects.rules.data import PlanData
from projects.rules.parity import is_executive

CODE = "S1_BOTTOM_UP"
SEVERITY = Severity.HIGH
TITLE = _("Locked-out project worked bottom-up")
MESSAGE_NO_EXECUTIVE = _(
    "The project is in state S1 (locked elsewhere) and no activity, done or planned, reaches an executive "
    "contact."
)
MESSAGE_BOTTOM_UP = _("The project is in state S1 (locked elsewhere) but its strategy is bottom-up.")
REASON = _(
    "In a project locked elsewhere the base level can no longer decide: top-down is the only way. "
    "Bottom-up pays only for a project that will keep expanding for five to ten years."
)
NEXT_STEP = _(
    "Go with your leader to the VP in charge of the decision, better the general manager who holds the "
    "purse; put that meeting in the plan now."
)

warn = warning_factory(CODE, SEVERITY)


def reaches_executive(plan: PlanData) -> bool:
    return any(
        is_executive(member, plan.thresholds)
        for activity in plan.activities
        for member in plan.members_of(activity)
    )


def check(plan: PlanData, today: date) -> list[Warning]:
    if plan.state != State.S1:
        return []
    if plan.strategy == Strategy.BOTTOM_UP:
        message = MESSAGE_BOTTOM_UP
    elif not reaches_executive(plan):
        message = MESSAGE_NO_EXECUTIVE
    else:
        return []
    return [
        warn(
            Subject.section(Section.STATE),
            message=message,
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_12,
        )
    ]
