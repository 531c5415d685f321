"""What importing a customer list would do, row by row, against what the team already has: a new account or
an existing one, a new contact, a duplicate (the same name at the same account: skip or update, the user
chooses), or an error saying which cell is wrong. Nothing here writes."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts.importing import values
from accounts.importing.columns import BY_KEY, normalise
from accounts.importing.reading import FORMULA
from accounts.models import Account, Contact, phone_validator, reporting_loops

# Contact fields a row may set, and the account's own.
CONTACT_FIELDS = (
    "title",
    "department",
    "level",
    "function",
    "phone",
    "wechat",
    "email",
    "personality",
    "notes",
)
ACCOUNT_FIELDS = ("industry", "region")
PARSERS = {"level": values.level, "function": values.function, "personality": values.personality}


@dataclass
class RowPlan:
    number: int  # the row in the file, as the spreadsheet numbers it
    account: str
    contact: str
    fields: dict[str, Any] = field(default_factory=dict)  # the contact's values the row gives
    account_fields: dict[str, str] = field(default_factory=dict)
    reports_to: str = ""
    errors: list[str] = field(default_factory=list)
    account_id: int | None = None  # an existing account
    contact_id: int | None = None  # an existing contact of the same name
    changes: list[tuple[Any, Any, Any]] = field(default_factory=list)  # (field label, now, from the file)
    boss_row: "RowPlan | None" = None  # the new contact of the file this one reports to
    boss_id: int | None = None  # or the existing contact

    @property
    def outcome(self) -> str:
        if self.errors:
            return "error"
        if not self.contact:
            return "account" if self.account_id is None else "nothing"
        if self.contact_id is None:
            return "new"
        return "duplicate" if self.changes else "unchanged"


@dataclass
class ImportPlan:
    rows: list[RowPlan]

    @property
    def counts(self) -> Counter:
        counts = Counter(row.outcome for row in self.rows)
        counts["new_accounts"] = len(
            {normalise(r.account) for r in self.rows if not r.errors and r.account_id is None}
        )
        return counts

    def row(self, number: int) -> RowPlan | None:
        return next((row for row in self.rows if row.number == number), None)


def _limit(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


def _read_row(number: int, cells: list[str], mapping: dict[int, str]) -> RowPlan:
    texts = {key: cells[index] if index < len(cells) else "" for index, key in mapping.items()}
    row = RowPlan(number=number, account=texts.get("account", ""), contact=texts.get("contact", ""))
    for key, text in texts.items():
        if text == FORMULA:
            row.errors.append(
                _("%(column)s holds a formula: paste it as a value.") % {"column": BY_KEY[key].label}
            )
            texts[key] = ""
    if not row.account:
        row.errors.append(_("The account name is empty."))
    for model, name, key in ((Account, "name", "account"), (Contact, "name", "contact")):
        limit = _limit(model, name)
        if len(texts.get(key, "")) > limit:
            row.errors.append(
                _("%(column)s is longer than %(limit)s characters.")
                % {"column": BY_KEY[key].label, "limit": limit}
            )
    for name in ACCOUNT_FIELDS:
        if text := texts.get(name, ""):
            if len(text) > _limit(Account, name):
                row.errors.append(
                    _("%(column)s is longer than %(limit)s characters.")
                    % {"column": BY_KEY[name].label, "limit": _limit(Account, name)}
                )
            row.account_fields[name] = text
    row.reports_to = texts.get("reports_to", "")
    for name in CONTACT_FIELDS:
        text = texts.get(name, "")
        if not text:
            continue  # an empty cell never overwrites what we know
        if name in PARSERS:
            parsed = PARSERS[name](text)
            if parsed is None:
                row.errors.append(
                    _("%(column)s “%(value)s” is not one we know; use one of: %(choices)s.")
                    % {"column": BY_KEY[name].label, "value": text[:40], "choices": _choices(name)}
                )
                continue
            row.fields[name] = parsed
            continue
        limit = _limit(Contact, name)
        if limit and len(text) > limit:
            row.errors.append(
                _("%(column)s is longer than %(limit)s characters.")
                % {"column": BY_KEY[name].label, "limit": limit}
            )
            continue
        try:
            if name == "phone":
                phone_validator(text)
            elif name == "email":
                validate_email(text)
        except ValidationError:
            row.errors.append(
                _("%(column)s “%(value)s” is not valid.") % {"column": BY_KEY[name].label, "value": text[:40]}
            )
            continue
        row.fields[name] = text
    if row.fields and not row.contact:
        row.errors.append(_("Contact details without a contact name."))
    return row


def _choices(name: str) -> str:
    model = {"level": Contact, "function": Contact, "personality": Contact}[name]
    return "、".join(str(label) for _value, label in model._meta.get_field(name).choices)


def plan_import(rows: list, mapping: dict[int, str], team_id: int) -> ImportPlan:
    """Each row's outcome against the team's accounts and contacts as they are now; three queries."""
    plan = ImportPlan([_read_row(number, cells, mapping) for number, cells in rows])
    accounts = {}
    for account in Account.objects.filter(team_id=team_id).order_by("pk"):
        accounts.setdefault(normalise(account.name), account)
    for row in plan.rows:
        if row.account and (account := accounts.get(normalise(row.account))):
            row.account_id = account.pk
    known = {row.account_id for row in plan.rows if row.account_id}
    existing: dict[tuple[int, str], Contact] = {}
    boss_of: dict[int, int | None] = {}
    for contact in Contact.objects.filter(account_id__in=known).order_by("pk"):
        existing.setdefault((contact.account_id, normalise(contact.name)), contact)
        boss_of[contact.pk] = contact.reports_to_id
    _match_contacts(plan, existing)
    _resolve_bosses(plan, existing)
    _refuse_loops(plan, boss_of)
    return plan


def _account_key(row: RowPlan) -> str:
    return normalise(row.account)


def _match_contacts(plan: ImportPlan, existing: dict[tuple[int, str], Contact]) -> None:
    first_row: dict[tuple[str, str], RowPlan] = {}
    for row in plan.rows:
        if row.errors or not row.contact:
            continue
        key = (_account_key(row), normalise(row.contact))
        if key in first_row:
            row.errors.append(_("The same contact as row %(row)s.") % {"row": first_row[key].number})
            continue
        first_row[key] = row
        contact = existing.get((row.account_id, normalise(row.contact))) if row.account_id else None
        if contact is not None:
            row.contact_id = contact.pk
            for name, value in row.fields.items():
                if getattr(contact, name) != value:
                    label = Contact._meta.get_field(name).verbose_name
                    row.changes.append((label, _shown(contact, name), _shown_value(name, value)))


def _shown(contact: Contact, name: str) -> Any:
    display = getattr(contact, f"get_{name}_display", None)
    return display() if display else getattr(contact, name)


def _shown_value(name: str, value: Any) -> Any:
    choices = dict(Contact._meta.get_field(name).choices or ())
    return choices.get(value, value)


def _resolve_bosses(plan: ImportPlan, existing: dict[tuple[int, str], Contact]) -> None:
    """上级: a contact of the same account, in the file or already ours. A row whose boss's row has errors
    gets an error too (repeated until nothing changes: one pass per level of a broken line)."""
    in_file: dict[tuple[str, str], RowPlan] = {}
    for row in plan.rows:
        if row.contact:
            in_file.setdefault((_account_key(row), normalise(row.contact)), row)
    changed = True
    while changed:
        changed = False
        for row in plan.rows:
            if row.errors or not row.reports_to:
                continue
            boss_name = normalise(row.reports_to)
            boss_row = in_file.get((_account_key(row), boss_name))
            boss = existing.get((row.account_id, boss_name)) if row.account_id else None
            if boss_name == normalise(row.contact):
                row.errors.append(_("A contact cannot report to themselves."))
            elif boss_row is not None and boss_row.errors:
                row.errors.append(
                    _("Reports to the contact of row %(row)s, which has errors.") % {"row": boss_row.number}
                )
            elif boss_row is not None:
                row.boss_row, row.boss_id = boss_row, boss_row.contact_id
            elif boss is not None:
                row.boss_row, row.boss_id = None, boss.pk
            else:
                row.errors.append(
                    _("Reports to “%(name)s”, who is neither in this file nor a contact of %(account)s.")
                    % {"name": row.reports_to[:40], "account": row.account[:40]}
                )
            changed = changed or bool(row.errors)


def _refuse_loops(plan: ImportPlan, boss_of: dict[int, int | None]) -> None:
    """Reporting lines as they would be after the import, checked for loops in one linear walk."""
    people: dict[Any, Any] = dict(boss_of)
    key = {id(row): row.contact_id or f"row{row.number}" for row in plan.rows}
    for row in plan.rows:
        if row.errors or not row.contact or not row.reports_to:
            continue
        people[key[id(row)]] = key[id(row.boss_row)] if row.boss_row else row.boss_id
    by_key = {key[id(row)]: row for row in plan.rows}
    for loop in reporting_loops(people):
        for person in loop:
            if (row := by_key.get(person)) is not None and not row.errors:
                row.errors.append(_("This reporting line makes a loop: someone would report to themselves."))
