"""PARITY_GAP: a relationship held across a rank gap (责权利不对等); who shows up: PARITY_GAP_ACTIVITY."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_16, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.data import PlanData
from projects.rules.parity import effective_owner, is_high_level, parity_gap, rank_needed
from projects.rules.words import level_word, rank_word

CODE = "PARITY_GAP"
SEVERITY = Severity.HIGH
TITLE = _("Relationship not at parity")
MESSAGE = _(
    "%(contact)s (%(level)s) is handled by %(owner)s, our %(rank)s: %(gap)s levels apart, not at parity."
)
REASON = _(
    "Responsibility, authority and interest are not at parity (责权利不对等): an executive answers for "
    "ROI and business results and makes decisions; a rep answers for this year's quota and can only "
    "carry messages."
)
NEXT_STEP = _(
    "Pair this relationship with a leader of ours, a %(needed)s or above (狐假虎威, borrow the tiger's "
    "authority); make every meeting a conversation with conclusions; talk ROI, long-term value, peer "
    "competition and success cases, not product features."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for member in plan.members:
        if not is_high_level(plan, member):
            continue
        owner = effective_owner(plan, member)
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(
                    MESSAGE,
                    contact=member.label,
                    level=level_word(member.level),
                    owner=owner.name,
                    rank=rank_word(owner.rank),
                    gap=parity_gap(plan, member),
                ),
                reason=REASON,
                next_step=interpolate(
                    NEXT_STEP, needed=rank_word(rank_needed(member.level, plan.thresholds))
                ),
                lesson=LESSON_16,
            )
        )
    return warnings
