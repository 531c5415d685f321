"""FIRST_VISIT_TOO_DEEP: private topics or a private activity at a first meeting (交浅言深), even planned."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import Topic
from projects.rules.data import Activity, ChainMember, PlanData
from projects.rules.parity import knows_from_before

CODE = "FIRST_VISIT_TOO_DEEP"
SEVERITY = Severity.MEDIUM
TITLE = _("Too deep on a first meeting")
MESSAGE = _(
    "%(activity)s was the first meeting with %(contacts)s and included private topics or a private activity."
)
MESSAGE_PLANNED = _(
    "%(activity)s would be the first meeting with %(contacts)s, and it is planned as a private activity."
)
MESSAGE_PLANNED_TOPICS = _(
    "%(activity)s would be the first meeting with %(contacts)s, and private topics are on its agenda."
)
REASON = _(
    "On a first meeting the customer guards their privacy and safety; never go deep on a shallow "
    "acquaintance (交浅言深)."
)
NEXT_STEP = _(
    "Keep the next meetings in working mode: no private topics in the office, steady and low-key; leave "
    "personal topics for the customer to raise."
)
NEXT_STEP_PLANNED = _(
    "Make the first meeting a visit in working hours or a formal activity, and keep the private one for when "
    "the customer has shown they want it."
)

warn = warning_factory(CODE, SEVERITY)


def first_meetings(plan: PlanData) -> dict[int, Activity]:
    """Each contact's earliest logged activity (ties broken by id, so the answer is stable)."""
    first: dict[int, Activity] = {}
    for activity in sorted(plan.done_activities(), key=lambda a: (a.date, a.id)):
        for contact_id in activity.contact_ids:
            first.setdefault(contact_id, activity)
    return first


def is_first_planned(plan: PlanData, activity: Activity, contact_id: int) -> bool:
    """A planned activity is the first meeting with a contact nobody has met yet and no earlier activity is
    planned with: "切莫交浅言深" [last lesson] is still preventable."""
    return not any(
        other.done or (other.date, other.id) < (activity.date, activity.id)
        for other in plan.activities_with(contact_id)
        if other is not activity
    )


def _shallow(plan: PlanData, activity: Activity, member: ChainMember, first: dict[int, Activity]) -> bool:
    if activity.done:
        is_first = first.get(member.contact_id) is activity
    else:
        is_first = is_first_planned(plan, activity, member.contact_id)
    # Someone of ours who knew them before (classmates, a friend's introduction) makes it no first
    # acquaintance, but only if that person is there.
    return is_first and not knows_from_before(plan, member, activity.our_people)


def check(plan: PlanData, today: date) -> list[Warning]:
    first = first_meetings(plan)
    warnings = []
    for activity in sorted(plan.activities, key=lambda a: (a.date, a.id)):
        if not (activity.is_private or Topic.PRIVATE in activity.topics):
            continue
        strangers = [m for m in plan.members_of(activity) if _shallow(plan, activity, m, first)]
        if not strangers:
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(
                    MESSAGE
                    if activity.done
                    else MESSAGE_PLANNED
                    if activity.is_private
                    else MESSAGE_PLANNED_TOPICS,
                    activity=subject.label,
                    contacts=tuple(m.label for m in strangers),
                ),
                reason=REASON,
                next_step=NEXT_STEP if activity.done else NEXT_STEP_PLANNED,
                lesson=LESSON_12,
            )
        )
    return warnings
