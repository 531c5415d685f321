"""LEADER_WOLF_CRY: leaders brought to base-level meetings too often (狼来了)."""

from datetime import date, timedelta

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_2, Section, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import LEADER_RANK, Level
from projects.rules.data import Activity, PlanData

CODE = "LEADER_WOLF_CRY"
SEVERITY = Severity.LOW
TITLE = _("Leaders brought to base-level meetings")
MESSAGE = _(
    "In the last %(days)s days our leaders (%(leaders)s) met only base-level staff %(count)s times "
    "(limit %(limit)s)."
)
REASON = _(
    "Remember the boy who cried wolf: take your leaders to low-level customers too often and they find "
    "the customer is not senior and the relationship is weak, and slowly stop investing in you."
)
NEXT_STEP = _(
    "Save your leaders for meetings where parity needs them, with executives and decisions; meet "
    "base-level staff yourself."
)

warn = warning_factory(CODE, SEVERITY)


def wasted_on_staff(plan: PlanData, activity: Activity) -> bool:
    """A leader of ours came, and everyone met (in the chain) was base-level staff."""
    met = plan.members_of(activity)
    return (
        bool(met)
        and all(m.level <= Level.STAFF for m in met)
        and any(p.rank >= LEADER_RANK for p in activity.our_people)
    )


def check(plan: PlanData, today: date) -> list[Warning]:
    t = plan.thresholds
    since = today - timedelta(days=t.wolf_cry_days)
    wasted = [a for a in plan.done_activities() if since <= a.date <= today and wasted_on_staff(plan, a)]
    if len(wasted) <= t.wolf_cry_limit:
        return []
    leaders = sorted({p.name for a in wasted for p in a.our_people if p.rank >= LEADER_RANK})
    return [
        warn(
            Subject.section(Section.INTERNAL_SELLING),
            message=interpolate(
                MESSAGE,
                days=t.wolf_cry_days,
                leaders=tuple(leaders),
                count=len(wasted),
                limit=t.wolf_cry_limit,
            ),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_2,
        )
    ]
