"""Writes to accounts and contacts. Each is atomic and refuses to overwrite a newer version."""

from django.db import transaction

from accounts.models import Account, Contact


class StaleEdit(Exception):
    """Someone saved a newer version; carries the current row so the user can see their values."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _save_versioned(instance, *, expected_version: int | None, by):
    model = type(instance)
    with transaction.atomic():
        if instance.pk is not None:
            current = model.objects.select_for_update().get(pk=instance.pk)
            if current.version != expected_version:
                raise StaleEdit(current)
            instance.version = current.version + 1
        instance.full_clean()
        instance._history_user = by
        instance.save()
    return instance


def account_save(*, account: Account, expected_version: int | None, by) -> Account:
    return _save_versioned(account, expected_version=expected_version, by=by)


def contact_save(*, contact: Contact, expected_version: int | None, by) -> Contact:
    return _save_versioned(contact, expected_version=expected_version, by=by)
