from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Contact
from salescamp.editing import VersionedModelForm


class AccountForm(VersionedModelForm):
    class Meta:
        model = Account
        fields = ["name", "industry", "region", "parent", "team"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = self.fields["team"].queryset.filter(pk__in=user.visible_team_ids())
        parents = Account.objects.visible_to(user)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["name"].widget.attrs.update(autocomplete="organization")


class ContactForm(VersionedModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "title",
            "department",
            "level",
            "function",
            "procurement_group",
            "reports_to",
            "personality",
            "phone",
            "wechat",
            "email",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"inputmode": "email", "autocomplete": "off"}),
        }

    def __init__(self, *args, account: Account, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.account = account
        if not self.instance.pk:
            # Level and function feed the parity check: a new contact's are chosen, never silently 基层/技术.
            for name in ("level", "function"):
                field = self.fields[name]
                field.choices = [("", _("— choose —")), *Contact._meta.get_field(name).choices]
                field.required = True
                self.initial[name] = None
        bosses = Contact.objects.filter(account=account)
        if self.instance.pk:
            bosses = bosses.exclude(pk=self.instance.pk)
        reports_to = self.fields["reports_to"]
        reports_to.queryset = bosses
        reports_to.empty_label = _("— nobody (top of the chart) —")
        # Choices refused by the queryset (another account's contact) get the model's clear message,
        # not the generic "select a valid choice".
        reports_to.error_messages["invalid_choice"] = _(
            "Choose someone at this account; a contact can only report to someone at the same account."
        )
