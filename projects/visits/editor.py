"""What the sheet editor needs on screen: the data, choices, per-row errors, the team's template."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Function, Level, Personality
from projects.deals.forms import project_people
from projects.deals.models import AskKind, CustomerState, Depth, GiftKind, PainKind, Role, Stance, Topic
from projects.rules.course import RESOURCES, STATE_SIGNS
from projects.rules.data import PlanData
from projects.visits.models import VisitSheet, VisitTemplate
from projects.visits.schema import (
    GROUPS,
    OPTIONAL_SECTIONS,
    SMALL_ACTIVITIES,
    STALL_REASONS,
    empty_sheet,
    parse_date,
)
from salescamp.editing import parse_id

DUE_CHIPS = 7  # a next step's date in one tap: each of the coming seven days


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
        if group != "met":
            # One empty row waits at the end (enough without JavaScript); JS clones the template row.
            rows[group].append({"i": len(existing), "prefix": f"{group}-{len(existing)}-", "errors": {}})
        blank_rows[group] = {"i": "__i__", "prefix": f"{group}-__i__-", "errors": {}}
    # A person is added by a chip (someone of the chain) or "someone new": no empty row waits.
    blank_rows["met_known"] = {**blank_rows["met"], "known": True}
    account_contacts = list(plan.contacts)  # by level, then name
    by_name = {contact.name: contact for contact in account_contacts}
    for row in rows["met"]:
        # A new person with an existing contact's name: offer that contact instead of a duplicate.
        if not row.get("contact") and row.get("new_name") in by_name:
            row["duplicate_of"] = by_name[row["new_name"]]
    prefills = met_prefill(plan)
    picked = {row.get("contact") for row in data.get("met", [])}
    visit_day = parse_date(data.get("date", "")).value
    today = timezone.localdate()
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
        "chain_chips": [
            {**prefills[member.contact_id], "member": member, "picked": str(member.contact_id) in picked}
            for member in plan.members
        ],
        "others": [c for c in account_contacts if c.id not in prefills],
        # After the call comes first on the day and after; a visit still ahead is prepared first.
        "after_first": visit_day is None or visit_day <= today,
        "due_chips": due_chips(today),
        "people": (people := list(project_people(sheet.project))),
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
        "today": today,
        "server_saved_ms": int(sheet.updated_at.timestamp() * 1000) if sheet.updated_at else 0,
    }


def _row_errors(errors: dict, group: str, index: int, fields: list[str]) -> dict:
    return {
        field: errors[f"{group}-{index}-{field}"] for field in fields if f"{group}-{index}-{field}" in errors
    }


def met_prefill(plan: PlanData) -> dict[int, dict]:
    """What the chain already says of each member, to prefill a person met: role, stance, depth."""
    return {
        member.contact_id: {
            "role": next((code for code in Role.values if code in member.roles), ""),
            "stance": member.stance,
            "depth": str(member.depth),
        }
        for member in plan.members
    }


def add_person(data: dict, value: str, plan: PlanData) -> dict:
    """A chip tapped without JavaScript ("add_met"): the contact met, prefilled from the chain, or "new"."""
    rows = data.setdefault("met", [])
    if value == "new":
        rows.append({"contact": "", "new_name": "", "new_title": ""})
        return data
    contact_id = parse_id(value)
    known = {contact.id for contact in plan.contacts}
    if contact_id in known and str(contact_id) not in {row.get("contact") for row in rows}:
        rows.append({"contact": str(contact_id), **met_prefill(plan).get(contact_id, {})})
    return data


def due_chips(today: datetime.date) -> list[tuple[str, str]]:
    """The coming days as (ISO date, label): 明天, 后天, then the weekday and date."""
    chips = []
    for offset in range(1, DUE_CHIPS + 1):
        day = today + datetime.timedelta(days=offset)
        words = {1: _("tomorrow"), 2: _("the day after")}.get(offset) or date_format(day, "D")
        chips.append((day.isoformat(), f"{words} {date_format(day, 'MONTH_DAY_FORMAT')}"))
    return chips
