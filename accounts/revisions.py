"""What moves an account's revision on (see salescamp.revisions): the account, its contacts (the org
chart), and the names its history shows — people and teams."""

from django.db.models import Q

from salescamp.models import Team
from salescamp.revisions import follow

from .models import Account, Contact

ACCOUNT_FILTERS = {
    Account: lambda obj: Q(pk=obj.pk) | Q(parent_id=obj.pk),  # children show their group's name
    Contact: lambda obj: Q(pk=obj.account_id),
    # Team names appear in any account's history that ever named the team: renames are rare.
    Team: lambda obj: Q(),
}


def connect() -> None:
    follow(Account, ACCOUNT_FILTERS, people=lambda user: Q(team__memberships__user_id=user.pk))
