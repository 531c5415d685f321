"""VISIT_NO_REASON: a first visit with someone that does not say why the customer agreed to meet.

"如果是第一次拜访客户的话…一定要带走一个信息，就是…客户为什么愿意在工作时间见你" [lesson 12]: a repeat visit
with people already met has nothing new to say there.
"""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import MEETING_KINDS, ActivityKind
from projects.rules.data import Activity, PlanData

CODE = "VISIT_NO_REASON"
SEVERITY = Severity.MEDIUM
TITLE = _("Visit without the customer's reason to meet")
MESSAGE = _("%(activity)s, the first visit with %(contacts)s, does not say why they agreed to meet.")
MESSAGE_NOBODY = _("%(activity)s does not say why the customer agreed to meet.")
REASON = _(
    "Why the customer agreed to meet you in working hours, and what they expect from you, is the one "
    "thing every first visit must bring back; without it the visit is a question mark."
)
NEXT_STEP = _(
    "Write down what the customer expects from you; if you don't know, make it the first question of the "
    "next call."
)

warn = warning_factory(CODE, SEVERITY)


def first_meetings(plan: PlanData) -> dict[int, Activity]:
    """Each contact's first logged meeting in person (ties broken by id, so the answer is stable)."""
    first: dict[int, Activity] = {}
    meetings = [a for a in plan.done_activities() if a.kind in MEETING_KINDS]
    for meeting in sorted(meetings, key=lambda a: (a.date, a.id)):
        for contact_id in meeting.contact_ids:
            first.setdefault(contact_id, meeting)
    return first


def check(plan: PlanData, today: date) -> list[Warning]:
    first = first_meetings(plan)
    warnings = []
    for activity in plan.done_activities():
        if activity.kind != ActivityKind.VISIT or activity.reason_met.strip():
            continue
        newly_met = [cid for cid in activity.contact_ids if first.get(cid) is activity]
        if activity.contact_ids and not newly_met:
            continue  # everyone there had been met before
        names = tuple(contact.label for cid in newly_met if (contact := plan.contact(cid)))
        subject = Subject.activity(activity)
        if names:
            message = interpolate(MESSAGE, activity=subject.label, contacts=names)
        else:
            message = interpolate(MESSAGE_NOBODY, activity=subject.label)
        warnings.append(
            warn(
                subject,
                message=message,
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_12,
            )
        )
    return warnings
