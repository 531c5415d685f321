"""S3_OVERINVEST: presales and leaders poured into a project that is not yet real (八字没一撇)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Section, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.codes import LEADER_RANK, State
from projects.rules.data import PlanData

CODE = "S3_OVERINVEST"
SEVERITY = Severity.MEDIUM
TITLE = _("Over-investing in a project not yet real")
MESSAGE = _(
    "The project is in state S3 (not yet real) with %(days)s presales days (limit %(days_limit)s) and "
    "%(visits)s activities with our leaders (limit %(visits_limit)s)."
)
REASON = _(
    "A project that is not yet real is simmered slowly, like warming water; pour presales and leaders "
    "into it and, as in the boy who cried wolf, your colleagues stop believing you."
)
NEXT_STEP = _(
    "Manage the customer's expectations, save presales and leaders for real projects, and use the time "
    "to find a coach and reach the executives."
)

warn = warning_factory(CODE, SEVERITY)


def presales_days(plan: PlanData) -> Decimal:
    return sum((a.presales_days for a in plan.activities), Decimal("0"))


def leader_activities(plan: PlanData) -> int:
    """Activities, logged or planned, with one of our people of director rank or above."""
    return sum(1 for a in plan.activities if any(p.rank >= LEADER_RANK for p in a.our_people))


def check(plan: PlanData, today: date) -> list[Warning]:
    if plan.state != State.S3:
        return []
    t = plan.thresholds
    days, visits = presales_days(plan), leader_activities(plan)
    if days <= t.s3_presales_days and visits <= t.s3_leader_visits:
        return []
    return [
        warn(
            Subject.section(Section.STATE),
            message=interpolate(
                MESSAGE,
                days=days,
                days_limit=t.s3_presales_days,
                visits=visits,
                visits_limit=t.s3_leader_visits,
            ),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_12,
        )
    ]
