"""COACH_OVERASKED: asking a coach to swing the decision (教练是导游，不是师父), typed as an ask or written in
an activity's goal or an ask's words."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import AskKind, Role
from projects.rules.data import Activity, ChainMember, PlanData
from projects.rules.reading import asks_to_sway, named_in

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


def _concerns(text: str, coach: ChainMember, met: list[ChainMember]) -> bool:
    """Words naming people concern those people; words naming no one concern everyone met."""
    named = named_in(text, met)
    return coach in named if named else True


def overasked(plan: PlanData, activity: Activity, coach: ChainMember) -> bool:
    """ "你不要指望教练去帮你扳回一程啊，在里面影响决策…教练是你的导游啊，他不是你的师傅" [lesson 12]."""
    met = plan.members_of(activity)
    for ask in activity.asks:
        if ask.contact_id not in (None, coach.contact_id):
            continue
        if ask.kind == AskKind.INFLUENCE_DECISION:
            return True
        if asks_to_sway(ask.text) and (ask.contact_id == coach.contact_id or _concerns(ask.text, coach, met)):
            return True
    return asks_to_sway(activity.goal) and _concerns(activity.goal, coach, met)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for activity in plan.activities:  # logged or planned: the plan is what matters
        for coach in plan.members_of(activity):
            if Role.COACH not in coach.roles or not overasked(plan, activity, coach):
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
