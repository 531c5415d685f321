"""FIRST_VISIT_ADVICE: a fresh lead before its first meeting gets the course's first-visit advice."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Section, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import MEETING_KINDS
from projects.rules.data import PlanData
from projects.rules.moments import under_way

CODE = "FIRST_VISIT_ADVICE"
SEVERITY = Severity.LOW
TITLE = _("Prepare the first visit")
MESSAGE_PLANNED = _("%(activity)s will be the first meeting on this lead: prepare what it must bring back.")
MESSAGE_NONE = _("This lead has had no meeting yet: plan the first visit and what it must bring back.")
REASON = _(
    "A first visit must bring back why the customer agreed to meet you in working hours; with it, BANT, "
    "who links the executing and leadership teams (the bridge), each person's pain, the competitors seen "
    "and which of the three states the project is in. The rest of the plan is built from what it learns."
)
NEXT_STEP = _(
    "Before you go, write down what is already known (the company, its market, its executives, its "
    "business problems) and what this visit must learn; walk every department you can reach, keep private "
    "topics for later, and leave with a hook for the next visit."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    if under_way(plan):
        return []
    planned = sorted(
        (a for a in plan.activities if not a.done and a.kind in MEETING_KINDS), key=lambda a: (a.date, a.id)
    )
    if planned:
        subject = Subject.activity(planned[0])
        message = interpolate(MESSAGE_PLANNED, activity=subject.label)
    else:
        subject = Subject.section(Section.ACTIVITIES)
        message = MESSAGE_NONE
    return [warn(subject, message=message, reason=REASON, next_step=NEXT_STEP, lesson=LESSON_12)]
