"""Shape a loaded project for its page: the decision-chain map's cards, warnings by subject, signs."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from accounts.orgchart import DrawStep, build_org_chart, drawing_steps
from projects.deals.loading import LoadedProject
from projects.deals.models import ChainMember, Role, Strategy
from projects.rules import control_point_coverage, data
from projects.rules.course import ALL_STATE_SIGNS, CONTROL_POINTS, RECOMMENDED_STRATEGY, STATE_SIGNS
from projects.rules.parity import effective_owner, member_roles, parity_gap

# The colour of a card follows the most telling role.
ROLE_PRIORITY = ["high_level", Role.BRIDGE, Role.COACH, Role.KEY, Role.GENERAL]
ROLE_LABELS = {"high_level": _("High-level (高层)"), **dict(Role.choices)}


@dataclass
class MemberCard:
    member: ChainMember
    data: data.ChainMember
    roles: list[tuple[str, str]]
    primary_role: str
    gap: int
    at_parity: bool
    owner_name: str
    owner_rank: int
    warnings: list = field(default_factory=list)

    @property
    def contact(self):
        return self.member.contact

    @property
    def anchor(self) -> str:
        return f"member-{self.member.contact_id}"


def member_cards(loaded: LoadedProject, warnings) -> list[MemberCard]:
    plan = loaded.plan
    by_contact = defaultdict(list)
    for warning in warnings:
        if warning.subject.kind == "contact":
            by_contact[warning.subject.id].append(warning)
    cards = []
    for member, plain in zip(loaded.members, plan.members, strict=True):
        roles = member_roles(plan, plain)
        ordered = [role for role in ROLE_PRIORITY if role in roles]
        owner = effective_owner(plan, plain)
        gap = parity_gap(plan, plain)
        cards.append(
            MemberCard(
                member=member,
                data=plain,
                roles=[(role, ROLE_LABELS[role]) for role in ordered],
                primary_role=ordered[0] if ordered else "none",
                gap=gap,
                at_parity=gap < plan.thresholds.parity_gap,
                owner_name=owner.name,
                owner_rank=owner.rank,
                warnings=by_contact.get(member.contact_id, []),
            )
        )
    return cards


@dataclass
class ChainMap:
    tree: list[DrawStep]
    unplaced: list[MemberCard]


def chain_map(cards: list[MemberCard]) -> ChainMap:
    """The org chart of the chain; people with no reporting line to anyone in it stand beside it."""
    roots = build_org_chart(
        cards, key=lambda card: card.contact.pk, parent_of=lambda card: card.contact.reports_to_id
    )
    if len(cards) < 2:
        return ChainMap(tree=drawing_steps(roots), unplaced=[])
    tree = [node for node in roots if node.children]
    unplaced = [node.item for node in roots if not node.children]
    return ChainMap(tree=drawing_steps(tree), unplaced=unplaced)


def warnings_by_severity(warnings) -> list[tuple[str, list]]:
    groups = defaultdict(list)
    for warning in warnings:
        groups[str(warning.severity)].append(warning)
    return [(severity, groups[severity]) for severity in ("high", "medium", "low") if groups[severity]]


def warnings_for_section(warnings, section: str) -> list:
    return [w for w in warnings if w.subject.kind == "section" and w.subject.id == section]


def activity_rows(loaded: LoadedProject, warnings) -> list[dict]:
    """Planned activities first (soonest first), then what was done, newest first."""
    by_activity = defaultdict(list)
    for warning in warnings:
        if warning.subject.kind == "activity":
            by_activity[warning.subject.id].append(warning)
    planned = sorted((a for a in loaded.activities if not a.done), key=lambda a: (a.date, a.pk))
    done = [a for a in loaded.activities if a.done]
    return [
        {
            "activity": activity,
            "anchor": f"activity-{activity.pk}",
            "warnings": by_activity.get(activity.pk, []),
        }
        for activity in planned + done
    ]


def strategy_advice(project) -> dict:
    recommended, advice = RECOMMENDED_STRATEGY.get(project.state, ("", ""))
    return {
        "recommended": Strategy(recommended).label if recommended else "",
        "advice": advice,
        "differs": bool(recommended) and project.strategy not in ("", recommended),
    }


def state_signs(project) -> list[dict]:
    """Every sign of the three states, ticked where observed, so the rep sees what else to look for."""
    observed = set(project.state_signs)
    return [
        {"state": state, "signs": [{"code": c, "label": label, "seen": c in observed} for c, label in signs]}
        for state, signs in STATE_SIGNS.items()
    ]


def observed_signs(project) -> list[str]:
    return [ALL_STATE_SIGNS[code] for code in project.state_signs if code in ALL_STATE_SIGNS]


def control_point_rows(loaded: LoadedProject, warnings) -> list[dict]:
    coverage = control_point_coverage(loaded.plan)
    by_number = {cp.number: cp for cp in loaded.control_points}
    missing = {w.code for w in warnings}
    return [
        {
            "number": number,
            "title": title,
            "point": by_number.get(number),
            "covered_by": coverage.get(number, []),
            "missing": f"CP{number}_MISSING" in missing,
        }
        for number, title in CONTROL_POINTS.items()
    ]
