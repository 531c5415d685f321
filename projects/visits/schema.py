"""The visit sheet's content (拜访信息表): its fields, how a posted form becomes data, and what a sheet
needs before it may be submitted.

A draft is kept exactly as typed (lenient parsing: nothing a rep wrote is dropped or cut for being incomplete
or long); strict checks run only on submit, each refusal naming its field. Field names are flat; repeating
groups are lists of rows.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Contact, Function, Level, Personality
from projects.deals.models import (
    Activity,
    AskKind,
    Competitor,
    CustomerState,
    Depth,
    GiftKind,
    PainKind,
    Role,
    Stance,
    Task,
    Topic,
)
from projects.rules.course import ALL_RESOURCES, ALL_STATE_SIGNS
from salescamp.editing import parse_id, valid_id

MAX_ROW_DIGITS = 4  # a row index from a field's name: "met-12-contact"; never a 5,000-digit one

# 拜访前: prepared before the call.
BEFORE_TEXT = [
    "purpose",
    "value",
    "invitation",
    "known_company",
    "known_market",
    "known_executives",
    "known_problems",
]
# 拜访后: filled right after it.
AFTER_TEXT = [
    "place",
    "reason_met",
    "bant_budget",
    "bant_authority",
    "bant_need",
    "bant_timeline",
    "needs_values",
    "hidden_views",
    "rivalries",
    "procurement_process",
    "suggestions_project",
    "suggestions_upper",
    "hooks",
    "note",
    "stalled_note",
]
CHOICE_FIELDS = {
    "state": [c for c, _label in CustomerState.choices],
    "stalled": ["", "wrong_venue", "wrong_person", "unwilling"],
}
SMALL_ACTIVITIES = [
    ("meal", _("Shared a meal at meal time")),
    ("walked_down", _("Was walked down to the door")),
    ("same_hometown_school", _("Same hometown or school")),
    ("shared_car", _("Shared a car")),
]
STALL_REASONS = [
    ("", _("No, the conversation went fine")),
    ("wrong_venue", _("Wrong venue: they would not talk in the office")),
    ("wrong_person", _("Wrong person: they cannot help with this")),
    ("unwilling", _("Unwilling: they did not want to engage")),
]
MULTI_FIELDS = {
    "our_people_before": None,  # user ids, checked against the database
    "our_people": None,
    "state_signs": list(ALL_STATE_SIGNS),
    "topics": Topic.values,
    "other_departments": Function.values,
    "small_activities": [code for code, _label in SMALL_ACTIVITIES],
    "resources": list(ALL_RESOURCES),
}
GROUPS = {
    "must_learn": ["text", "done", "key"],
    "met": [
        "contact",
        "new_name",
        "new_title",
        "new_level",
        "new_function",
        "new_personality",
        "new_reports_to",
        "role",
        "stance",
        "depth",
        "pains",
        "pain_kind",
    ],
    "next_steps": ["text", "date", "owner", "contact"],
    "competitors": ["name", "how_seen"],
    "asks": ["kind", "contact", "text", "granted"],
    "gifts": ["kind", "value", "contact"],
}
ROW_CHOICES = {
    ("met", "new_level"): [str(v) for v in Level.values],
    ("met", "new_function"): Function.values,
    ("met", "new_personality"): Personality.values,
    ("met", "role"): Role.values,
    ("met", "stance"): Stance.values,
    ("met", "depth"): [str(v) for v in Depth.values],
    ("met", "pain_kind"): PainKind.values,
    ("asks", "kind"): AskKind.values,
    ("gifts", "kind"): [k for k in GiftKind.values if k],
}
# Ticked or not: a row with nothing else in it is no row.
ROW_CHECKBOXES = {("must_learn", "done"), ("asks", "granted")}
# Essentials of the 60-second capture: who, why they met, state, hooks, next step.
QUICK_FIELDS = {"date", "met", "reason_met", "state", "hooks", "next_steps"}
QUICK_FORM = "quick"  # the posted form was the 60-second one: it holds only the fields above
# Team templates may switch these sections off; the rest is the course's core.
OPTIONAL_SECTIONS = [
    ("known", _("What is already known")),
    ("bant", _("BANT")),
    ("relationship", _("Relationship notes")),
    ("procurement", _("How procurement decides")),
    ("competition", _("Competitors seen")),
    ("suggestions", _("The customer's suggestions")),
    ("small_activities", _("Other departments and small activities")),
    ("reciprocity", _("Resources given, asks and gifts")),
]

# Each field's words on the sheet (the same as its label), for what differs between two copies.
LABELS = {
    "purpose": _("Purpose of this visit"),
    "value": _("Value to the customer"),
    "invitation": _("The reason given on the phone"),
    "known_company": _("Company overview"),
    "known_market": _("Market and competition"),
    "known_executives": _("Executives' backgrounds"),
    "known_problems": _("Business problems"),
    "must_learn": _("What this visit must learn"),
    "our_people_before": _("Who from our side comes"),
    "date": _("Date of the visit"),
    "place": _("Place"),
    "met": _("Who we met"),
    "our_people": _("Who from our side came"),
    "reason_met": _("Why did the customer agree to meet us in working hours?"),
    "topics": _("What we talked about"),
    "bant_budget": _("BANT · Budget"),
    "bant_authority": _("BANT · Authority: who decides"),
    "bant_need": _("BANT · Need"),
    "bant_timeline": _("BANT · Timeline"),
    "needs_values": _("Their needs and values"),
    "hidden_views": _("Hidden views of the upper levels on us and on the project"),
    "rivalries": _("Internal rivalries"),
    "procurement_process": _("How procurement is divided and decides"),
    "competitors": _("Competitors seen"),
    "state": _("The customer's state"),
    "state_signs": _("Signs observed"),
    "suggestions_project": _("The customer's suggestions for the project"),
    "suggestions_upper": _("The customer's suggestions for reaching the upper levels"),
    "hooks": _("Hooks left for the next conversation"),
    "next_steps": _("Next steps"),
    "other_departments": _("Other departments met on the same trip"),
    "small_activities": _("Small activities taken"),
    "resources": _("Resources given"),
    "asks": _("Asks made in return (互惠)"),
    "gifts": _("Gifts (recorded honestly)"),
    "custom": _("Your team's questions"),
    "note": _("Free note"),
    "stalled": _("Did the contact stall?"),
    "stalled_note": _("Details of the stall"),
}


def differences(mine: dict, theirs: dict) -> list[dict]:
    """The fields two copies of a sheet disagree on, in the sheet's order: label, mine, theirs (as text)."""
    rows = []
    for key, label in LABELS.items():
        if _shown(mine.get(key)) != _shown(theirs.get(key)):
            rows.append(
                {
                    "key": key,
                    "label": str(label),
                    "mine": _shown(mine.get(key)),
                    "theirs": _shown(theirs.get(key)),
                }
            )
    return rows


ROW_IDS = ("contact", "owner", "new_reports_to", "key")


def _shown(value) -> str:
    """A field's value as one line of text, for comparing and showing two copies side by side."""
    if isinstance(value, dict):
        # A row's words; the ids it holds mean nothing to a reader (a changed pick still shows as a change).
        words = " ".join(_shown(text) for key, text in value.items() if key not in ROW_IDS and text)
        ids = ",".join(str(value[key]) for key in ROW_IDS if value.get(key))
        return f"{words} #{ids}" if ids and not words else words
    if isinstance(value, list):
        return "；".join(_shown(item) for item in value if _shown(item))
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value or "").strip()


# Messages reused by tests.
NEED_DATE = _("Enter the date of the visit.")
NEED_MET = _("Say whom you met: pick a contact or add a new one.")
DATE_IN_FUTURE = _("The visit cannot be dated in the future.")
DATE_TOO_OLD = _("That date is more than a year ago; check it.")
BAD_DATE = _("Enter a date like 2026-11-25.")
NEGATIVE_VALUE = _("Enter an amount of zero or more.")
BAD_AMOUNT = _("Enter an amount in yuan, e.g. 150.")
DUPLICATE_CONTACT = _("%(name)s is already a contact at this account: pick them from the list instead.")
OTHER_ACCOUNT = _("Choose a contact of this account.")
NEW_NEEDS_NAME = _("Give the new contact a name, or pick an existing contact.")
NEXT_STEP_BEFORE_VISIT = _("A next step cannot come before the visit.")
PICKED_TWICE = _("%(name)s is already picked above: whom else did you meet?")
TOO_LONG = _("Keep it to %(limit)s characters (it has %(length)s).")


def clean_text(value) -> str:
    # Control characters other than newlines and tabs (NUL among them) never belong in a sheet.
    return "".join(ch for ch in str(value) if ch in "\n\t" or ch.isprintable()).strip()


def parse_form(post) -> dict:
    """A posted sheet → data, keeping whatever was typed (drafts may be incomplete or even wrong)."""
    data: dict = {}
    for name in BEFORE_TEXT + AFTER_TEXT:
        data[name] = clean_text(post.get(name, ""))
    data["date"] = clean_text(post.get("date", ""))[:20]
    for name, allowed in CHOICE_FIELDS.items():
        value = post.get(name, "")
        data[name] = value if value in allowed else ""
    for name, allowed in MULTI_FIELDS.items():
        values = [clean_text(v) for v in post.getlist(name)]
        if allowed is not None:
            values = [v for v in values if v in allowed]
        else:
            values = [v for v in values if valid_id(v)]
        data[name] = list(dict.fromkeys(values))
    for group, fields in GROUPS.items():
        data[group] = _parse_rows(post, group, fields)
    for item in data["must_learn"]:
        # What the sheet answers is learned: the checklist ticks itself.
        item["done"] = item["done"] or answered(item.get("key", ""), data)
    data["custom"] = {
        clean_text(key[len("custom-") :])[:40]: clean_text(value)
        for key, value in post.items()
        if key.startswith("custom-") and clean_text(value)
    }
    return data


def _parse_rows(post, group: str, fields: list[str]) -> list[dict]:
    indices = set()
    prefix = f"{group}-"
    for key in post:
        if key.startswith(prefix):
            index = key[len(prefix) :].split("-", 1)[0]
            if index.isascii() and index.isdecimal() and len(index) <= MAX_ROW_DIGITS:
                indices.add(int(index))
    rows = []
    for index in sorted(indices):
        row = {}
        for field in fields:
            value = post.get(f"{group}-{index}-{field}", "")
            value = clean_text(value)
            allowed = ROW_CHOICES.get((group, field))
            if allowed is not None and value not in allowed:
                value = ""
            row[field] = value
        checkboxes = {field for field in fields if (group, field) in ROW_CHECKBOXES}
        for field in checkboxes:
            row[field] = bool(row[field])
        # A row is kept when something was typed into it: a tick or the must-learn item's key alone is not.
        if any(v for k, v in row.items() if k not in checkboxes and k != "key"):
            rows.append(row)
    return rows


def answered(key: str, data: dict) -> bool:
    """Whether the sheet answers one item of what the visit must learn (prefill.what_to_learn's keys)."""
    met = data.get("met", [])
    if key in AFTER_TEXT or key == "state":
        return bool(data.get(key))
    if key == "competitors":
        return any(row.get("name") for row in data.get("competitors", []))
    if key in ("bridge", "coach"):
        return any(row.get("role") == key for row in met)
    if key.startswith("pain:"):
        return any(row.get("contact") == key[len("pain:") :] and row.get("pains") for row in met)
    return False


def posted_sheet(post, stored: dict) -> dict:
    """What a posted form says the sheet is now. The 60-second form shows only its essentials: every other
    field keeps what the sheet holds (switching forms never drops what was typed in the other)."""
    data = parse_form(post)
    if post.get("form") != QUICK_FORM:
        return data
    return {**stored, **{key: value for key, value in data.items() if key in QUICK_FIELDS}}


def untouched(data: dict, start: dict) -> bool:
    """Nothing typed: the sheet is as it was shown (prefilled), so no draft is kept."""
    return {**empty_sheet(), **start} == {**empty_sheet(), **data}


def empty_sheet() -> dict:
    return parse_form(_EmptyPost())


class _EmptyPost(dict):
    def getlist(self, key):
        return []


@dataclass
class ParsedDate:
    value: datetime.date | None
    error: str | None


def parse_date(text: str) -> ParsedDate:
    if not text:
        return ParsedDate(None, None)
    try:
        return ParsedDate(datetime.date.fromisoformat(text), None)
    except ValueError:
        return ParsedDate(None, str(BAD_DATE))


def submit_errors(
    data: dict, *, account_contacts: dict[int, str], today: datetime.date | None = None
) -> dict:
    """What stops a sheet from being submitted, as {field or "group-i-field": message}: every limit the
    database would refuse is refused here first, beside its field.

    `account_contacts` maps the account's contact ids to names (to refuse strangers and duplicates).
    """
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    visit_date = parse_date(data.get("date", ""))
    if visit_date.error:
        errors["date"] = visit_date.error
    elif visit_date.value is None:
        errors["date"] = str(NEED_DATE)
    elif visit_date.value > today:
        errors["date"] = str(DATE_IN_FUTURE)
    elif visit_date.value < today - datetime.timedelta(days=366):
        errors["date"] = str(DATE_TOO_OLD)

    def of_account(value) -> bool:
        return parse_id(value) in account_contacts

    names = {name.strip(): cid for cid, name in account_contacts.items()}
    met = data.get("met", [])
    if not met:
        errors["met"] = str(NEED_MET)
    picked: set[int] = set()
    for i, row in enumerate(met):
        if row.get("contact"):
            if not of_account(row["contact"]):
                errors[f"met-{i}-contact"] = str(OTHER_ACCOUNT)
            elif (contact_id := parse_id(row["contact"])) in picked:
                errors[f"met-{i}-contact"] = str(PICKED_TWICE % {"name": account_contacts[contact_id]})
            else:
                picked.add(contact_id)
        elif not row.get("new_name"):
            errors[f"met-{i}-new_name"] = str(NEW_NEEDS_NAME)
        elif row["new_name"] in names:
            errors[f"met-{i}-new_name"] = str(DUPLICATE_CONTACT % {"name": row["new_name"]})
        if row.get("new_reports_to") and not of_account(row["new_reports_to"]):
            errors[f"met-{i}-new_reports_to"] = str(OTHER_ACCOUNT)
        _limit(errors, f"met-{i}-new_name", row.get("new_name", ""), Contact, "name")
        _limit(errors, f"met-{i}-new_title", row.get("new_title", ""), Contact, "title")

    for i, row in enumerate(data.get("next_steps", [])):
        if row.get("contact") and not of_account(row["contact"]):
            errors[f"next_steps-{i}-contact"] = str(OTHER_ACCOUNT)
        _limit(errors, f"next_steps-{i}-text", row.get("text", ""), Task, "text")
        step_date = parse_date(row.get("date", ""))
        if step_date.error:
            errors[f"next_steps-{i}-date"] = step_date.error
        elif step_date.value and visit_date.value and step_date.value < visit_date.value:
            errors[f"next_steps-{i}-date"] = str(NEXT_STEP_BEFORE_VISIT)
    for i, row in enumerate(data.get("gifts", [])):
        if row.get("value"):
            amount = parse_amount(row["value"])
            if amount is None:
                errors[f"gifts-{i}-value"] = str(BAD_AMOUNT)
            elif amount < 0:
                errors[f"gifts-{i}-value"] = str(NEGATIVE_VALUE)
            else:
                try:
                    Activity._meta.get_field("gift_value").clean(amount, None)
                except ValidationError as refused:
                    errors[f"gifts-{i}-value"] = " ".join(refused.messages)
        if row.get("contact") and not of_account(row["contact"]):
            errors[f"gifts-{i}-contact"] = str(OTHER_ACCOUNT)
    for i, row in enumerate(data.get("asks", [])):
        if row.get("contact") and not of_account(row["contact"]):
            errors[f"asks-{i}-contact"] = str(OTHER_ACCOUNT)
    for i, row in enumerate(data.get("competitors", [])):
        _limit(errors, f"competitors-{i}-name", row.get("name", ""), Competitor, "name")
    return errors


def _limit(errors: dict, key: str, value: str, model, field: str) -> None:
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit and key not in errors:
        errors[key] = str(TOO_LONG % {"limit": limit, "length": len(value)})


def parse_amount(text: str) -> Decimal | None:
    try:
        amount = Decimal(text.replace(",", "").replace("¥", "").strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount > Decimal("100000000"):
        return None
    return amount


def pick_existing(data: dict, choice: str, account_contacts: dict[int, str]) -> dict:
    """The rep chose the existing contact a new one duplicated ("<row>:<contact id>"): use them instead."""
    row_text, _sep, contact_text = choice.partition(":")
    index, contact_id = parse_id(row_text), parse_id(contact_text)
    if index is None or contact_id not in account_contacts:
        return data
    rows = data.get("met", [])
    if index < len(rows):
        rows[index] = {
            **{key: "" for key in rows[index] if key.startswith("new_")},
            **{key: value for key, value in rows[index].items() if not key.startswith("new_")},
            "contact": contact_text,
        }
    return data
