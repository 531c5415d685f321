"""The parity rule (责权利对等) and the roles it computes.

A contact whose level is `thresholds.parity_gap` or more steps above the rank of the person on our side
who owns the relationship is not at parity: they are 高层 (high-level) *for us*, whatever their title.
"""

from projects.rules.codes import Role
from projects.rules.data import ChainMember, Person, PlanData, Thresholds


def effective_owner(plan: PlanData, member: ChainMember) -> Person:
    """Who holds this relationship on our side: the member's owner, or else the project owner."""
    return member.owner or plan.owner


def parity_gap(plan: PlanData, member: ChainMember) -> int:
    """Contact level minus the owner's rank: 0 is parity (rep ↔ bridge), 2 is 采购副总 ↔ rep."""
    return member.level - effective_owner(plan, member).rank


def is_high_level(plan: PlanData, member: ChainMember) -> bool:
    """The computed 高层 role: not at parity with the person who deals with them."""
    return parity_gap(plan, member) >= plan.thresholds.parity_gap


def member_roles(plan: PlanData, member: ChainMember) -> frozenset[str]:
    """The typed roles, plus "high_level" when parity says so."""
    if is_high_level(plan, member):
        return member.roles | {Role.HIGH_LEVEL}
    return member.roles


def is_executive(member: ChainMember, thresholds: Thresholds) -> bool:
    """An executive by title (高层 or 决策层), whoever owns the relationship."""
    return member.level >= thresholds.high_level
