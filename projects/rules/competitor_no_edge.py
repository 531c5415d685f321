"""COMPETITOR_NO_EDGE: a competitor against whom we wrote down no edge of ours."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_TENDER,
    Section,
    Severity,
    Subject,
    Warning,
    interpolate,
    warning_factory,
)
from projects.rules.data import PlanData

CODE = "COMPETITOR_NO_EDGE"
SEVERITY = Severity.LOW
TITLE = _("No edge over a competitor")
MESSAGE = _("No edge over %(name)s recorded.")
REASON = _("Without our edge, the tender documents and the executives hear only theirs.")
NEXT_STEP = _("Write down what we do better, then agree (lawfully) which of it goes into the tender.")

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    return [
        warn(
            Subject.section(Section.COMPETITION),
            message=interpolate(MESSAGE, name=competitor.name),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_TENDER,
        )
        for competitor in plan.competitors
        if not competitor.our_edge.strip()
    ]
