"""HIGH_LEVEL_GIFT: liquor, cigarettes, valuables or anything beyond a small gift for an executive."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    GIFT_KIND_LABELS,
    LESSON_16,
    Severity,
    Subject,
    Warning,
    gift_value,
    interpolate,
    labels,
    money,
    warning_factory,
)
from projects.rules.codes import FORBIDDEN_EXECUTIVE_GIFTS
from projects.rules.data import Activity, PlanData
from projects.rules.parity import is_executive

CODE = "HIGH_LEVEL_GIFT"
SEVERITY = Severity.HIGH
TITLE = _("Unsuitable gift to an executive")
MESSAGE = _(
    "%(activity)s: %(gift)s (%(value)s) for %(contacts)s; for executives the small-gift limit is %(limit)s."
)
REASON = _(
    "A carton of cigarettes or a bottle of liquor means nothing to an executive and cheapens you; a big "
    "gift only makes them suspicious."
)
NEXT_STEP = _(
    "Give only small things: a souvenir with our logo, or consumables. Win the executive with "
    "enterprise benefit instead."
)

warn = warning_factory(CODE, SEVERITY)


def unsuitable(activity: Activity, limit) -> bool:
    if activity.gift_kind in FORBIDDEN_EXECUTIVE_GIFTS:
        return True
    return activity.gift_value is not None and activity.gift_value > limit


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    limit = plan.thresholds.small_gift_limit
    for activity in plan.activities:  # logged or planned
        if not activity.has_gift or not unsuitable(activity, limit):
            continue
        executives = [m for m in plan.members_of(activity) if is_executive(m, plan.thresholds)]
        if not executives:
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(
                    MESSAGE,
                    activity=subject.label,
                    gift=GIFT_KIND_LABELS.get(activity.gift_kind, GIFT_KIND_LABELS[""]),
                    value=gift_value(activity),
                    contacts=labels(executives),
                    limit=money(limit),
                ),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_16,
            )
        )
    return warnings
