"""Forms of the sales project plan page: the plan's own sections, and review (comments, decisions).

The project's own fields are edited through versioned forms (a stale save is refused, see services);
rows without a version column carry a fingerprint of the values the user started from instead.
"""

import hashlib
import json
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Contact
from projects.deals.forms import DateInput, sane_date
from projects.deals.models import Competitor, NegotiationTerm, Project, ResourcePlanItem, TenderItem
from projects.rules.course import RESOURCES, STATE_SIGNS
from salescamp.editing import VersionedModelForm

NEGATIVE_MONEY = _("Enter zero or more: a term cannot be worth less than nothing.")
MONEY_WIDGET = {"inputmode": "decimal", "min": "0", "step": "1000"}


def fingerprint(instance) -> str:
    """A short digest of a row's stored values (and its many-to-many ids): what the user started from."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.name in {"created_at", "updated_at", "version"}:
            continue
        values[field.attname] = getattr(instance, field.attname)
    if instance.pk:
        for field in instance._meta.many_to_many:
            values[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    payload = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


class FingerprintForm(forms.Form):
    """Rendered beside a model form: the row's fingerprint when the form was opened."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class PlanBasicsForm(VersionedModelForm):
    class Meta:
        model = Project
        fields = ["name", "stage", "outcome_reason", "amount", "expected_close"]
        widgets = {
            "expected_close": DateInput,
            "amount": forms.NumberInput(attrs=MONEY_WIDGET),
            "outcome_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_expected_close(self):
        return sane_date(self.cleaned_data.get("expected_close"))


class PlanStateForm(VersionedModelForm):
    state_signs = forms.MultipleChoiceField(
        label=_("Signs observed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(str(state), list(signs)) for state, signs in STATE_SIGNS.items()],
    )

    class Meta:
        model = Project
        fields = ["state", "state_signs", "strategy"]


class PlanPricesForm(VersionedModelForm):
    """The two offers the negotiation exchange table closes the gap between."""

    class Meta:
        model = Project
        fields = ["our_price", "their_price"]
        widgets = {
            "our_price": forms.NumberInput(attrs=MONEY_WIDGET),
            "their_price": forms.NumberInput(attrs=MONEY_WIDGET),
        }


class ResourcePlanItemForm(forms.ModelForm):
    resource = forms.ChoiceField(
        label=_("Resource"),
        choices=[(str(group), list(items)) for group, items in RESOURCES.values()],
        help_text=_("In the course's order of priority within each kind."),
    )

    class Meta:
        model = ResourcePlanItem
        fields = ["resource", "status", "note"]


class CompetitorForm(forms.ModelForm):
    class Meta:
        model = Competitor
        fields = ["name", "strengths", "our_edge", "supporters"]
        widgets = {"supporters": forms.CheckboxSelectMultiple}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["supporters"].queryset = Contact.objects.filter(account=project.account).order_by(
            "-level", "name"
        )
        self.fields["supporters"].error_messages["invalid_choice"] = _("Choose people of this account only.")


class TenderItemForm(forms.ModelForm):
    class Meta:
        model = TenderItem
        fields = ["kind", "text", "status"]


class NegotiationTermForm(forms.ModelForm):
    class Meta:
        model = NegotiationTerm
        fields = ["term", "cost_to_us", "value_to_them", "offered"]
        widgets = {
            "cost_to_us": forms.NumberInput(attrs=MONEY_WIDGET),
            "value_to_them": forms.NumberInput(attrs=MONEY_WIDGET),
        }

    def _not_negative(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and value < Decimal("0"):
            raise forms.ValidationError(NEGATIVE_MONEY)
        return value

    def clean_cost_to_us(self):
        return self._not_negative("cost_to_us")

    def clean_value_to_them(self):
        return self._not_negative("value_to_them")
