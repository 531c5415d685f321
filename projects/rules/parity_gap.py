"""PARITY_GAP: a relationship held across a rank gap (责权利不对等), naming the leader of ours to ask; once a
senior-enough leader of ours is planned to meet them, PARITY_ARRANGED instead; who shows up:
PARITY_GAP_ACTIVITY."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_16, Severity, Subject, Text, Warning, interpolate, warning_factory
from projects.rules.data import PlanData
from projects.rules.parity import (
    arranged_meeting,
    effective_owner,
    is_high_level,
    leader_to_ask,
    parity_gap,
    rank_needed,
)
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
# The course's remedy with a name: the nearest leader of the project team's management line senior enough.
NEXT_STEP_NAMED = _(
    "Ask %(leader)s, our %(rank)s, to take this relationship (狐假虎威, borrow the tiger's authority); make "
    "every meeting a conversation with conclusions; talk ROI, long-term value, peer competition and success "
    "cases, not product features."
)
NEXT_STEP_ASKED = _(
    "%(leader)s has been asked to take this relationship and has not answered yet: remind them, or plan a "
    "meeting where they meet %(contact)s."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for member in plan.members:
        if not is_high_level(plan, member) or arranged_meeting(plan, member, today):
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
                next_step=next_step(plan, member),
                lesson=LESSON_16,
            )
        )
    return warnings


def next_step(plan: PlanData, member) -> Text:
    if member.asked is not None:
        return interpolate(NEXT_STEP_ASKED, leader=member.asked.name, contact=member.label)
    leader = leader_to_ask(plan, member)
    if leader is not None:
        return interpolate(NEXT_STEP_NAMED, leader=leader.name, rank=rank_word(leader.rank))
    return interpolate(NEXT_STEP, needed=rank_word(rank_needed(member.level, plan.thresholds)))
