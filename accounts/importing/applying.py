"""Apply a previewed customer list in one transaction: all of it or nothing, every row recorded in the
history under the person who imported it. New rows are written in bulk (a list of 5,000 customers takes
seconds), updated contacts one by one (each is a change someone may want to trace)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.importing.columns import normalise
from accounts.importing.planning import ImportPlan, plan_import
from accounts.models import Account, Contact, ImportBatch, ImportStatus, reporting_loops
from salescamp.editing import announce_bulk_write, write_transaction

UPDATE, SKIP = "update", "skip"


class ImportRefused(Exception):
    """The list changed meaning since the preview (or cannot be applied); nothing was written."""


@dataclass(frozen=True)
class Imported:
    accounts: int
    contacts: int
    updated: int
    skipped: int
    errors: int


def apply_import(batch: ImportBatch, *, decisions: dict[int, str], by) -> Imported:
    """`decisions`: file row number → UPDATE or SKIP for duplicates (a duplicate not named is skipped).
    Rows with errors are never imported; the preview lists them."""
    with write_transaction():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportStatus.PREVIEW:
            raise ImportRefused(_("This list was already imported."))
        mapping = {int(index): key for index, key in batch.mapping.items()}
        plan = plan_import(batch.rows, mapping, batch.team_id)
        accounts = _create_accounts(plan, batch.team_id, by)
        created = _create_contacts(plan, accounts, by)
        updated = _update_contacts(plan, decisions, created, by)
        _check_lines({row.account_id for row in plan.rows if row.account_id})
        counts = plan.counts
        result = Imported(
            accounts=len(accounts),
            contacts=len(created),
            updated=updated,
            skipped=counts["duplicate"] - updated + counts["unchanged"],
            errors=counts["error"],
        )
        batch.status, batch.applied_at = ImportStatus.APPLIED, timezone.now()
        batch.summary = result.__dict__
        batch.save(update_fields=["status", "applied_at", "summary"])
    return result


def _create_accounts(plan: ImportPlan, team_id: int, by) -> dict[str, int]:
    """The new accounts, one per name however many rows name it; normalised name → id."""
    new: dict[str, Account] = {}
    for row in plan.rows:
        if row.errors or row.account_id is not None:
            continue
        account = new.setdefault(normalise(row.account), Account(team_id=team_id, name=row.account))
        for name, value in row.account_fields.items():
            if not getattr(account, name):
                setattr(account, name, value)
    bulk_create_with_history(list(new.values()), Account, default_user=by)
    ids = {key: account.pk for key, account in new.items()}
    for row in plan.rows:
        if not row.errors and row.account_id is None:
            row.account_id = ids[normalise(row.account)]
    return ids


def _create_contacts(plan: ImportPlan, accounts: dict[str, int], by) -> dict[int, Contact]:
    """New contacts, bosses already ours set at once, bosses new in the file set in a second pass."""
    created: dict[int, Contact] = {}  # id(row) → contact
    for row in plan.rows:
        if row.outcome == "new":
            created[id(row)] = Contact(
                account_id=row.account_id, name=row.contact, reports_to_id=row.boss_id, **row.fields
            )
    for row_id, contact in created.items():
        # The plan checked every value; this is the model's word on them, without a query per row.
        try:
            contact.clean_fields(exclude=["reports_to", "account"])
        except ValidationError as error:
            number = next(row.number for row in plan.rows if id(row) == row_id)
            raise ImportRefused(
                _("Row %(row)s: %(problem)s") % {"row": number, "problem": "; ".join(error.messages)}
            ) from None
    bulk_create_with_history(list(created.values()), Contact, default_user=by)
    pending = []
    for row in plan.rows:
        if id(row) in created and row.boss_row is not None and id(row.boss_row) in created:
            contact = created[id(row)]
            contact.reports_to_id = created[id(row.boss_row)].pk
            pending.append(contact)
    if pending:
        bulk_update_with_history(pending, Contact, ["reports_to"], default_user=by)
    announce_bulk_write(Contact, created.values())
    return created


def _update_contacts(plan: ImportPlan, decisions: dict[int, str], created: dict[int, Contact], by) -> int:
    rows = [row for row in plan.rows if row.outcome == "duplicate" and decisions.get(row.number) == UPDATE]
    contacts = Contact.objects.select_for_update().in_bulk([row.contact_id for row in rows])
    for row in rows:
        contact = contacts[row.contact_id]
        for name, value in row.fields.items():
            setattr(contact, name, value)
        if row.reports_to:
            contact.reports_to_id = (
                created[id(row.boss_row)].pk if id(row.boss_row) in created else row.boss_id
            )
        try:
            contact.full_clean(exclude=["reports_to"], validate_unique=False)
        except ValidationError as error:
            raise ImportRefused(
                _("Row %(row)s: %(problem)s") % {"row": row.number, "problem": "; ".join(error.messages)}
            ) from None
        contact._history_user = by
        contact.save()
    return len(rows)


def _check_lines(account_ids: set) -> None:
    """Once more, as written: no reporting loop at any account the import touched."""
    boss_of = dict(Contact.objects.filter(account_id__in=account_ids).values_list("id", "reports_to_id"))
    if reporting_loops(boss_of):
        raise ImportRefused(_("The reporting lines would make a loop; nothing was imported."))
