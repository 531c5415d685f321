"""VISIT_NO_REASON: a logged visit that does not say why the customer agreed to meet."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import ActivityKind
from projects.rules.data import PlanData

CODE = "VISIT_NO_REASON"
SEVERITY = Severity.MEDIUM
TITLE = _("Visit without the customer's reason to meet")
MESSAGE = _("%(activity)s does not say why the customer agreed to meet.")
REASON = _(
    "Why the customer agreed to meet you in working hours, and what they expect from you, is the one "
    "thing every first visit must bring back; without it the visit is a question mark."
)
NEXT_STEP = _(
    "Write down what the customer expects from you; if you don't know, make it the first question of the "
    "next call."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for activity in plan.done_activities():
        if activity.kind != ActivityKind.VISIT or activity.reason_met.strip():
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(MESSAGE, activity=subject.label),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_12,
            )
        )
    return warnings
