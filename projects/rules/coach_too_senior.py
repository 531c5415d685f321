"""COACH_TOO_SENIOR: a coach at executive level — luck, not a decision maker."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import Role
from projects.rules.data import PlanData
from projects.rules.parity import is_executive
from projects.rules.words import level_word

CODE = "COACH_TOO_SENIOR"
SEVERITY = Severity.LOW
TITLE = _("Senior coach")
MESSAGE = _("Coach %(contact)s is a senior person (%(level)s).")
REASON = _(
    "A coach rarely sits high: winning a senior one is luck, not selling skill, and it does not make them "
    "the one who decides for you."
)
NEXT_STEP = _(
    "Enjoy the luck, but let the coach guide you: ask many questions, make few demands, and take the "
    "decision itself to the right people with your leaders."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    return [
        warn(
            Subject.contact(member),
            message=interpolate(MESSAGE, contact=member.label, level=level_word(member.level)),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_12,
        )
        for member in plan.members
        if Role.COACH in member.roles and is_executive(member, plan.thresholds)
    ]
