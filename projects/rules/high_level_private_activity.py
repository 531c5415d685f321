"""HIGH_LEVEL_PRIVATE_ACTIVITY: a dinner, KTV or outing with an executive before familiarity exists."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, labels, warning_factory
from projects.rules.codes import Depth, Level, Rank
from projects.rules.data import Activity, ChainMember, PlanData
from projects.rules.evidence import evidence
from projects.rules.parity import effective_owner, is_executive, knows_from_before

CODE = "HIGH_LEVEL_PRIVATE_ACTIVITY"
SEVERITY = Severity.HIGH
TITLE = _("Private activity with an executive too early")
MESSAGE = _(
    "%(activity)s is a private activity with %(contacts)s, before the record shows a familiar relationship, "
    "and none of ours there knew them before."
)
REASON = _(
    "With the top decision level a private activity is a minefield, unless familiarity already exists "
    "(introduced by a friend, classmates in an executive course)."
)
NEXT_STEP = _(
    "Meet through a site visit, a cooperation or a formal banquet first, and judge from there whether the "
    "relationship can grow; otherwise let your leader lead."
)

warn = warning_factory(CODE, SEVERITY)


def too_early_for(plan: PlanData, member: ChainMember, activity: Activity) -> bool:
    """Top decision level always counts; an executive counts when a rep holds the relationship. Familiarity
    is weighed on the record, not on the rating alone (projects.rules.evidence), and a prior acquaintance
    excuses the activity only when the one of ours who has it is there."""
    senior = member.level >= Level.TOP or (
        is_executive(member, plan.thresholds) and effective_owner(plan, member).rank <= Rank.REP
    )
    familiar = min(member.depth, evidence(plan, member).depth) >= Depth.FAMILIAR
    return senior and not familiar and not knows_from_before(plan, member, activity.our_people)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for activity in plan.activities:  # logged or planned
        if not activity.is_private:
            continue
        concerned = [m for m in plan.members_of(activity) if too_early_for(plan, m, activity)]
        if not concerned:
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(MESSAGE, activity=subject.label, contacts=labels(concerned)),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_12,
            )
        )
    return warnings
