"""COACH_RISKY_TYPE: a coach (教练) who is an owl or a koala."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_RECAP, Severity, Subject, Text, Warning, interpolate, warning_factory
from projects.rules.codes import Personality, Role
from projects.rules.data import PlanData

CODE = "COACH_RISKY_TYPE"
SEVERITY = Severity.MEDIUM
TITLE = _("Coach hard to read")
MESSAGE = _("Coach %(contact)s is %(personality)s.")
PERSONALITY_LABELS = {
    Personality.OWL: Text(_("an owl (猫头鹰)")),
    Personality.KOALA: Text(_("a koala (考拉)")),
}
REASON = _(
    "Peacocks, then tigers, grow into coaches; owls and koalas look harmless but are hard to handle and "
    "hard to read."
)
NEXT_STEP = _(
    "Check what this coach tells you against a second source before acting on it, and keep growing a "
    "peacock or a tiger as a coach."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    return [
        warn(
            Subject.contact(member),
            message=interpolate(
                MESSAGE, contact=member.label, personality=PERSONALITY_LABELS[Personality(member.personality)]
            ),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_RECAP,
        )
        for member in plan.members
        if Role.COACH in member.roles and member.personality in PERSONALITY_LABELS
    ]
