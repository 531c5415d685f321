"""The single place that decides who may see an account or a contact.

Strangers get 404, never 403: the existence of another team's customer is itself confidential.
"""

from django.shortcuts import get_object_or_404

from accounts.models import Account, Contact


def account_for(user, account_id: int) -> Account:
    return get_object_or_404(Account.objects.visible_to(user).select_related("team", "parent"), pk=account_id)


def contact_for(user, contact_id: int) -> Contact:
    return get_object_or_404(
        Contact.objects.visible_to(user).select_related("account", "reports_to"), pk=contact_id
    )
