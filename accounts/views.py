from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from accounts.access import account_for, contact_for
from accounts.forms import AccountForm, ContactForm
from accounts.history import account_changes
from accounts.models import Account, Contact
from accounts.orgchart import build_org_chart, drawing_steps
from accounts.services import account_save, contact_save
from salescamp.editing import CONFLICT, INVALID, StaleEdit, conflict_details

ACCOUNT_BODY = "accounts/account_detail.html#account-body"
RESULTS = "accounts/account_list.html#results"


def account_list(request: HttpRequest) -> HttpResponse:
    # PostgreSQL refuses NUL in text, even in a lookup.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    accounts = Account.objects.visible_to(request.user).select_related("team", "parent")
    if query:
        matching_contacts = Contact.objects.filter(name__icontains=query).values("account_id")
        accounts = accounts.filter(Q(name__icontains=query) | Q(pk__in=matching_contacts))
    accounts = accounts.annotate(contact_count=Count("contacts")).order_by("name")

    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query}
    return render(request, RESULTS if request.htmx else "accounts/account_list.html", context)


def account_detail(request: HttpRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    return render(request, "accounts/account_detail.html", _account_context(account))


def _account_context(account: Account, **extra) -> dict:
    contacts = list(account.contacts.all())
    return {
        "account": account,
        "contact_count": len(contacts),
        "org_chart": drawing_steps(build_org_chart(contacts)),
        "changes": account_changes(account),
        **extra,
    }


def _render_account_body(request, account, **extra) -> HttpResponse:
    """After an inline save: the chart, the panel and the history, swapped in place of the form's section."""
    response = render(request, ACCOUNT_BODY, _account_context(account, **extra))
    return reswap(retarget(response, "#account-body"), "outerHTML")


@require_http_methods(["GET", "POST"])
def account_create(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account = account_save(account=form.instance, expected_version=None, by=request.user)
        messages.success(request, _("Account “%(name)s” created.") % {"name": account.name})
        return redirect("account_detail", account_id=account.pk)
    status = INVALID if form.errors else 200
    return render(request, "accounts/account_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    form = AccountForm(request.POST or None, instance=account, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            account_save(
                account=form.instance, expected_version=form.cleaned_data["version"], by=request.user
            )
        except StaleEdit as stale:
            conflict = conflict_details(form, stale.current, _("account"))
        else:
            messages.success(request, _("Account saved."))
            return redirect("account_detail", account_id=account.pk)
    status = CONFLICT if conflict else INVALID if form.errors else 200
    return render(
        request,
        "accounts/account_form.html",
        {"form": form, "account": account, "conflict": conflict},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, account_id: int) -> HttpResponse:
    account = account_for(request.user, account_id)
    form = ContactForm(request.POST or None, account=account, prefix="new")
    if request.method == "POST" and form.is_valid():
        contact = contact_save(contact=form.instance, expected_version=None, by=request.user)
        notice = _("%(name)s added.") % {"name": contact.name}
        if request.htmx:
            return _render_account_body(request, account, notice=notice, highlight=contact.pk)
        messages.success(request, notice)
        return redirect("account_detail", account_id=account.pk)
    return _contact_form_response(request, account, form, status=INVALID if form.errors else 200)


@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = contact_for(request.user, contact_id)
    account = contact.account
    form = ContactForm(request.POST or None, instance=contact, account=account, prefix=f"c{contact.pk}")
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            contact_save(
                contact=form.instance, expected_version=form.cleaned_data["version"], by=request.user
            )
        except StaleEdit as stale:
            conflict = conflict_details(form, stale.current, _("contact"))
        else:
            notice = _("%(name)s saved.") % {"name": contact.name}
            if request.htmx:
                return _render_account_body(request, account, notice=notice, highlight=contact.pk)
            messages.success(request, notice)
            return redirect(f"{reverse('account_detail', args=[account.pk])}#contact-{contact.pk}")
    status = CONFLICT if conflict else INVALID if form.errors else 200
    return _contact_form_response(request, account, form, status=status, contact=contact, conflict=conflict)


def _contact_form_response(request, account, form, *, status, contact=None, conflict=None) -> HttpResponse:
    context = {"account": account, "form": form, "contact": contact, "conflict": conflict}
    template = "accounts/contact_form.html#contact-form" if request.htmx else "accounts/contact_form.html"
    return render(request, template, context, status=status)
