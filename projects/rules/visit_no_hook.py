"""VISIT_NO_HOOK: a logged visit with no hook (钩子) and nothing planned after it: no activity, no task (待办)
set on it or open after it."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_RECAP, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import ActivityKind
from projects.rules.data import Activity, PlanData

CODE = "VISIT_NO_HOOK"
SEVERITY = Severity.MEDIUM
TITLE = _("Visit without a hook")
MESSAGE = _("%(activity)s leaves no hook, and no next step is planned.")
REASON = _(
    "It takes at least three visits to build a steady first relationship; each visit should leave a hook "
    "that makes the next one natural."
)
NEXT_STEP = _(
    "Record the hook you left (material to send, a question to answer, an introduction) and plan the "
    "next activity."
)

warn = warning_factory(CODE, SEVERITY)


def next_step_planned(plan: PlanData, visit: Activity) -> bool:
    """A planned activity on or after the visit's date counts as its next step; so does a task set on the
    visit's own sheet, or one still open that falls due after it."""
    return any(not a.done and a.date >= visit.date for a in plan.activities) or any(
        task.visit_activity_id == visit.id or (not task.done and (task.due is None or task.due >= visit.date))
        for task in plan.tasks
    )


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for activity in plan.done_activities():
        if activity.kind != ActivityKind.VISIT or activity.hook.strip() or next_step_planned(plan, activity):
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(MESSAGE, activity=subject.label),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_RECAP,
            )
        )
    return warnings
