"""S3_SINGLE_TECH: a project not yet real where we only know technical staff."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_12,
    Section,
    Severity,
    Subject,
    Warning,
    interpolate,
    labels,
    warning_factory,
)
from projects.rules.codes import Function, State
from projects.rules.data import PlanData
from projects.rules.parity import is_executive

CODE = "S3_SINGLE_TECH"
SEVERITY = Severity.MEDIUM
TITLE = _("Only technical staff in an early project")
MESSAGE = _(
    "The project is in state S3 (not yet real) and the chain holds only technical staff (%(contacts)s)."
)
REASON = _(
    "While the project is not yet real the customer's guard is at its lowest; serve one technical person "
    "alone and another vendor takes the hatched chick."
)
NEXT_STEP = _("Find a coach and reach the executives now, while the customer still needs outside input.")

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    if plan.state != State.S3 or not plan.members:
        return []
    # A technical VP already reached is an executive, not "technical staff".
    if any(m.function != Function.TECHNICAL or is_executive(m, plan.thresholds) for m in plan.members):
        return []
    return [
        warn(
            Subject.section(Section.STATE),
            message=interpolate(MESSAGE, contacts=labels(plan.members)),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_12,
        )
    ]
