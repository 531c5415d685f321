"""NO_BRIDGE: past the first visit and still no bridge (桥梁) in the chain (not in an S3 project)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Section, Severity, Subject, Warning, warning_factory
from projects.rules.codes import Role, State
from projects.rules.data import PlanData
from projects.rules.moments import first_meeting

CODE = "NO_BRIDGE"
SEVERITY = Severity.HIGH
TITLE = _("No bridge found")
MESSAGE = _(
    "The project is past its first visit, but no contact in the chain is marked as the bridge (桥梁)."
)
REASON = _(
    "The bridge is the one person in procurement who reaches down to the executing team and up to the "
    "leadership team, and is at parity with you; finding them is the first goal of the first visits."
)
NEXT_STEP = _(
    "Find out who runs procurement day to day (often the 采购组长, sometimes in planning or the user "
    "department); invite them to a site visit or a business activity, and mark them as the bridge."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    # In S3 no procurement person faces us yet ("没有对外对接外部的招采人员"), and the course's S3 strategy is
    # to find a coach and reach the executives first [lesson 12]: there is no bridge to find.
    if plan.state == State.S3 or first_meeting(plan) is None:
        return []
    if any(Role.BRIDGE in m.roles for m in plan.members):
        return []
    return [
        warn(
            Subject.section(Section.CHAIN),
            message=MESSAGE,
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_12,
        )
    ]
