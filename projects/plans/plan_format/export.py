"""export_plan: the plan's plain data as a plan document, byte for byte the same for the same plan."""

from decimal import Decimal

from django.db import models

from projects.deals.models import Activity, NegotiationTerm, Project, TeamThresholds
from projects.plans.plan_format.document import FORMAT, THRESHOLD_FIELDS, VERSION
from projects.plans.plan_format.reader import model_field
from projects.rules import data
from projects.rules.course import CONTROL_POINTS


def _decimal_text(value: Decimal | None, field: models.DecimalField) -> str | None:
    """A decimal as a string with the model field's places: Decimal("200") → "200.00"."""
    if value is None:
        return None
    return str(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))


def _people(plan: data.PlanData) -> list[data.Person]:
    """Everyone of ours the plan names, by rank then login."""
    found = {plan.owner.id: plan.owner}
    for person in (
        *plan.shared_with,
        *(e.person for e in plan.engagements),
        *(m.owner for m in plan.members if m.owner),
        *(m.acquaintance_holder for m in plan.members if m.acquaintance_holder),
        *(s.person for s in plan.internal_sales if s.person),
        *(p for a in plan.activities for p in a.our_people),
    ):
        found[person.id] = person
    return sorted(found.values(), key=_by_rank)


def _by_rank(person: data.Person) -> tuple:
    return (-person.rank, person.username)


def export_plan(plan: data.PlanData) -> dict:
    """The plan as a plan document (see docs/plan-format.md). Same plan, same output: every list has a
    fixed order and nothing carries a database id."""
    key_of = {contact.id: f"c{index}" for index, contact in enumerate(plan.contacts, start=1)}
    seniority = {contact.id: index for index, contact in enumerate(plan.contacts)}

    def keys(contact_ids) -> list[str]:
        return [key_of[cid] for cid in sorted(contact_ids, key=seniority.__getitem__)]

    points = {cp.number: cp for cp in plan.control_points}
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": {
            "name": plan.name,
            "owner": plan.owner.username,
            "stage": plan.stage,
            "outcome_reason": plan.outcome_reason,
            "amount": _decimal_text(plan.amount, model_field(Project, "amount")),
            "expected_close": plan.expected_close.isoformat() if plan.expected_close else None,
            "our_price": _decimal_text(plan.our_price, model_field(Project, "our_price")),
            "their_price": _decimal_text(plan.their_price, model_field(Project, "their_price")),
            "state": plan.state,
            "state_signs": list(plan.state_signs),
            "strategy": plan.strategy,
            "shared_with": [person.username for person in plan.shared_with],
        },
        "account": {
            "name": plan.account.name,
            "industry": plan.account.industry,
            "region": plan.account.region,
        },
        "contacts": [
            {
                "key": key_of[contact.id],
                "name": contact.name,
                "title": contact.title,
                "level": contact.level,
                "function": contact.function,
                "procurement_group": contact.procurement_group,
                "reports_to": key_of.get(contact.reports_to_id) if contact.reports_to_id else None,
                "personality": contact.personality,
                "phone": contact.phone,
                "wechat": contact.wechat,
                "email": contact.email,
                "notes": contact.notes,
            }
            for contact in plan.contacts
        ],
        "people": [
            {"username": person.username, "display_name": person.name, "rank": person.rank}
            for person in _people(plan)
        ],
        "engagement": [
            {"username": e.person.username, "part": e.part}
            for e in sorted(plan.engagements, key=lambda e: _by_rank(e.person))
        ],
        "chain": [
            {
                "contact": key_of[member.contact_id],
                "roles": list(sorted(member.roles)),
                "stance": member.stance,
                "depth": member.depth,
                "owner": member.owner.username if member.owner else None,
                "acquaintance": _acquaintance(member),
                "added_on": member.added_on.isoformat(),
                "pains": [{"text": pain.text, "kind": pain.kind} for pain in member.pains],
                "resource_plan": [
                    {"resource": item.resource, "status": item.status, "note": item.note}
                    for item in member.resource_plan
                ],
            }
            for member in plan.members
        ],
        "internal_sales": [
            {
                "target": sale.target,
                "person": sale.person.username if sale.person else None,
                "commitment": sale.commitment,
                "status": sale.status,
            }
            for sale in plan.internal_sales
        ],
        "activities": [
            _activity(activity, keys, key_of) for activity in sorted(plan.activities, key=_by_date)
        ],
        "control_points": [
            {
                "number": number,
                "status": points[number].status if number in points else "not_started",
                "actions": list(points[number].actions) if number in points else [],
            }
            for number in CONTROL_POINTS
        ],
        "competitors": [
            {
                "name": competitor.name,
                "strengths": competitor.strengths,
                "our_edge": competitor.our_edge,
                "supporters": keys(competitor.supporter_ids),
            }
            for competitor in plan.competitors
        ],
        "tender": [
            {"kind": item.kind, "text": item.text, "status": item.status, "contacts": keys(item.contact_ids)}
            for item in plan.tender
        ],
        "negotiation": [
            {
                "term": term.term,
                "cost_to_us": _decimal_text(term.cost_to_us, model_field(NegotiationTerm, "cost_to_us")),
                "value_to_them": _decimal_text(
                    term.value_to_them, model_field(NegotiationTerm, "value_to_them")
                ),
                "offered": term.offered,
            }
            for term in plan.terms
        ],
        "thresholds": {
            name: (
                _decimal_text(getattr(plan.thresholds, name), model_field(TeamThresholds, name))
                if isinstance(model_field(TeamThresholds, name), models.DecimalField)
                else getattr(plan.thresholds, name)
            )
            for name in THRESHOLD_FIELDS
        },
    }


def _acquaintance(member: data.ChainMember) -> dict | None:
    """Who of ours knew them before and how; null when nobody did (holder null: the relationship owner)."""
    if not member.acquaintance:
        return None
    holder = member.acquaintance_holder
    return {"holder": holder.username if holder else None, "how": member.acquaintance}


def _by_date(activity: data.Activity) -> tuple:
    return (activity.date, activity.id)


def _activity(activity: data.Activity, keys, key_of: dict) -> dict:
    return {
        "kind": activity.kind,
        "date": activity.date.isoformat(),
        "done": activity.done,
        "our_people": [person.username for person in sorted(activity.our_people, key=_by_rank)],
        "contacts": keys(activity.contact_ids),
        "topics": sorted(activity.topics),
        "gift_kind": activity.gift_kind,
        "gift_value": _decimal_text(activity.gift_value, model_field(Activity, "gift_value")),
        "gift_approved": activity.gift_approved,
        "goal": activity.goal,
        "hook": activity.hook,
        "outcome": activity.outcome,
        "reason_met": activity.reason_met,
        "resources": list(activity.resources),
        "other_departments": list(activity.other_departments),
        "control_points": sorted(activity.control_points),
        "presales_days": _decimal_text(activity.presales_days, model_field(Activity, "presales_days")),
        "asks": [
            {
                "kind": ask.kind,
                "text": ask.text,
                "contact": key_of.get(ask.contact_id),
                "granted": ask.granted,
            }
            for ask in activity.asks
        ],
    }


def export_project(project: Project) -> dict:
    """A project read from the database, as a plan document."""
    from projects.deals.loading import load_plan

    return export_plan(load_plan(project))
