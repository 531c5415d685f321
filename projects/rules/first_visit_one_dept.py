"""FIRST_VISIT_ONE_DEPT: the first visit of the project met a single department."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Text, Warning, interpolate, warning_factory
from projects.rules.base import in_context as pgettext
from projects.rules.codes import ActivityKind, Function
from projects.rules.data import Activity, PlanData

CODE = "FIRST_VISIT_ONE_DEPT"
SEVERITY = Severity.LOW
TITLE = _("First visit met one department")
MESSAGE = _("%(activity)s, the first visit of this project, met only one department (%(departments)s).")
NONE_RECORDED = Text(_("none recorded"))
FUNCTION_LABELS = {
    Function.TECHNICAL: pgettext("department", "technical"),
    Function.PROCUREMENT: pgettext("department", "procurement"),
    Function.USER: pgettext("department", "user department"),
    Function.FINANCE: pgettext("department", "finance"),
    Function.PLANNING: pgettext("department", "planning"),
    Function.MANAGEMENT: pgettext("department", "general management"),
}
REASON = _(
    "On a visit you come as the expert; by the familiarity principle, break the ice with every department "
    "you can reach on the same trip, and don't be lazy about it."
)
NEXT_STEP = _(
    "On the next visit, ask to be walked to procurement, the user department and planning, and record "
    "the other departments you met."
)

warn = warning_factory(CODE, SEVERITY)


def first_visit(plan: PlanData) -> Activity | None:
    visits = [a for a in plan.done_activities() if a.kind == ActivityKind.VISIT]
    return min(visits, key=lambda a: (a.date, a.id), default=None)


def departments_met(plan: PlanData, visit: Activity) -> set[str]:
    return {m.function for m in plan.members_of(visit)} | {d for d in visit.other_departments if d}


def check(plan: PlanData, today: date) -> list[Warning]:
    visit = first_visit(plan)
    if visit is None:
        return []
    departments = departments_met(plan, visit)
    if len(departments) > 1:
        return []
    names = tuple(FUNCTION_LABELS.get(d, d) for d in sorted(departments)) or NONE_RECORDED
    subject = Subject.activity(visit)
    return [
        warn(
            subject,
            message=interpolate(MESSAGE, activity=subject.label, departments=names),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_12,
        )
    ]
