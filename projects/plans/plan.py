"""The sales project plan (销售项目计划表) as one plain dict: the snapshot.

Everything the plan page, a submitted version, the version comparison and the PDF show comes from the
same dict shape. The current plan's snapshot is built on the fly from the live data (`load_plan` +
`plan_snapshot`); a submitted version stores it as JSON (PlanSubmission.snapshot) and never changes.

A snapshot holds plain values only: codes for choices (labels are looked up when shown, in the reader's
language), names beside ids, money as strings, dates as ISO strings, and the warnings as text.
`plan_view` turns a snapshot into what the templates read; `compare` words the differences between two
snapshots for a manager; `exchange_table` and `resource_suggestion` are the plan's own arithmetic.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from accounts.models import Contact, Function, Level
from accounts.orgchart import build_org_chart, drawing_steps
from projects.deals import rows
from projects.deals.loading import LoadedProject, load_project
from projects.deals.models import (
    ActivityKind,
    Competitor,
    ControlPointStatus,
    CustomerState,
    Depth,
    GiftKind,
    InternalSaleStatus,
    NegotiationTerm,
    PainKind,
    Project,
    ResourcePlanItem,
    ResourceStatus,
    Role,
    Stage,
    Stance,
    Strategy,
    TenderItem,
    TenderItemKind,
    TenderItemStatus,
    Topic,
)
from projects.plans.models import PLAN_SECTIONS
from projects.rules import control_point_coverage, evaluate
from projects.rules.base import Severity
from projects.rules.course import (
    ALL_RESOURCES,
    ALL_STATE_SIGNS,
    CONTROL_POINTS,
    INTERNAL_TARGETS,
    RECOMMENDED_STRATEGY,
    RESOURCE_ORDER,
    RESOURCES,
    STATE_SIGNS,
)
from projects.rules.parity import effective_owner, member_roles, parity_gap
from salescamp.models import Rank

SNAPSHOT_FORMAT = 1
SECTION_CODES = [code for code, _label in PLAN_SECTIONS]
SECTION_LABELS = dict(PLAN_SECTIONS)

# The colour of a card follows the most telling role (as on the project page).
ROLE_PRIORITY = ["high_level", Role.BRIDGE, Role.COACH, Role.KEY, Role.GENERAL]
ROLE_LABELS = {"high_level": _("High-level (高层)"), **dict(Role.choices)}
# Who gets a row in the resource plan: the people whose relationship carries the deal.
KEY_ROLES = {"high_level", Role.BRIDGE, Role.COACH, Role.KEY}

# Where the engine's warnings sit on the plan page.
WARNING_SECTIONS = {
    "contact": "chain",
    "activity": "activities",
}
ENGINE_SECTION_TO_PLAN = {
    "chain": "chain",
    "activities": "activities",
    "control_points": "control_points",
    "state": "state",
    "engagement": "internal_selling",
}

# ---- plain values ------------------------------------------------------------------------------------


def money(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def to_decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def person(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "name": str(user), "rank": user.rank}


# ---- loading -----------------------------------------------------------------------------------------


@dataclass
class LoadedPlan:
    """A loaded project plus the plan's own sections; every list fetched in one query."""

    base: LoadedProject
    resource_items: list[ResourcePlanItem]
    competitors: list[Competitor]
    tender_items: list[TenderItem]
    terms: list[NegotiationTerm]

    @property
    def project(self) -> Project:
        return self.base.project


def load_plan(project: Project) -> LoadedPlan:
    """`project` from projects.access.project_for. The loader's three queries carry the plan's own rows
    too: the resource plan with the chain members, the rest with the project's small tables."""
    supporters = Competitor.supporters.through.objects.all()
    base = load_project(
        project,
        plan_rows={
            "members": {
                "resource_rows": rows.json_rows(
                    ResourcePlanItem.objects.all(), "member", rows.model_fields(ResourcePlanItem)
                )
            },
            "project": {
                "competitor_rows": rows.json_rows(
                    Competitor.objects.all(), "project", rows.model_fields(Competitor)
                ),
                "supporter_rows": rows.json_rows(
                    supporters,
                    "competitor__project",
                    {"competitor": "competitor_id", **rows.model_fields(Contact, prefix="contact__")},
                ),
                "tender_rows": rows.json_rows(
                    TenderItem.objects.all(), "project", rows.model_fields(TenderItem)
                ),
                "term_rows": rows.json_rows(
                    NegotiationTerm.objects.all(), "project", rows.model_fields(NegotiationTerm)
                ),
            },
        },
    )
    small = base.extra_rows
    competitors = rows.instances(Competitor, small["competitor_rows"])
    backing = defaultdict(list)
    for values in rows.parse(small["supporter_rows"]):
        competitor_id = values.pop("competitor")
        backing[competitor_id].append(rows.instance(Contact, values))
    for competitor in competitors:
        supporters_of = sorted(backing[competitor.pk], key=lambda contact: (-contact.level, contact.name))
        rows.attach(competitor, "supporters", supporters_of)
    return LoadedPlan(
        base=base,
        resource_items=sorted(
            (
                item
                for member in base.members
                for item in rows.instances(ResourcePlanItem, member.resource_rows)
            ),
            key=lambda item: item.pk,
        ),
        competitors=competitors,
        tender_items=rows.instances(TenderItem, small["tender_rows"]),
        terms=rows.instances(NegotiationTerm, small["term_rows"]),
    )


# ---- the plan's own arithmetic ---------------------------------------------------------------------------


def exchange_table(our_price: Any, their_price: Any, terms: list[dict]) -> dict:
    """The negotiation exchange table (谈判交换表) summed against the price gap.

    gap = our offer − their target price. The gap is closed when the offered terms are worth at least
    the gap to the customer. Without both prices there is no gap to close (`closed` is None).
    """
    ours, theirs = to_decimal(our_price), to_decimal(their_price)
    zero = Decimal("0")
    offered = [t for t in terms if t.get("offered")]
    offered_cost = sum((to_decimal(t["cost_to_us"]) or zero for t in offered), zero)
    offered_value = sum((to_decimal(t["value_to_them"]) or zero for t in offered), zero)
    total_cost = sum((to_decimal(t["cost_to_us"]) or zero for t in terms), zero)
    total_value = sum((to_decimal(t["value_to_them"]) or zero for t in terms), zero)
    gap = None if ours is None or theirs is None else ours - theirs
    closed = None if gap is None else offered_value >= gap
    open_by = None if gap is None else max(gap - offered_value, zero)
    return {
        "our_price": money(ours),
        "their_price": money(theirs),
        "gap": money(gap),
        "offered_cost": money(offered_cost),
        "offered_value": money(offered_value),
        "total_cost": money(total_cost),
        "total_value": money(total_value),
        "closed": closed,
        "open_by": money(open_by),
    }


def resource_suggestion(given: set[str], planned: set[str]) -> str | None:
    """The highest-priority resource (in the course's order) neither given nor planned yet."""
    return next((code for code in ALL_RESOURCES if code not in given and code not in planned), None)


def activity_parity(our_people: list[dict], contacts: list[dict], threshold: int) -> dict:
    """Per activity: the highest-level contact against the highest rank of ours present."""
    top_contact = max(contacts, key=lambda c: c["level"], default=None)
    top_ours = max(our_people, key=lambda p: p["rank"], default=None)
    if top_contact is None or top_ours is None:
        return {"contact": top_contact, "ours": top_ours, "gap": None, "flag": False}
    gap = top_contact["level"] - top_ours["rank"]
    return {"contact": top_contact, "ours": top_ours, "gap": gap, "flag": gap >= threshold}


# ---- the snapshot --------------------------------------------------------------------------------------


def plan_snapshot(loaded: LoadedPlan, today: date | None = None) -> dict:
    """Every section of the plan as plain JSON-ready values, with names and warnings."""
    today = today or timezone.localdate()
    base, project = loaded.base, loaded.project
    plan = base.plan
    threshold = plan.thresholds.parity_gap

    members = []
    for member, plain in zip(base.members, plan.members, strict=True):
        roles = member_roles(plan, plain)
        owner = effective_owner(plan, plain)
        members.append(
            {
                "id": member.pk,
                "contact_id": member.contact_id,
                "name": member.contact.name,
                "title": member.contact.title,
                "level": member.contact.level,
                "function": member.contact.function,
                "personality": member.contact.personality,
                "reports_to_id": member.contact.reports_to_id,
                "roles": sorted(member.roles),
                "computed_roles": [str(role) for role in ROLE_PRIORITY if role in roles],
                "stance": member.stance,
                "depth": member.depth,
                "owner": {"id": owner.id, "name": owner.name, "rank": owner.rank},
                "owner_set": member.owner_id is not None,
                "acquaintance": member.acquaintance,
                "gap": parity_gap(plan, plain),
                "at_parity": parity_gap(plan, plain) < threshold,
                "pains": [{"id": p.pk, "text": p.text, "kind": p.kind} for p in member.pains.all()],
            }
        )
    by_contact = {m["contact_id"]: m for m in members}

    planned = sorted((a for a in base.activities if not a.done), key=lambda a: (a.date, a.pk))
    done = [a for a in base.activities if a.done]
    activities = []
    for activity in planned + done:
        ours = [person(user) for user in activity.our_people.all()]
        theirs = [
            {"id": c.pk, "name": c.name, "title": c.title, "level": c.level, "in_chain": c.pk in by_contact}
            for c in activity.contacts.all()
        ]
        activities.append(
            {
                "id": activity.pk,
                "kind": activity.kind,
                "date": activity.date.isoformat(),
                "done": activity.done,
                "our_people": ours,
                "contacts": theirs,
                "goal": activity.goal,
                "hook": activity.hook,
                "outcome": activity.outcome,
                "topics": list(activity.topics),
                "resources": list(activity.resources),
                "control_points": sorted(activity.control_points),
                "gift_kind": activity.gift_kind,
                "gift_value": money(activity.gift_value),
                "parity": activity_parity(ours, theirs, threshold),
            }
        )

    coverage = control_point_coverage(plan)
    warnings = evaluate(plan, today)
    missing = {w.code for w in warnings}
    points = {cp.number: cp for cp in base.control_points}
    control_points = [
        {
            "number": number,
            "status": points[number].status if number in points else ControlPointStatus.NOT_STARTED,
            "actions": points[number].action_list() if number in points else [],
            "covered_by": [str(item) for item in coverage.get(number, [])],
            "missing": f"CP{number}_MISSING" in missing,
        }
        for number in CONTROL_POINTS
    ]

    resources = _resource_rows(members, activities, loaded.resource_items)
    terms = [
        {
            "id": t.pk,
            "term": t.term,
            "cost_to_us": money(t.cost_to_us),
            "value_to_them": money(t.value_to_them),
            "offered": t.offered,
        }
        for t in loaded.terms
    ]
    target_order = {code: index for index, (code, _label) in enumerate(INTERNAL_TARGETS)}
    snapshot = {
        "format": SNAPSHOT_FORMAT,
        "taken_on": today.isoformat(),
        "project": {
            "id": project.pk,
            "name": project.name,
            "account": {"id": project.account_id, "name": project.account.name},
            "team": {"id": project.team_id, "name": project.team.name},
            "owner": person(project.owner),
            "stage": project.stage,
            "outcome_reason": project.outcome_reason,
            "amount": money(project.amount),
            "expected_close": project.expected_close.isoformat() if project.expected_close else None,
            "state": project.state,
            "state_signs": list(project.state_signs),
            "strategy": project.strategy,
            "parity_threshold": threshold,
        },
        "members": members,
        "control_points": control_points,
        "resources": resources,
        "engaged": [
            {**person(e.user), "part": e.part} for e in base.engagements if e.user_id != project.owner_id
        ],
        "internal_sales": [
            {
                "id": sale.pk,
                "target": sale.target,
                "person": person(sale.person),
                "commitment": sale.commitment,
                "status": sale.status,
            }
            for sale in sorted(base.internal_sales, key=lambda s: (target_order.get(s.target, 99), s.pk))
        ],
        "activities": activities,
        "competitors": [
            {
                "id": c.pk,
                "name": c.name,
                "strengths": c.strengths,
                "our_edge": c.our_edge,
                "supporters": [
                    {"id": s.pk, "name": s.name, "title": s.title, "in_chain": s.pk in by_contact}
                    for s in c.supporters.all()
                ],
            }
            for c in loaded.competitors
        ],
        "tender": [
            {"id": item.pk, "kind": item.kind, "text": item.text, "status": item.status}
            for item in loaded.tender_items
        ],
        "negotiation": {**exchange_table(project.our_price, project.their_price, terms), "terms": terms},
    }
    snapshot["warnings"] = [_warning_dict(w) for w in warnings] + plan_checks(snapshot)
    return snapshot


def _resource_rows(members: list[dict], activities: list[dict], items: list[ResourcePlanItem]) -> list[dict]:
    given: dict[int, set[str]] = defaultdict(set)
    in_planned_activities: dict[int, set[str]] = defaultdict(set)
    for activity in activities:
        target = given if activity["done"] else in_planned_activities
        for contact in activity["contacts"]:
            target[contact["id"]].update(activity["resources"])
    items_by_member: dict[int, list[ResourcePlanItem]] = defaultdict(list)
    for item in items:
        items_by_member[item.member_id].append(item)
    rows = []
    for member in members:
        own_items = items_by_member.get(member["id"], [])
        contact_id = member["contact_id"]
        is_key = bool(KEY_ROLES & set(member["computed_roles"]))
        if not (is_key or own_items or given.get(contact_id)):
            continue
        given_codes = given.get(contact_id, set()) | {
            i.resource for i in own_items if i.status == ResourceStatus.GIVEN
        }
        planned_codes = in_planned_activities.get(contact_id, set()) | {
            i.resource for i in own_items if i.status == ResourceStatus.PLANNED
        }
        rows.append(
            {
                "member_id": member["id"],
                "contact_id": contact_id,
                "name": member["name"],
                "title": member["title"],
                "given": sorted(given_codes, key=lambda c: RESOURCE_ORDER.get(c, 99)),
                "planned_in_activities": sorted(
                    in_planned_activities.get(contact_id, set()), key=lambda c: RESOURCE_ORDER.get(c, 99)
                ),
                "items": [
                    {"id": i.pk, "resource": i.resource, "status": i.status, "note": i.note}
                    for i in sorted(own_items, key=lambda i: (RESOURCE_ORDER.get(i.resource, 99), i.pk))
                ],
                "suggested": resource_suggestion(given_codes, planned_codes),
            }
        )
    return rows


def _warning_dict(warning) -> dict:
    data = warning.as_dict()
    subject = data["subject"]
    if subject["kind"] == "section":
        data["section"] = ENGINE_SECTION_TO_PLAN.get(str(subject["id"]), "basics")
    else:
        data["section"] = WARNING_SECTIONS.get(subject["kind"], "basics")
    return data


# ---- the plan's own checks (sections the engine does not see) --------------------------------------------

GAP_OPEN = _("The offered terms are worth %(value)s to them; the price gap is %(gap)s: %(open)s still open.")
GAP_OPEN_REASON = _(
    "Negotiation is exchange: find terms worth little to us and much to them, price each for both "
    "sides, and close the gap between the two offers."
)
GAP_OPEN_NEXT = _("Offer more terms from the table, or find new ones (earlier delivery, remote support).")
NO_EDGE = _("No edge over %(name)s recorded.")
NO_EDGE_REASON = _("Without our edge, the tender documents and the executives hear only theirs.")
NO_EDGE_NEXT = _("Write down what we do better, then agree (lawfully) which of it goes into the tender.")
NO_RESOURCE = _("Nothing given or planned for %(name)s.")
NO_RESOURCE_REASON = _("Leverage without weights does nothing: a key relationship grows on resources.")
NO_RESOURCE_NEXT = _("Plan the suggested resource: %(resource)s.")
LESSON_TENDER = _("Lesson: tender and negotiation")
LESSON_RESOURCES = _("Lesson 2: resources and internal selling")


def _check(code, severity, section, subject_id, label, message, reason, next_step, lesson) -> dict:
    return {
        "code": code,
        "severity": str(severity),
        "subject": {"kind": "section", "id": section, "label": str(label)},
        "message": str(message),
        "reason": str(reason),
        "next_step": str(next_step),
        "lesson": str(lesson),
        "section": section,
        "item": subject_id,
    }


def cny(value: Any) -> str:
    amount = to_decimal(value)
    return "—" if amount is None else f"¥{amount:,.0f}"


def plan_checks(snapshot: dict) -> list[dict]:
    """Warnings about the plan's own sections (negotiation, competition, resources), as plain dicts."""
    found = []
    deal = snapshot["negotiation"]
    if deal["closed"] is False:
        found.append(
            _check(
                "NEGOTIATION_GAP_OPEN",
                Severity.MEDIUM,
                "negotiation",
                None,
                SECTION_LABELS["negotiation"],
                GAP_OPEN
                % {
                    "value": cny(deal["offered_value"]),
                    "gap": cny(deal["gap"]),
                    "open": cny(deal["open_by"]),
                },
                GAP_OPEN_REASON,
                GAP_OPEN_NEXT,
                LESSON_TENDER,
            )
        )
    for competitor in snapshot["competitors"]:
        if not competitor["our_edge"].strip():
            found.append(
                _check(
                    "COMPETITOR_NO_EDGE",
                    Severity.LOW,
                    "competition",
                    competitor["id"],
                    competitor["name"],
                    NO_EDGE % {"name": competitor["name"]},
                    NO_EDGE_REASON,
                    NO_EDGE_NEXT,
                    LESSON_TENDER,
                )
            )
    for row in snapshot["resources"]:
        if not row["given"] and not row["items"] and not row["planned_in_activities"] and row["suggested"]:
            found.append(
                _check(
                    "KEY_CONTACT_NO_RESOURCE",
                    Severity.LOW,
                    "resources",
                    row["contact_id"],
                    row["name"],
                    NO_RESOURCE % {"name": row["name"]},
                    NO_RESOURCE_REASON,
                    NO_RESOURCE_NEXT % {"resource": ALL_RESOURCES[row["suggested"]]},
                    LESSON_RESOURCES,
                )
            )
    return found


# ---- labels, looked up when shown ------------------------------------------------------------------------

CHOICES = {
    "stage": dict(Stage.choices),
    "state": dict(CustomerState.choices),
    "strategy": dict(Strategy.choices),
    "role": ROLE_LABELS,
    "stance": dict(Stance.choices),
    "depth": dict(Depth.choices),
    "level": dict(Level.choices),
    "function": dict(Function.choices),
    "rank": dict(Rank.choices),
    "pain_kind": dict(PainKind.choices),
    "activity_kind": dict(ActivityKind.choices),
    "topic": dict(Topic.choices),
    "gift_kind": dict(GiftKind.choices),
    "cp_status": dict(ControlPointStatus.choices),
    "target": dict(INTERNAL_TARGETS),
    "sale_status": dict(InternalSaleStatus.choices),
    "resource": ALL_RESOURCES,
    "resource_status": dict(ResourceStatus.choices),
    "tender_kind": dict(TenderItemKind.choices),
    "tender_status": dict(TenderItemStatus.choices),
    "sign": ALL_STATE_SIGNS,
    "cp": CONTROL_POINTS,
}


def label(kind: str, code: Any) -> str:
    """The label of a stored code in the active language; an unknown code shows as itself."""
    if code in (None, ""):
        found = CHOICES[kind].get(code if code is not None else "")
        return str(found) if found else "—"
    return str(CHOICES[kind].get(code, code))


def labels(kind: str, codes) -> list[str]:
    return [label(kind, code) for code in codes]


def joined(items) -> str:
    return pgettext("list separator", ", ").join(str(item) for item in items)


def activity_title(activity: dict) -> str:
    return f"{activity['date']} {label('activity_kind', activity['kind'])}"


# ---- what the templates read -----------------------------------------------------------------------------


def _card(member: dict, warnings: list[dict]) -> SimpleNamespace:
    """A chain card shaped like presenters.MemberCard, so templates/projects/_chain_card.html draws it."""
    contact = SimpleNamespace(
        pk=member["contact_id"],
        name=member["name"],
        title=member["title"],
        get_level_display=label("level", member["level"]),
        reports_to_id=member["reports_to_id"],
    )
    orm_like = SimpleNamespace(
        pk=member["id"],
        contact=contact,
        contact_id=member["contact_id"],
        stance=member["stance"],
        get_stance_display=label("stance", member["stance"]),
        depth=member["depth"],
        get_depth_display=label("depth", member["depth"]),
    )
    computed = member["computed_roles"]
    return SimpleNamespace(
        member=orm_like,
        contact=contact,
        data=member,
        roles=[(role, label("role", role)) for role in computed],
        primary_role=computed[0] if computed else "none",
        gap=member["gap"],
        at_parity=member["at_parity"],
        owner_name=member["owner"]["name"],
        owner_rank=member["owner"]["rank"],
        warnings=warnings,
        anchor=f"member-{member['contact_id']}",
        pains=[
            {"id": p["id"], "text": p["text"], "kind_label": label("pain_kind", p["kind"])}
            for p in member["pains"]
        ],
    )


def _chain_map(cards: list[SimpleNamespace]) -> dict:
    """As presenters.chain_map: the org chart of the chain, people with no line to anyone beside it."""
    roots = build_org_chart(
        cards, key=lambda card: card.contact.pk, parent_of=lambda card: card.contact.reports_to_id
    )
    if len(cards) < 2:
        return {"tree": drawing_steps(roots), "unplaced": []}
    return {
        "tree": drawing_steps([node for node in roots if node.children]),
        "unplaced": [node.item for node in roots if not node.children],
    }


def plan_view(snapshot: dict, comments: dict | None = None) -> dict:
    """A snapshot dressed for the templates: labels in the active language, cards, warnings by section."""
    warnings = snapshot["warnings"]
    by_section: dict[str, list[dict]] = defaultdict(list)
    by_contact: dict[int, list[dict]] = defaultdict(list)
    by_activity: dict[int, list[dict]] = defaultdict(list)
    for warning in warnings:
        subject = warning["subject"]
        if subject["kind"] == "contact":
            by_contact[subject["id"]].append(warning)
        elif subject["kind"] == "activity":
            by_activity[subject["id"]].append(warning)
        else:
            by_section[warning["section"]].append(warning)
    project = snapshot["project"]
    cards = [_card(member, by_contact.get(member["contact_id"], [])) for member in snapshot["members"]]
    recommended, advice = RECOMMENDED_STRATEGY.get(project["state"], ("", ""))
    deal = snapshot["negotiation"]
    tender_groups = [
        {
            "kind": kind,
            "label": kind_label,
            "items": [
                {**item, "status_label": label("tender_status", item["status"])}
                for item in snapshot["tender"]
                if item["kind"] == kind
            ],
        }
        for kind, kind_label in TenderItemKind.choices
    ]
    sales_by_target = defaultdict(list)
    for sale in snapshot["internal_sales"]:
        sales_by_target[sale["target"]].append({**sale, "status_label": label("sale_status", sale["status"])})
    severity_rank = {"high": 0, "medium": 1, "low": 2}
    view = {
        "snapshot": snapshot,
        "project": {
            **project,
            "stage_label": label("stage", project["stage"]),
            "state_label": label("state", project["state"]),
            "strategy_label": label("strategy", project["strategy"]),
            "signs": [
                {
                    "state": state,
                    "signs": [
                        {"code": c, "label": lab, "seen": c in project["state_signs"]} for c, lab in signs
                    ],
                }
                for state, signs in STATE_SIGNS.items()
            ],
            "observed_signs": labels("sign", project["state_signs"]),
            "recommended": str(Strategy(recommended).label) if recommended else "",
            "advice": str(advice) if advice else "",
            "differs": bool(recommended) and project["strategy"] not in ("", recommended),
        },
        "cards": cards,
        "chain_map": _chain_map(cards),
        "control_points": [
            {
                **cp,
                "anchor": f"cp-{cp['number']}",
                "title": label("cp", cp["number"]),
                "status_label": label("cp_status", cp["status"]),
            }
            for cp in snapshot["control_points"]
        ],
        "resources": [
            {
                **row,
                "anchor": f"resources-{row['contact_id']}",
                "groups": _resource_groups(row),
                "suggested_label": label("resource", row["suggested"]) if row["suggested"] else "",
            }
            for row in snapshot["resources"]
        ],
        "internal_selling": [
            {"target": code, "label": target_label, "rows": sales_by_target.get(code, [])}
            for code, target_label in INTERNAL_TARGETS
        ],
        "engaged": [{**p, "rank_label": label("rank", p["rank"])} for p in snapshot["engaged"]],
        "activities": [
            {
                **a,
                "anchor": f"activity-{a['id']}",
                "kind_label": label("activity_kind", a["kind"]),
                "ours": joined(p["name"] for p in a["our_people"]) or "—",
                "theirs": joined(c["name"] for c in a["contacts"]) or "—",
                "warnings": by_activity.get(a["id"], []),
                "overdue": not a["done"] and a["date"] < snapshot["taken_on"],
            }
            for a in snapshot["activities"]
        ],
        "competitors": snapshot["competitors"],
        "tender_groups": tender_groups,
        "negotiation": deal,
        "warnings": sorted(warnings, key=lambda w: severity_rank.get(w["severity"], 3)),
        "section_warnings": by_section,
        "sections": [{"code": code, "label": section_label} for code, section_label in PLAN_SECTIONS],
    }
    view["notes"] = section_notes(view, comments)
    return view


def _resource_groups(row: dict) -> list[dict]:
    given, planned = set(row["given"]), {i["resource"] for i in row["items"] if i["status"] == "planned"}
    planned |= set(row["planned_in_activities"])
    items_by_code = defaultdict(list)
    for item in row["items"]:
        items_by_code[item["resource"]].append(item)
    groups = []
    for group_label, entries in RESOURCES.values():
        shown = [
            {
                "code": code,
                "label": entry_label,
                "given": code in given,
                "planned": code in planned and code not in given,
                "suggested": code == row["suggested"],
                "items": items_by_code.get(code, []),
            }
            for code, entry_label in entries
            if code in given or code in planned or code in items_by_code
        ]
        groups.append({"label": group_label, "entries": shown})
    return groups


# ---- comparing two versions, in words --------------------------------------------------------------------

ARROW = _("%(field)s %(old)s → %(new)s")
ADDED_ITEMS = _("%(field)s + %(items)s")
REMOVED_ITEMS = _("%(field)s − %(items)s")
NAMED = _("%(name)s: %(changes)s")
ADDED = _("%(thing)s added")
REMOVED = _("%(thing)s removed")
PERSON_ADDED = _("%(name)s added to the chain")
PERSON_REMOVED = _("%(name)s removed from the chain")
ACTIVITY_THING = _("Activity %(activity)s")
PAIN_ADDED = _("%(name)s: pain + %(pain)s")
PAIN_REMOVED = _("%(name)s: pain − %(pain)s")
GAP_NOW = _("gap closed: %(old)s → %(new)s")


def _yes_no(value) -> str:
    return str(_("yes")) if value else str(_("no"))


def _show(value) -> str:
    if value in (None, "", []):
        return "—"
    return str(value)


class _Changes:
    """Collects "field old → new" phrases for one thing."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def value(self, field, old, new) -> None:
        if old != new:
            self.parts.append(str(ARROW % {"field": field, "old": _show(old), "new": _show(new)}))

    def items(self, field, old, new) -> None:
        old_list, new_list = list(old), list(new)
        added = [item for item in new_list if item not in old_list]
        removed = [item for item in old_list if item not in new_list]
        if added:
            self.parts.append(str(ADDED_ITEMS % {"field": field, "items": joined(added)}))
        if removed:
            self.parts.append(str(REMOVED_ITEMS % {"field": field, "items": joined(removed)}))

    def sentence(self, name) -> str | None:
        return str(NAMED % {"name": name, "changes": "; ".join(self.parts)}) if self.parts else None


def _by_id(rows: list[dict], key: str = "id") -> dict:
    return {row[key]: row for row in rows}


def _diff_rows(old_rows, new_rows, *, key, name, added, removed, describe) -> list[str]:
    """Sentences for rows matched by `key`: added, removed, and changed ones described field by field."""
    old, new = _by_id(old_rows, key), _by_id(new_rows, key)
    lines = []
    for row_id, row in new.items():
        if row_id not in old:
            lines.append(str(added(row)))
            continue
        changes = _Changes()
        describe(changes, old[row_id], row)
        if sentence := changes.sentence(name(row)):
            lines.append(sentence)
    lines.extend(str(removed(row)) for row_id, row in old.items() if row_id not in new)
    return lines


def _basics(old: dict, new: dict) -> list[str]:
    a, b = old["project"], new["project"]
    c = _Changes()
    c.value(_("name"), a["name"], b["name"])
    c.value(_("stage"), label("stage", a["stage"]), label("stage", b["stage"]))
    c.value(_("amount"), cny(a["amount"]), cny(b["amount"]))
    c.value(_("expected close"), a["expected_close"], b["expected_close"])
    c.value(_("why won or lost"), a["outcome_reason"], b["outcome_reason"])
    c.value(_("owner"), (a["owner"] or {}).get("name"), (b["owner"] or {}).get("name"))
    return [c.sentence(_("Project"))] if c.parts else []


def _state(old: dict, new: dict) -> list[str]:
    a, b = old["project"], new["project"]
    c = _Changes()
    c.value(_("state"), label("state", a["state"]), label("state", b["state"]))
    c.value(_("strategy"), label("strategy", a["strategy"]), label("strategy", b["strategy"]))
    c.items(_("signs"), labels("sign", a["state_signs"]), labels("sign", b["state_signs"]))
    return [c.sentence(_("Project"))] if c.parts else []


def _chain(old: dict, new: dict) -> list[str]:
    def describe(c, a, b):
        c.value(_("depth"), label("depth", a["depth"]), label("depth", b["depth"]))
        c.items(_("roles"), labels("role", a["roles"]), labels("role", b["roles"]))
        c.value(_("stance"), label("stance", a["stance"]), label("stance", b["stance"]))
        c.value(_("ours"), a["owner"]["name"], b["owner"]["name"])
        c.value(_("title"), a["title"], b["title"])
        c.value(_("level"), label("level", a["level"]), label("level", b["level"]))
        c.value(_("prior acquaintance"), a["acquaintance"], b["acquaintance"])
        if a["at_parity"] != b["at_parity"]:
            c.parts.append(str(_("now at parity") if b["at_parity"] else _("no longer at parity")))

    return _diff_rows(
        old["members"],
        new["members"],
        key="contact_id",
        name=lambda m: m["name"],
        added=lambda m: PERSON_ADDED % {"name": m["name"]},
        removed=lambda m: PERSON_REMOVED % {"name": m["name"]},
        describe=describe,
    )


def _pains(old: dict, new: dict) -> list[str]:
    old_members, lines = _by_id(old["members"], "contact_id"), []
    for member in new["members"]:
        before = [p["text"] for p in old_members.get(member["contact_id"], {}).get("pains", [])]
        after = [p["text"] for p in member["pains"]]
        lines += [str(PAIN_ADDED % {"name": member["name"], "pain": p}) for p in after if p not in before]
        lines += [str(PAIN_REMOVED % {"name": member["name"], "pain": p}) for p in before if p not in after]
    return lines


def _control_points(old: dict, new: dict) -> list[str]:
    def describe(c, a, b):
        c.value(_("status"), label("cp_status", a["status"]), label("cp_status", b["status"]))
        c.items(_("actions"), a["actions"], b["actions"])
        if a["missing"] != b["missing"]:
            c.parts.append(str(_("now covered") if not b["missing"] else _("no longer covered")))

    return _diff_rows(
        old["control_points"],
        new["control_points"],
        key="number",
        name=lambda cp: f"CP{cp['number']}",
        added=lambda cp: ADDED % {"thing": f"CP{cp['number']}"},
        removed=lambda cp: REMOVED % {"thing": f"CP{cp['number']}"},
        describe=describe,
    )


def _resources(old: dict, new: dict) -> list[str]:
    def planned(row):
        return labels("resource", [i["resource"] for i in row["items"] if i["status"] == "planned"])

    def describe(c, a, b):
        c.items(_("given"), labels("resource", a["given"]), labels("resource", b["given"]))
        c.items(_("planned"), planned(a), planned(b))

    def added(row):
        c = _Changes()
        c.items(_("given"), [], labels("resource", row["given"]))
        c.items(_("planned"), [], planned(row))
        return c.sentence(row["name"]) or ADDED % {"thing": row["name"]}

    return _diff_rows(
        old["resources"],
        new["resources"],
        key="contact_id",
        name=lambda r: r["name"],
        added=added,
        removed=lambda r: REMOVED % {"thing": r["name"]},
        describe=describe,
    )


def _internal_selling(old: dict, new: dict) -> list[str]:
    def name(sale):
        who = (sale["person"] or {}).get("name")
        return f"{label('target', sale['target'])}" + (f" {who}" if who else "")

    def describe(c, a, b):
        c.value(_("commits"), a["commitment"], b["commitment"])
        c.value(_("status"), label("sale_status", a["status"]), label("sale_status", b["status"]))
        c.value(_("person"), (a["person"] or {}).get("name"), (b["person"] or {}).get("name"))

    return _diff_rows(
        old["internal_sales"],
        new["internal_sales"],
        key="id",
        name=name,
        added=lambda s: ADDED % {"thing": f"{name(s)}: {s['commitment']}"},
        removed=lambda s: REMOVED % {"thing": f"{name(s)}: {s['commitment']}"},
        describe=describe,
    )


def _activities(old: dict, new: dict) -> list[str]:
    def thing(a):
        return ACTIVITY_THING % {"activity": activity_title(a)}

    def describe(c, a, b):
        c.value(_("date"), a["date"], b["date"])
        c.value(_("type"), label("activity_kind", a["kind"]), label("activity_kind", b["kind"]))
        c.value(_("done"), _yes_no(a["done"]), _yes_no(b["done"]))
        c.items(_("ours"), [p["name"] for p in a["our_people"]], [p["name"] for p in b["our_people"]])
        c.items(_("theirs"), [p["name"] for p in a["contacts"]], [p["name"] for p in b["contacts"]])
        c.value(_("goal"), a["goal"], b["goal"])
        c.value(_("hook"), a["hook"], b["hook"])
        c.value(_("outcome"), a["outcome"], b["outcome"])
        c.items(_("resources"), labels("resource", a["resources"]), labels("resource", b["resources"]))

    return _diff_rows(
        old["activities"],
        new["activities"],
        key="id",
        name=lambda a: thing(a),
        added=lambda a: ADDED % {"thing": thing(a)},
        removed=lambda a: REMOVED % {"thing": thing(a)},
        describe=describe,
    )


def _competition(old: dict, new: dict) -> list[str]:
    def describe(c, a, b):
        c.value(_("name"), a["name"], b["name"])
        c.value(_("their strengths"), a["strengths"], b["strengths"])
        c.value(_("our edge"), a["our_edge"], b["our_edge"])
        c.items(_("supporters"), [s["name"] for s in a["supporters"]], [s["name"] for s in b["supporters"]])

    return _diff_rows(
        old["competitors"],
        new["competitors"],
        key="id",
        name=lambda c: c["name"],
        added=lambda c: ADDED % {"thing": c["name"]},
        removed=lambda c: REMOVED % {"thing": c["name"]},
        describe=describe,
    )


def _tender(old: dict, new: dict) -> list[str]:
    def describe(c, a, b):
        c.value(_("what"), a["text"], b["text"])
        c.value(_("kind"), label("tender_kind", a["kind"]), label("tender_kind", b["kind"]))
        c.value(_("status"), label("tender_status", a["status"]), label("tender_status", b["status"]))

    return _diff_rows(
        old["tender"],
        new["tender"],
        key="id",
        name=lambda t: t["text"],
        added=lambda t: ADDED % {"thing": t["text"]},
        removed=lambda t: REMOVED % {"thing": t["text"]},
        describe=describe,
    )


def _negotiation(old: dict, new: dict) -> list[str]:
    a, b = old["negotiation"], new["negotiation"]
    c = _Changes()
    c.value(_("our offer"), cny(a["our_price"]), cny(b["our_price"]))
    c.value(_("their target price"), cny(a["their_price"]), cny(b["their_price"]))
    lines = [c.sentence(_("Prices"))] if c.parts else []

    def describe(c, x, y):
        c.value(_("term"), x["term"], y["term"])
        c.value(_("cost to us"), cny(x["cost_to_us"]), cny(y["cost_to_us"]))
        c.value(_("value to them"), cny(x["value_to_them"]), cny(y["value_to_them"]))
        c.value(_("offered"), _yes_no(x["offered"]), _yes_no(y["offered"]))

    lines += _diff_rows(
        a["terms"],
        b["terms"],
        key="id",
        name=lambda t: t["term"],
        added=lambda t: ADDED % {"thing": t["term"]},
        removed=lambda t: REMOVED % {"thing": t["term"]},
        describe=describe,
    )
    if a["closed"] != b["closed"]:
        lines.append(str(GAP_NOW % {"old": _closed_word(a["closed"]), "new": _closed_word(b["closed"])}))
    return lines


def _closed_word(closed) -> str:
    if closed is None:
        return str(_("no gap known"))
    return _yes_no(closed)


COMPARERS = {
    "basics": _basics,
    "state": _state,
    "chain": _chain,
    "pains": _pains,
    "control_points": _control_points,
    "resources": _resources,
    "internal_selling": _internal_selling,
    "activities": _activities,
    "competition": _competition,
    "tender": _tender,
    "negotiation": _negotiation,
}


def compare(old: dict, new: dict) -> list[dict]:
    """Section by section, what changed from `old` to `new`, in sentences a manager reads."""
    return [
        {
            "code": code,
            "label": section_label,
            "changes": [line for line in COMPARERS[code](old, new) if line],
        }
        for code, section_label in PLAN_SECTIONS
    ]


__all__ = [
    "SECTION_CODES",
    "LoadedPlan",
    "activity_parity",
    "compare",
    "exchange_table",
    "load_plan",
    "plan_snapshot",
    "plan_view",
    "resource_suggestion",
]


def section_notes(view: dict, comments: dict | None = None) -> dict[str, dict]:
    """Per section code: its label, its own warnings and its review comments (any objects)."""
    comments = comments or {}
    return {
        code: {
            "code": code,
            "label": section_label,
            "warnings": view["section_warnings"].get(code, []),
            "comments": comments.get(code, []),
        }
        for code, section_label in PLAN_SECTIONS
    }
