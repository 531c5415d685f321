"""NEGOTIATION_GAP_OPEN: the terms offered do not close the gap between the two offers (谈判交换)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_TENDER,
    Section,
    Severity,
    Subject,
    Warning,
    interpolate,
    money,
    warning_factory,
)
from projects.rules.data import PlanData
from projects.rules.exchange import exchange

CODE = "NEGOTIATION_GAP_OPEN"
SEVERITY = Severity.MEDIUM
TITLE = _("Price gap not closed")
MESSAGE = _(
    "The terms offered are worth %(value)s to them and the price gap is %(gap)s: %(open)s is still open."
)
REASON = _(
    "Negotiation is exchange: find terms worth little to us and much to them, price each for both "
    "sides, and close the gap between the two offers."
)
NEXT_STEP = _("Offer more terms from the table, or find new ones (earlier delivery, remote support).")

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    table = exchange(plan)
    if table.closed is not False:
        return []
    return [
        warn(
            Subject.section(Section.NEGOTIATION),
            message=interpolate(
                MESSAGE, value=money(table.offered_value), gap=money(table.gap), open=money(table.open_by)
            ),
            reason=REASON,
            next_step=NEXT_STEP,
            lesson=LESSON_TENDER,
        )
    ]
