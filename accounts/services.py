"""Writes to accounts and contacts: validated, recorded with who did it, refused when stale."""

from accounts.models import Account, Contact
from salescamp.editing import save_checked


def account_save(*, account: Account, expected_version: int | None, by) -> Account:
    return save_checked(account, expected_version=expected_version, by=by)


def contact_save(*, contact: Contact, expected_version: int | None, by) -> Contact:
    return save_checked(contact, expected_version=expected_version, by=by)
