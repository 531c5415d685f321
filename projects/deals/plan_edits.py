"""Writes to the plan's own rows (resource plan, competition, tender plan, exchange table, control points,
internal selling) from the plan page: validated, recorded with who did it, and refused when the row
changed since the user opened it. Those rows carry no version column, so the form carries a fingerprint
of the values the user started from (projects.forms_plan.fingerprint)."""

from django.db import transaction

from projects.deals.plan_forms import fingerprint


class ChangedMeanwhile(Exception):
    def __init__(self, current):
        super().__init__("changed since the form was opened")
        self.current = current


def ensure_unchanged(instance, expected: str | None) -> None:
    """Inside a transaction: lock the stored row and compare it with what the user started from."""
    if not instance.pk or not expected:
        return
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if fingerprint(current) != expected:
        raise ChangedMeanwhile(current)


@transaction.atomic
def row_save(*, instance, by, save_m2m=None):
    instance.full_clean()
    instance._history_user = by
    instance.save()
    if save_m2m is not None:
        save_m2m()
    return instance


@transaction.atomic
def row_delete(*, instance, by) -> None:
    instance._history_user = by
    instance.delete()
