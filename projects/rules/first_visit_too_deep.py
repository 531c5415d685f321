"""FIRST_VISIT_TOO_DEEP: private topics or a private activity on a first meeting (交浅言深)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import Topic
from projects.rules.data import Activity, PlanData

CODE = "FIRST_VISIT_TOO_DEEP"
SEVERITY = Severity.MEDIUM
TITLE = _("Too deep on a first meeting")
MESSAGE = _(
    "%(activity)s was the first meeting with %(contacts)s and included private topics or a private activity."
)
REASON = _(
    "On a first meeting the customer guards their privacy and safety; never go deep on a shallow "
    "acquaintance (交浅言深)."
)
NEXT_STEP = _(
    "Keep the next meetings in working mode: no private topics in the office, steady and low-key; leave "
    "personal topics for the customer to raise."
)

warn = warning_factory(CODE, SEVERITY)


def first_meetings(plan: PlanData) -> dict[int, Activity]:
    """Each contact's earliest logged activity (ties broken by id, so the answer is stable)."""
    first: dict[int, Activity] = {}
    for activity in sorted(plan.done_activities(), key=lambda a: (a.date, a.id)):
        for contact_id in activity.contact_ids:
            first.setdefault(contact_id, activity)
    return first


def check(plan: PlanData, today: date) -> list[Warning]:
    first = first_meetings(plan)
    warnings = []
    for activity in sorted(plan.done_activities(), key=lambda a: (a.date, a.id)):
        if not (activity.is_private or Topic.PRIVATE in activity.topics):
            continue
        # A contact we already knew from elsewhere (a friend's introduction, classmates) is not shallow.
        strangers = [
            m
            for m in plan.members_of(activity)
            if first.get(m.contact_id) is activity and not m.acquaintance.strip()
        ]
        if not strangers:
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(
                    MESSAGE, activity=subject.label, contacts=tuple(m.label for m in strangers)
                ),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_12,
            )
        )
    return warnings
