"""COACH_OVERASKED: asking a coach to swing the decision (教练是导游，不是师父)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import AskKind, Role
from projects.rules.data import PlanData

CODE = "COACH_OVERASKED"
SEVERITY = Severity.MEDIUM
TITLE = _("Coach asked to swing the decision")
MESSAGE = _("%(activity)s asks coach %(contact)s to influence the decision.")
REASON = _(
    "A coach is your tour guide, not your master: they tell you how things really stand, but cannot "
    "swing the decision for you."
)
NEXT_STEP = _(
    "Turn the demand into questions: ask the coach who decides and what they care about, then take the "
    "decision to the people who hold it."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for activity in plan.activities:  # logged or planned: the plan is what matters
        coaches = [m for m in plan.members_of(activity) if Role.COACH in m.roles]
        for coach in coaches:
            asked = any(
                ask.kind == AskKind.INFLUENCE_DECISION and ask.contact_id in (None, coach.contact_id)
                for ask in activity.asks
            )
            if not asked:
                continue
            subject = Subject.activity(activity)
            warnings.append(
                warn(
                    subject,
                    message=interpolate(MESSAGE, activity=subject.label, contact=coach.label),
                    reason=REASON,
                    next_step=NEXT_STEP,
                    lesson=LESSON_12,
                )
            )
    return warnings
