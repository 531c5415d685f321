"""export_project: a project as a plan document, byte for byte the same for the same project."""

from collections import defaultdict
from decimal import Decimal

from django.db import models

from accounts.models import Contact
from projects.deals.loading import load_project, thresholds_for
from projects.deals.models import (
    Activity,
    Competitor,
    NegotiationTerm,
    Project,
    ResourcePlanItem,
    TeamThresholds,
    TenderItem,
)
from projects.plans.plan_format.document import FORMAT, THRESHOLD_FIELDS, VERSION
from projects.plans.plan_format.reader import model_field
from projects.rules.course import CONTROL_POINTS
from salescamp.models import User


def _decimal_text(value: Decimal | None, field: models.DecimalField) -> str | None:
    """A decimal as a string with the model field's places: Decimal("200") → "200.00"."""
    if value is None:
        return None
    return str(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))


def export_project(project: Project) -> dict:
    """The project as a plan document (see docs/plan-format.md). Same project, same output: every list has
    a fixed order and nothing carries a database id."""
    loaded = load_project(project)
    account = project.account
    contacts = list(
        Contact.objects.filter(account=account).select_related("reports_to").order_by("-level", "name", "pk")
    )
    key_of = {contact.pk: f"c{index}" for index, contact in enumerate(contacts, start=1)}

    users: dict[int, User] = {project.owner.pk: project.owner}
    shared = sorted(project.shared_with.all(), key=lambda u: u.username)
    for user in shared:
        users[user.pk] = user
    for engagement in loaded.engagements:
        users[engagement.user.pk] = engagement.user
    for member in loaded.members:
        if member.owner:
            users[member.owner.pk] = member.owner
    for sale in loaded.internal_sales:
        if sale.person:
            users[sale.person.pk] = sale.person
    for activity in loaded.activities:
        for user in activity.our_people.all():
            users[user.pk] = user

    def by_rank(user: User) -> tuple:
        return (-user.rank, user.username)

    def by_seniority(contact: Contact) -> tuple:
        return (-contact.level, contact.name, contact.pk)

    activities = sorted(loaded.activities, key=lambda a: (a.date, a.pk))
    control_points = {cp.number: cp for cp in loaded.control_points}
    thresholds = thresholds_for(project)
    # The plan's own sections, one query each, in the order they were entered (the tender plan first by kind,
    # the model's own order), so a re-import, which creates them in file order, exports the same again.
    resource_plan: dict[int, list[ResourcePlanItem]] = defaultdict(list)
    for item in ResourcePlanItem.objects.filter(member__project=project).order_by("pk"):
        resource_plan[item.member_id].append(item)
    competitors = Competitor.objects.filter(project=project).prefetch_related("supporters").order_by("pk")
    tender = TenderItem.objects.filter(project=project).order_by("kind", "pk")
    negotiation = NegotiationTerm.objects.filter(project=project).order_by("pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": {
            "name": project.name,
            "owner": project.owner.username,
            "stage": project.stage,
            "outcome_reason": project.outcome_reason,
            "amount": _decimal_text(project.amount, model_field(Project, "amount")),
            "expected_close": project.expected_close.isoformat() if project.expected_close else None,
            "our_price": _decimal_text(project.our_price, model_field(Project, "our_price")),
            "their_price": _decimal_text(project.their_price, model_field(Project, "their_price")),
            "state": project.state,
            "state_signs": list(project.state_signs),
            "strategy": project.strategy,
            "shared_with": [user.username for user in shared],
        },
        "account": {"name": account.name, "industry": account.industry, "region": account.region},
        "contacts": [
            {
                "key": key_of[contact.pk],
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
            for contact in contacts
        ],
        "people": [
            {"username": user.username, "display_name": str(user), "rank": user.rank}
            for user in sorted(users.values(), key=by_rank)
        ],
        "engagement": [
            {"username": e.user.username, "part": e.part}
            for e in sorted(loaded.engagements, key=lambda e: by_rank(e.user))
        ],
        "chain": [
            {
                "contact": key_of[member.contact_id],
                "roles": list(member.roles),
                "stance": member.stance,
                "depth": member.depth,
                "owner": member.owner.username if member.owner else None,
                "acquaintance": member.acquaintance,
                "added_on": member.added_on.isoformat(),
                "pains": [{"text": pain.text, "kind": pain.kind} for pain in member.pains.all()],
                "resource_plan": [
                    {"resource": item.resource, "status": item.status, "note": item.note}
                    for item in resource_plan[member.pk]
                ],
            }
            for member in sorted(
                loaded.members, key=lambda m: (-m.contact.level, m.contact.name, m.contact_id)
            )
        ],
        "internal_sales": [
            {
                "target": sale.target,
                "person": sale.person.username if sale.person else None,
                "commitment": sale.commitment,
                "status": sale.status,
            }
            for sale in sorted(loaded.internal_sales, key=lambda s: s.pk)
        ],
        "activities": [
            {
                "kind": activity.kind,
                "date": activity.date.isoformat(),
                "done": activity.done,
                "our_people": [user.username for user in sorted(activity.our_people.all(), key=by_rank)],
                "contacts": [
                    key_of[contact.pk] for contact in sorted(activity.contacts.all(), key=by_seniority)
                ],
                "topics": list(activity.topics),
                "gift_kind": activity.gift_kind,
                "gift_value": _decimal_text(activity.gift_value, model_field(Activity, "gift_value")),
                "gift_approved": activity.gift_approved,
                "goal": activity.goal,
                "hook": activity.hook,
                "outcome": activity.outcome,
                "reason_met": activity.reason_met,
                "resources": list(activity.resources),
                "other_departments": list(activity.other_departments),
                "control_points": list(activity.control_points),
                "presales_days": _decimal_text(
                    activity.presales_days, model_field(Activity, "presales_days")
                ),
                "asks": [
                    {"kind": ask.kind, "text": ask.text, "contact": key_of.get(ask.contact_id)}
                    for ask in sorted(activity.asks.all(), key=lambda a: a.pk)
                ],
            }
            for activity in activities
        ],
        "control_points": [
            {
                "number": number,
                "status": control_points[number].status if number in control_points else "not_started",
                "actions": control_points[number].action_list() if number in control_points else [],
            }
            for number in CONTROL_POINTS
        ],
        "competitors": [
            {
                "name": competitor.name,
                "strengths": competitor.strengths,
                "our_edge": competitor.our_edge,
                "supporters": [
                    key_of[contact.pk] for contact in sorted(competitor.supporters.all(), key=by_seniority)
                ],
            }
            for competitor in competitors
        ],
        "tender": [{"kind": item.kind, "text": item.text, "status": item.status} for item in tender],
        "negotiation": [
            {
                "term": term.term,
                "cost_to_us": _decimal_text(term.cost_to_us, model_field(NegotiationTerm, "cost_to_us")),
                "value_to_them": _decimal_text(
                    term.value_to_them, model_field(NegotiationTerm, "value_to_them")
                ),
                "offered": term.offered,
            }
            for term in negotiation
        ],
        "thresholds": {
            name: (
                _decimal_text(getattr(thresholds, name), model_field(TeamThresholds, name))
                if isinstance(model_field(TeamThresholds, name), models.DecimalField)
                else getattr(thresholds, name)
            )
            for name in THRESHOLD_FIELDS
        },
    }
