"""KEY_CONTACT_NO_RESOURCE: a key contact with nothing given and nothing planned (资源计划)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_2,
    Severity,
    Subject,
    Warning,
    course_label,
    interpolate,
    warning_factory,
)
from projects.rules.course import ALL_RESOURCES
from projects.rules.data import PlanData
from projects.rules.moments import under_way
from projects.rules.resources import resource_rows

CODE = "KEY_CONTACT_NO_RESOURCE"
SEVERITY = Severity.LOW
TITLE = _("Key contact without resources")
MESSAGE = _("Nothing given or planned for %(contact)s.")
REASON = _("Leverage without weights does nothing: a key relationship grows on resources.")
NEXT_STEP = _("Plan the suggested resource: %(resource)s.")

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    if not under_way(plan):
        return []  # resources follow what the first visits learn the contact cares about
    return [
        warn(
            Subject.contact(row.member),
            message=interpolate(MESSAGE, contact=row.member.label),
            reason=REASON,
            next_step=interpolate(NEXT_STEP, resource=course_label(ALL_RESOURCES[row.suggested])),
            lesson=LESSON_2,
        )
        for row in resource_rows(plan)
        if not row.given and not row.planned and row.suggested
    ]
