"""What the sheet editor needs on screen: the data, choices, per-row errors, the team's template."""

from django.utils import timezone

from accounts.models import Function, Level, Personality
from projects.deals.forms import our_people
from projects.deals.models import AskKind, CustomerState, Depth, GiftKind, PainKind, Role, Stance, Topic
from projects.rules.course import RESOURCES, STATE_SIGNS
from projects.rules.data import PlanData
from projects.visits.models import VisitSheet, VisitTemplate
from projects.visits.schema import GROUPS, OPTIONAL_SECTIONS, SMALL_ACTIVITIES, STALL_REASONS, empty_sheet


def template_for(sheet: VisitSheet) -> VisitTemplate | None:
    """The team's template for this customer type, else the team's default, else none (everything on)."""
    account = sheet.project.account
    candidates = {t.customer_type: t for t in VisitTemplate.objects.filter(team_id=sheet.project.team_id)}
    return candidates.get(account.industry) or candidates.get("")


def editor_context(sheet: VisitSheet, plan: PlanData, diagnosis, *, errors=None, conflict=None) -> dict:
    errors = errors or {}
    data = {**empty_sheet(), **sheet.data}
    template = template_for(sheet)
    sections = {code for code, _label in OPTIONAL_SECTIONS} if template is None else set(template.sections)
    rows = {}
    blank_rows = {}
    for group, fields in GROUPS.items():
        existing = data.get(group, [])
        rows[group] = [
            {
                "i": index,
                "prefix": f"{group}-{index}-",
                **row,
                "errors": _row_errors(errors, group, index, fields),
            }
            for index, row in enumerate(existing)
        ]
        # One empty row always waits at the end (enough without JavaScript); JS clones the template row.
        rows[group].append({"i": len(existing), "prefix": f"{group}-{len(existing)}-", "errors": {}})
        blank_rows[group] = {"i": "__i__", "prefix": f"{group}-__i__-", "errors": {}}
    account_contacts = list(plan.contacts)  # by level, then name
    by_name = {contact.name: contact for contact in account_contacts}
    for row in rows["met"]:
        # A new person with an existing contact's name: offer that contact instead of a duplicate.
        if not row.get("contact") and row.get("new_name") in by_name:
            row["duplicate_of"] = by_name[row["new_name"]]
    return {
        "sheet": sheet,
        "project": sheet.project,
        "data": data,
        "rows": rows,
        "blank_rows": blank_rows,
        "errors": errors,
        "conflict": conflict,
        "diagnosis": diagnosis,
        "sections": sections,
        "questions": template.questions if template else [],
        "quick": sheet.quick,
        "contacts": account_contacts,
        "contact_choices": [
            (c.id, f"{c.name}（{c.title}）" if c.title else c.name) for c in account_contacts
        ],
        "people": (people := list(our_people())),
        "people_choices": [(p.pk, f"{p} · {p.get_rank_display()}") for p in people],
        "in_chain": {m.contact_id for m in plan.members},
        "choices": {
            "level": Level.choices,
            "function": Function.choices,
            "personality": Personality.choices,
            "role": Role.choices,
            "stance": Stance.choices,
            "depth": Depth.choices,
            "pain_kind": PainKind.choices,
            "ask_kind": AskKind.choices,
            "gift_kind": [c for c in GiftKind.choices if c[0]],
            "state": CustomerState.choices,
            "state_signs": STATE_SIGNS,
            "topics": Topic.choices,
            "small_activities": SMALL_ACTIVITIES,
            "resources": [(label, items) for label, items in RESOURCES.values()],
            "stall": STALL_REASONS,
        },
        "today": timezone.localdate(),
        "server_saved_ms": int(sheet.updated_at.timestamp() * 1000) if sheet.updated_at else 0,
    }


def _row_errors(errors: dict, group: str, index: int, fields: list[str]) -> dict:
    return {
        field: errors[f"{group}-{index}-{field}"] for field in fields if f"{group}-{index}-{field}" in errors
    }
