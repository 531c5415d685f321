"""GIFT_VALUE: any gift above the team's compliance limit that has not been approved."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_RELATIONSHIP,
    Severity,
    Subject,
    Warning,
    interpolate,
    money,
    warning_factory,
)
from projects.rules.data import PlanData

CODE = "GIFT_VALUE"
SEVERITY = Severity.HIGH
TITLE = _("Gift above the compliance limit")
MESSAGE = _(
    "%(activity)s records a gift worth %(value)s, above the compliance limit of %(limit)s, without approval."
)
REASON = _(
    "A relationship is help, not gifts and meals; a gift of this size is a compliance risk for both "
    "sides, and this product never encourages bribery."
)
NEXT_STEP = _("Record the gift and get it approved before giving it, or don't give it.")

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    limit = plan.thresholds.compliance_gift_limit
    for activity in plan.activities:  # logged or planned
        # An approved gift has done what compliance asks: recorded and signed off.
        if activity.gift_value is None or activity.gift_value <= limit or activity.gift_approved:
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(
                    MESSAGE, activity=subject.label, value=money(activity.gift_value), limit=money(limit)
                ),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_RELATIONSHIP,
            )
        )
    return warnings
