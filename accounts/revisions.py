"""What moves an account's revision on (see salescamp.revisions): the account, its contacts (the org
chart), and the names its history shows — people and teams."""

from django.db.models import Q, signals

from salescamp.models import Team, User
from salescamp.revisions import bump, user_change_shows

from .models import Account, Contact

ACCOUNT_FILTERS = {
    Account: lambda obj: Q(pk=obj.pk) | Q(parent_id=obj.pk),  # children show their group's name
    Contact: lambda obj: Q(pk=obj.account_id),
    # Team names appear in any account's history that ever named the team: renames are rare.
    Team: lambda obj: Q(),
}


def _changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures load rows as they were
        bump(Account, ACCOUNT_FILTERS[sender](instance))


def _user_changed(sender, instance, raw=False, created=False, update_fields=None, **kwargs) -> None:
    if not raw and user_change_shows(update_fields, created):
        bump(Account, Q(team__memberships__user_id=instance.pk))


def connect() -> None:
    for model in ACCOUNT_FILTERS:
        signals.post_save.connect(
            _changed, sender=model, dispatch_uid=f"account-revision-save-{model.__name__}"
        )
        signals.post_delete.connect(
            _changed, sender=model, dispatch_uid=f"account-revision-del-{model.__name__}"
        )
    signals.post_save.connect(_user_changed, sender=User, dispatch_uid="account-revision-save-user")
