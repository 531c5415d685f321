"""ONE_WAY_RECIPROCITY: giving again and again without asking anything back (互惠)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_RECAP, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.data import ChainMember, PlanData
from projects.rules.evidence import evidence

CODE = "ONE_WAY_RECIPROCITY"
SEVERITY = Severity.LOW
TITLE = _("Giving without asking")
MESSAGE = _("%(contact)s has received %(gives)s things from us and nothing has been asked in return.")
REASON = _(
    "Reciprocity runs both ways: every step asks the customer for something back (value, gratitude, "
    "return, more value), and a relationship grows from small asks."
)
NEXT_STEP = _(
    "Ask for something small next time (information, an introduction, a small favour) and record it as "
    "an ask."
)

warn = warning_factory(CODE, SEVERITY)


def gives(plan: PlanData, member: ChainMember) -> int:
    """Resources and gifts handed over: in logged activities with this contact, and resources marked given
    in their resource plan (counted once when both record the same resource)."""
    return evidence(plan, member).given


def asked(plan: PlanData, member: ChainMember) -> bool:
    """Any ask naming this contact, or naming no one in an activity with them; planned asks count."""
    for activity in plan.activities:
        for ask in activity.asks:
            if ask.contact_id == member.contact_id:
                return True
            if ask.contact_id is None and member.contact_id in activity.contact_ids:
                return True
    return False


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for member in plan.members:
        given = gives(plan, member)
        if given < plan.thresholds.reciprocity_gives or asked(plan, member):
            continue
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(MESSAGE, contact=member.label, gives=given),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_RECAP,
            )
        )
    return warnings
