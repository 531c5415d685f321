"""Revisions: a number on a record that every change to what its page shows moves on, in the same
transaction as the change, so a page drawn for one revision can be served again until it changes
(`salescamp.page_cache`). Each app says which changes reach which records (`accounts.revisions`,
`projects.revisions`); this module holds what they share.

Revisions only go up: a bump is `revision + 1` on the row, and `save()` never writes the field back, so
two writers can never land on the same number.
"""

from django.db import models
from django.db.models import F, Q, QuerySet, signals


class Revisioned(models.Model):
    revision = models.PositiveBigIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # An instance loaded earlier must not write its old number back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            fields = self._meta.concrete_fields
            kwargs["update_fields"] = [f.name for f in fields if not f.primary_key and f.name != "revision"]
        super().save(*args, **kwargs)


def bump(model: type[Revisioned], rows: QuerySet | Q) -> None:
    """One more revision for each row matched (a queryset of `model`, or a filter on it)."""
    matched = rows if isinstance(rows, QuerySet) else model.objects.filter(rows)
    # The subquery keeps a join in the filter from making the UPDATE touch a row twice.
    model.objects.filter(pk__in=matched.values("pk")).update(revision=F("revision") + 1)


# A user's name and rank appear on the pages of their teams' records (and decide parity warnings).
USER_FIELDS_SHOWN = frozenset(
    {"username", "first_name", "last_name", "display_name", "rank", "weekly_visit_target"}
)


def user_change_shows(update_fields, created: bool) -> bool:
    """Signing in saves last_login alone; a new user appears nowhere yet."""
    return not created and (update_fields is None or bool(USER_FIELDS_SHOWN & set(update_fields)))


def follow(target: type[Revisioned], filters: dict, people=None) -> None:
    """Move `target` rows' revisions on whenever a row of a model in `filters` is saved or deleted
    (`filters`: model → instance → filter on `target`, read from the instance's own keys so it still works
    while the row is being deleted), and when a user's shown fields change (`people`: user → filter)."""
    from .models import User

    def changed(sender, instance, raw=False, **kwargs) -> None:
        if not raw:  # fixtures load rows as they were
            bump(target, filters[sender](instance))

    def user_changed(sender, instance, raw=False, created=False, update_fields=None, **kwargs) -> None:
        if not raw and user_change_shows(update_fields, created):
            bump(target, people(instance))

    name = target.__name__
    for model in filters:
        uid = f"{name}-revision-{model.__name__}"
        signals.post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        signals.post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
    if people is not None:
        signals.post_save.connect(user_changed, sender=User, weak=False, dispatch_uid=f"{name}-revision-user")
