"""HIGH_LEVEL_PRODUCT_TALK: product features for an executive who answers for results (鸡同鸭讲)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_16, Severity, Subject, Warning, interpolate, labels, warning_factory
from projects.rules.codes import EXECUTIVE_TOPICS, Topic
from projects.rules.data import PlanData
from projects.rules.parity import is_executive

CODE = "HIGH_LEVEL_PRODUCT_TALK"
SEVERITY = Severity.MEDIUM
TITLE = _("Product talk with an executive")
MESSAGE = _(
    "%(activity)s with %(contacts)s is about product features, with no ROI, long-term value, peer "
    "competition or success case."
)
REASON = _(
    "Executives answer for ROI, current business results and long-term value; talk product features to "
    "them and you talk past them."
)
NEXT_STEP = _(
    "Rework the agenda: short-term ROI, long-term return and long-tail value, what peers are doing, and a "
    "success case from a similar project."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for activity in plan.activities:  # logged or planned
        if Topic.PRODUCT_FEATURES not in activity.topics or activity.topics & EXECUTIVE_TOPICS:
            continue
        executives = [m for m in plan.members_of(activity) if is_executive(m, plan.thresholds)]
        if not executives:
            continue
        subject = Subject.activity(activity)
        warnings.append(
            warn(
                subject,
                message=interpolate(MESSAGE, activity=subject.label, contacts=labels(executives)),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_16,
            )
        )
    return warnings
