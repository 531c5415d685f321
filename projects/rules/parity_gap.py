"""PARITY_GAP: a relationship held across a rank gap (责权利不对等)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_16, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.data import PlanData
from projects.rules.parity import effective_owner, is_high_level, parity_gap

CODE = "PARITY_GAP"
SEVERITY = Severity.HIGH
TITLE = _("Relationship not at parity")
MESSAGE = _("%(contact)s (level %(level)s) is handled by %(owner)s (rank %(rank)s): a gap of %(gap)s.")
REASON = _(
    "Responsibility, authority and interest are not at parity (责权利不对等): an executive answers for "
    "ROI and business results and makes decisions; a rep answers for this year's quota and can only "
    "carry messages."
)
NEXT_STEP = _(
    "Pair this relationship with a leader of ours of rank %(rank)s or above (狐假虎威, borrow the "
    "tiger's authority); make every meeting a conversation with conclusions; talk ROI, long-term value, "
    "peer competition and success cases, not product features."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for member in plan.members:
        if not is_high_level(plan, member):
            continue
        owner = effective_owner(plan, member)
        # The lowest rank that brings the gap back under the threshold.
        matching_rank = member.level - plan.thresholds.parity_gap + 1
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(
                    MESSAGE,
                    contact=member.label,
                    level=member.level,
                    owner=owner.name,
                    rank=owner.rank,
                    gap=parity_gap(plan, member),
                ),
                reason=REASON,
                next_step=interpolate(NEXT_STEP, rank=matching_rank),
                lesson=LESSON_16,
            )
        )
    return warnings
