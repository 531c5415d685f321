"""The plan as the templates draw it (项目计划的视图): one view of the plain data and its warnings that serves
the project page, the plan page, a submitted version and the PDF.

`plan_view(plan, warnings, ...)` takes the plan's plain data (projects.rules.data.PlanData, from the
loader or a stored version) and the engine's warnings for it, and arranges them by section: the chain's
cards and map, the control points and what covers them, the resource plan, internal selling, the activity
plan with its parity check, competition, tender plan, the exchange table, and each section's warnings and
review comments. Labels are looked up when drawn (the `label` template filter).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from accounts.orgchart import DrawStep, build_org_chart, drawing_steps
from projects.deals.labels import ROLE_LABELS, label
from projects.rules import CATALOGUE, SEVERITY_ORDER, Warning, control_point_coverage
from projects.rules.base import SECTION_LABELS, Section, Severity, Text
from projects.rules.codes import Role, TenderItemKind
from projects.rules.course import (
    CONTROL_POINTS,
    INTERNAL_TARGETS,
    RECOMMENDED_STRATEGY,
    RESOURCES,
    STATE_SIGNS,
)
from projects.rules.data import Activity, ChainMember, Contact, Person, PlanData, TenderItem
from projects.rules.evidence import Evidence, evidence, runs_ahead
from projects.rules.exchange import Exchange, exchange
from projects.rules.parity import (
    ContactFooting,
    activity_parity,
    effective_owner,
    leader_to_ask,
    member_roles,
    parity_gap,
)
from projects.rules.resources import ResourceRow, resource_rows

# Long lists a page draws first in part (plan_view's `shorten`); the rest load when asked, so a chain of a
# thousand people or a plan of a thousand activities still draws in a few hundred milliseconds.
LISTS = ("chain", "pains", "resources", "activities", "warnings")
FIRST_COVERING = 8  # what covers a control point, named


@dataclass(frozen=True)
class FirstDrawn:
    """How much of each long list is drawn when it is drawn in part."""

    cards: int = 80  # the chain map's top levels that fit
    unplaced: int = 24
    rows: int = 30  # people in the pain chain and the resource plan, the most senior first
    planned: int = 10  # the soonest planned activities
    done: int = 10  # the latest done ones
    warnings: int = 12  # per severity


PAGE_FIRST = FirstDrawn()
# Above these, a plan's PDF is by default the manager's summary: laid out in full it takes tens of seconds.
SUMMARY_ABOVE_MEMBERS, SUMMARY_ABOVE_ACTIVITIES = 150, 300
# The PDF of a very large plan is the summary a manager reads (a full listing is asked for explicitly).
PDF_SUMMARY = FirstDrawn(cards=150, unplaced=40, rows=60, planned=20, done=50, warnings=40)

# The colour of a card follows the most telling role.
ROLE_PRIORITY = [Role.HIGH_LEVEL, Role.BRIDGE, Role.COACH, Role.KEY, Role.GENERAL]
SUBJECT_ANCHORS = {"contact": "member", "activity": "activity", "section": "section"}
PARITY_CODES = ("PARITY_GAP", "PARITY_ARRANGED")  # drawn in the card's parity line, not as chips


@dataclass(frozen=True)
class ShownWarning:
    """A warning as a page draws it: with the catalogue's name for it, a unique anchor and a link to its
    subject. Reads as the warning itself (message, next_step...)."""

    warning: Warning
    anchor: str
    title: Text

    def __getattr__(self, name: str) -> Any:
        return getattr(self.warning, name)

    @property
    def link(self) -> str:
        subject = self.warning.subject
        return f"#{SUBJECT_ANCHORS.get(str(subject.kind), 'section')}-{subject.id}"


@dataclass
class Card:
    """A chain member's card on the decision-chain map."""

    member: ChainMember
    roles: list[tuple[str, Any]]
    gap: int
    at_parity: bool
    owner: Person
    evidence: Evidence  # what the record supports, beside the rep's own rating (member.depth)
    rated_above_record: bool  # the rating runs ahead of the record (DEPTH_AHEAD_OF_RECORD)
    warnings: list[ShownWarning] = field(default_factory=list)
    ask: Person | None = None  # the leader of ours the parity advice names, to ask with one tap

    @property
    def contact(self) -> Contact:
        return self.member.contact

    @property
    def primary_role(self) -> str:
        return self.roles[0][0] if self.roles else "none"

    @property
    def anchor(self) -> str:
        return f"member-{self.member.contact_id}"

    @property
    def parity_warning(self) -> ShownWarning | None:
        """PARITY_GAP, or PARITY_ARRANGED (已安排) when a leader of ours is planned to meet them."""
        return next((w for w in self.warnings if w.code in PARITY_CODES), None)

    @property
    def other_warnings(self) -> list[ShownWarning]:
        return [w for w in self.warnings if w.code not in PARITY_CODES]


@dataclass(frozen=True)
class ActivityRow:
    activity: Activity
    ours: list[Person]
    theirs: list[Contact]
    top_contact: Contact | None
    top_ours: Person | None
    gap: int | None
    parity_flag: bool
    footing: str  # projects.rules.parity.Footing of the telling contact, "" when nobody is named
    overdue: bool
    warnings: list[ShownWarning]
    visit_sheet_id: int | None

    @property
    def anchor(self) -> str:
        return f"activity-{self.activity.id}"


@dataclass(frozen=True)
class ControlPointRow:
    number: int
    title: Any
    status: str
    actions: tuple[str, ...]
    covered_by: list[str]
    covered_by_more: bool  # more covers it than are named
    missing: bool

    @property
    def anchor(self) -> str:
        return f"cp-{self.number}"


@dataclass(frozen=True)
class ResourceEntry:
    code: str
    label: Any
    given: bool
    planned: bool
    items: list


@dataclass(frozen=True)
class ResourceView:
    row: ResourceRow
    groups: list[tuple[Any, list[ResourceEntry]]]
    warnings: list[ShownWarning]

    @property
    def member(self) -> ChainMember:
        return self.row.member

    @property
    def anchor(self) -> str:
        return f"resources-{self.row.member.contact_id}"


@dataclass
class PlanView:
    plan: PlanData
    today: date
    warnings: list[ShownWarning]
    cards: list[Card]
    tree: list[DrawStep]
    unplaced: list[Card]
    activities: list[ActivityRow]
    control_points: list[ControlPointRow]
    resources: list[ResourceView]
    internal_selling: list[tuple[str, Any, list]]
    competitors: list[tuple[Any, list[Contact]]]
    tender_groups: list[tuple[str, Any, list[tuple[TenderItem, list[Contact]]]]]
    deal: Exchange
    section_warnings: dict[str, list[ShownWarning]]
    comments: dict[str, list]
    activity_total: int = 0
    pain_cards: list[Card] = field(default_factory=list)  # the pain chain's rows
    left_out: dict[str, int] = field(default_factory=dict)  # list → items not drawn (see LISTS)
    first: FirstDrawn = PAGE_FIRST

    @property
    def warning_groups(self) -> list[tuple[str, list[ShownWarning]]]:
        """Per severity, most severe first: (severity, its warnings drawn, how many more it has)."""
        groups = defaultdict(list)
        for warning in self.warnings:
            groups[str(warning.severity)].append(warning)
        first = self.first.warnings if "warnings" in self.left_out else None
        return [
            (severity, groups[severity][:first], len(groups[severity][first:]) if first else 0)
            for severity in Severity
            if groups[severity]
        ]

    @property
    def warnings_drawn(self) -> list[ShownWarning]:
        """The warnings a list of them draws: all, or the first of each severity when shortened."""
        if "warnings" not in self.left_out:
            return self.warnings
        return [warning for _severity, drawn, _more in self.warning_groups for warning in drawn]

    @property
    def engaged(self) -> list:
        """Our people taking part besides the owner."""
        return [e for e in self.plan.engagements if e.person.id != self.plan.owner.id]

    @property
    def contacts_not_in_chain(self) -> list[Contact]:
        in_chain = {member.contact_id for member in self.plan.members}
        return [contact for contact in self.plan.contacts if contact.id not in in_chain]

    @property
    def strategy(self) -> dict:
        recommended, advice = RECOMMENDED_STRATEGY.get(self.plan.state, ("", ""))
        return {
            "recommended": label("strategy", recommended) if recommended else "",
            "advice": advice,
            "differs": bool(recommended) and self.plan.strategy not in ("", recommended),
        }

    @property
    def signs(self) -> list[dict]:
        """Every sign of the three states, ticked where observed, so the rep sees what else to look for."""
        observed = set(self.plan.state_signs)
        return [
            {"state": state, "signs": [{"code": c, "label": lab, "seen": c in observed} for c, lab in signs]}
            for state, signs in STATE_SIGNS.items()
        ]

    @property
    def notes(self) -> dict[str, dict]:
        """Per section: its label, its own warnings and its review comments."""
        return {
            str(section): {
                "code": str(section),
                "label": SECTION_LABELS[section],
                "warnings": self.section_warnings.get(str(section), []),
                "comments": self.comments.get(str(section), []),
            }
            for section in Section
        }


def needs_summary(plan: PlanData) -> bool:
    return len(plan.members) > SUMMARY_ABOVE_MEMBERS or len(plan.activities) > SUMMARY_ABOVE_ACTIVITIES


def plan_view(
    plan: PlanData,
    warnings: list[Warning],
    *,
    today: date,
    comments: dict | None = None,
    visit_sheets: dict[int, int] | None = None,
    shorten: frozenset[str] = frozenset(),
    first: FirstDrawn = PAGE_FIRST,
) -> PlanView:
    """`visit_sheets`: activity id → the visit sheet it came from (the live plan only). `shorten`: the
    long lists (LISTS) to draw in part; the PDF and versions draw everything."""
    shown = _shown(warnings)
    by_contact, by_activity, by_section = defaultdict(list), defaultdict(list), defaultdict(list)
    for warning in shown:
        subject = warning.subject
        {"contact": by_contact, "activity": by_activity}.get(str(subject.kind), by_section)[
            subject.id if str(subject.kind) != "section" else str(subject.id)
        ].append(warning)
    cards = [_card(plan, member, by_contact.get(member.contact_id, [])) for member in plan.members]
    roots = build_org_chart(
        cards, key=lambda card: card.contact.id, parent_of=lambda c: c.contact.reports_to_id
    )
    max_cards = first.cards if "chain" in shorten else None
    if len(cards) < 2:
        tree, unplaced = drawing_steps(roots, max_cards=max_cards), []
    else:
        tree = drawing_steps([node for node in roots if node.children], max_cards=max_cards)
        unplaced = [node.item for node in roots if not node.children]
    left_out = {}
    if "chain" in shorten:
        left_out["chain"] = sum(step.hidden for step in tree) + len(unplaced[first.unplaced :])
        unplaced = unplaced[: first.unplaced]
    pain_cards = cards
    if "pains" in shorten:
        pain_cards, left_out["pains"] = cards[: first.rows], len(cards[first.rows :])
    resources = [_resources(row, by_contact.get(row.member.contact_id, [])) for row in resource_rows(plan)]
    if "resources" in shorten:
        resources, left_out["resources"] = resources[: first.rows], len(resources[first.rows :])
    activities = _activities(plan, by_activity, today, visit_sheets or {})
    if "activities" in shorten:
        planned = [row for row in activities if not row.activity.done][: first.planned]
        done = [row for row in activities if row.activity.done][: first.done]
        left_out["activities"] = len(activities) - len(planned) - len(done)
        activity_total, activities = len(activities), planned + done
    else:
        activity_total = len(activities)
    if "warnings" in shorten:
        by_severity = defaultdict(int)
        for warning in shown:
            by_severity[str(warning.severity)] += 1
        left_out["warnings"] = sum(max(0, n - first.warnings) for n in by_severity.values())
    return PlanView(
        plan=plan,
        today=today,
        warnings=shown,
        cards=cards,
        tree=tree,
        unplaced=unplaced,
        activities=activities,
        activity_total=activity_total,
        left_out=left_out,
        first=first,
        control_points=_control_points(plan, {w.code for w in shown}),
        resources=resources,
        pain_cards=pain_cards,
        internal_selling=[
            (code, target, [s for s in plan.internal_sales if s.target == code])
            for code, target in INTERNAL_TARGETS
        ],
        competitors=[
            (c, [contact for cid in c.supporter_ids if (contact := plan.contact(cid))])
            for c in plan.competitors
        ],
        tender_groups=[
            (
                kind,
                label("tender_kind", kind),
                [
                    (item, [contact for cid in item.contact_ids if (contact := plan.contact(cid))])
                    for item in plan.tender
                    if item.kind == kind
                ],
            )
            for kind in TenderItemKind
        ],
        deal=exchange(plan),
        section_warnings=dict(by_section),
        comments=comments or {},
    )


def _shown(warnings: list[Warning]) -> list[ShownWarning]:
    taken: set[str] = set()
    shown = []
    for warning in sorted(warnings, key=lambda w: SEVERITY_ORDER.get(w.severity, 3)):
        anchor = base = f"w-{warning.code}-{warning.subject.kind}-{warning.subject.id}"
        number = 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        title = CATALOGUE[warning.code][1] if warning.code in CATALOGUE else Text(warning.code)
        shown.append(ShownWarning(warning, anchor, title))
    return shown


def _card(plan: PlanData, member: ChainMember, warnings: list[ShownWarning]) -> Card:
    roles = member_roles(plan, member)
    gap = parity_gap(plan, member)
    found = evidence(plan, member)
    return Card(
        member=member,
        roles=[(str(role), ROLE_LABELS[role]) for role in ROLE_PRIORITY if role in roles],
        gap=gap,
        at_parity=gap < plan.thresholds.parity_gap,
        owner=effective_owner(plan, member),
        evidence=found,
        rated_above_record=runs_ahead(member.depth, found, plan.thresholds),
        warnings=warnings,
        # Only a relationship not at parity, with nobody asked yet, offers the one-tap ask.
        ask=None if gap < plan.thresholds.parity_gap or member.asked else leader_to_ask(plan, member),
    )


def _activities(plan: PlanData, warnings: dict, today: date, sheets: dict[int, int]) -> list[ActivityRow]:
    """Planned activities first (soonest first), then what was done, newest first."""
    planned = sorted((a for a in plan.activities if not a.done), key=lambda a: (a.date, a.id))
    done = [a for a in plan.activities if a.done]
    rows = []
    for activity in planned + done:
        theirs = [contact for cid in activity.contact_ids if (contact := plan.contact(cid))]
        # Parity is about who shows up: the telling contact (a gap first, then the widest) against the most
        # senior of ours present, judged as the PARITY_GAP rule judges it.
        telling: ContactFooting | None = next(iter(activity_parity(plan, activity)), None)
        rows.append(
            ActivityRow(
                activity=activity,
                ours=list(activity.our_people),
                theirs=theirs,
                top_contact=telling.contact if telling else None,
                top_ours=telling.ours if telling else None,
                gap=telling.gap if telling else None,
                parity_flag=bool(telling and telling.at_a_gap),
                footing=str(telling.footing) if telling else "",
                overdue=not activity.done and activity.date < today,
                warnings=warnings.get(activity.id, []),
                visit_sheet_id=sheets.get(activity.id),
            )
        )
    return rows


def _control_points(plan: PlanData, codes: set[str]) -> list[ControlPointRow]:
    coverage = control_point_coverage(plan, first=FIRST_COVERING + 1)
    return [
        ControlPointRow(
            number=number,
            title=title,
            status=plan.control_point(number).status,
            actions=plan.control_point(number).actions,
            covered_by=coverage[number][:FIRST_COVERING],
            covered_by_more=len(coverage[number]) > FIRST_COVERING,
            missing=f"CP{number}_MISSING" in codes,
        )
        for number, title in CONTROL_POINTS.items()
    ]


def _resources(row: ResourceRow, warnings: list[ShownWarning]) -> ResourceView:
    items_by_code = defaultdict(list)
    for item in row.member.resource_plan:
        items_by_code[item.resource].append(item)
    given, planned = set(row.given), set(row.planned)
    groups = []
    for group_label, entries in RESOURCES.values():
        shown = [
            ResourceEntry(
                code=code,
                label=entry_label,
                given=code in given,
                planned=code in planned,
                items=items_by_code.get(code, []),
            )
            for code, entry_label in entries
            if code in given or code in planned or code in items_by_code
        ]
        groups.append((group_label, shown))
    return ResourceView(
        row=row, groups=groups, warnings=[w for w in warnings if w.code == "KEY_CONTACT_NO_RESOURCE"]
    )
