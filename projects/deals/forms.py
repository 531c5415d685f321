import datetime
from dataclasses import fields as dataclass_fields
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Contact, Function
from projects.deals.models import (
    Activity,
    Ask,
    AskKind,
    ChainMember,
    Competitor,
    ControlPoint,
    Engagement,
    InternalSale,
    NegotiationTerm,
    Pain,
    Project,
    ResourcePlanItem,
    Role,
    TeamThresholds,
    TenderItem,
    Topic,
)
from projects.rules.course import ALL_STATE_SIGNS, CONTROL_POINTS, RESOURCES, STATE_SIGNS
from projects.rules.data import Thresholds
from salescamp.editing import SafeModelForm, VersionedModelForm
from salescamp.models import Team, User

DONE_IN_FUTURE = _("A done activity cannot be in the future; untick “done” to plan it.")
DATE_OUT_OF_RANGE = _("Enter a date between 2000 and five years from now.")


def sane_date(value: datetime.date | None) -> datetime.date | None:
    if value is None:
        return value
    today = timezone.localdate()
    if value.year < 2000 or value > today.replace(year=today.year + 5):
        raise forms.ValidationError(DATE_OUT_OF_RANGE)
    return value


class DateInput(forms.DateInput):
    """A browser's date picker: its value is always YYYY-MM-DD, whatever the language (Chinese formats
    dates 2026/10/23, which a date input cannot show, so the editor opened with the date blank)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def our_people():
    return User.objects.filter(is_active=True).order_by("-rank", "display_name", "username")


def project_people(project):
    """Who of ours may be named on a project's visit sheets: its team's members and the leaders of its team
    and the teams above it (the rep's management line, 内部销售) — not other teams, not support staff."""
    leaders = [team.leader_id for team in [project.team, *project.team.ancestors()] if team.leader_id]
    return our_people().filter(Q(memberships__team=project.team_id) | Q(pk__in=leaders)).distinct()


class ProjectForm(VersionedModelForm):
    state_signs = forms.MultipleChoiceField(
        label=_("Signs observed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(str(state), [(c, label) for c, label in signs]) for state, signs in STATE_SIGNS.items()],
    )

    class Meta:
        model = Project
        fields = [
            "name",
            "account",
            "team",
            "owner",
            "shared_with",
            "stage",
            "outcome_reason",
            "amount",
            "expected_close",
            "state",
            "state_signs",
            "strategy",
        ]
        widgets = {
            "expected_close": DateInput,
            "amount": forms.NumberInput(attrs={"inputmode": "decimal", "min": "0", "step": "1000"}),
            "outcome_reason": forms.Textarea(attrs={"rows": 2}),
            "shared_with": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible_teams = user.visible_team_ids()
        self.fields["account"].queryset = Account.objects.visible_to(user)
        self.fields["team"].queryset = Team.objects.filter(pk__in=visible_teams)
        self.fields["owner"].queryset = our_people().filter(teams__in=visible_teams).distinct()
        # Shared within the project's team (projects.deals.services refuses anyone else).
        team_ids = [self.instance.team_id] if self.instance.pk else visible_teams
        self.fields["shared_with"].queryset = our_people().filter(teams__in=team_ids).distinct()
        self.fields["shared_with"].required = False

    def clean_expected_close(self):
        return sane_date(self.cleaned_data.get("expected_close"))

    def clean_state_signs(self):
        return [code for code in self.cleaned_data["state_signs"] if code in ALL_STATE_SIGNS]


class ChainMemberForm(VersionedModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Role.choices,
        help_text=_("高层 (high-level) is not ticked by hand: it follows from the parity rule."),
    )

    class Meta:
        model = ChainMember
        fields = ["contact", "roles", "stance", "depth", "owner", "acquaintance", "acquaintance_holder"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        if self.instance.pk:
            del self.fields["contact"]
        else:
            in_chain = ChainMember.objects.filter(project=project).values("contact_id")
            self.fields["contact"].queryset = Contact.objects.filter(account=project.account).exclude(
                pk__in=in_chain
            )
            self.fields["contact"].error_messages["invalid_choice"] = _(
                "Choose one of this account's contacts who is not in the chain yet."
            )
        self.fields["owner"].queryset = our_people()
        self.fields["owner"].empty_label = _("— the project owner —")
        self.fields["acquaintance_holder"].queryset = our_people()
        self.fields["acquaintance_holder"].empty_label = _("— the owner on our side —")


class PainForm(VersionedModelForm):
    class Meta:
        model = Pain
        fields = ["text", "kind"]


class ActivityForm(VersionedModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple, choices=Topic.choices
    )
    resources = forms.MultipleChoiceField(
        label=_("Resources given"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(str(group), list(items)) for group, items in RESOURCES.values()],
        help_text=_("In the course's order of priority within each kind."),
    )
    other_departments = forms.MultipleChoiceField(
        label=_("Other departments met on the same trip"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Function.choices,
    )
    control_points = forms.TypedMultipleChoiceField(
        label=_("Control points this serves"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        choices=[(number, f"CP{number} {label}") for number, label in CONTROL_POINTS.items()],
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "date",
            "done",
            "our_people",
            "contacts",
            "goal",
            "reason_met",
            "topics",
            "hook",
            "outcome",
            "resources",
            "gift_kind",
            "gift_value",
            "gift_approved",
            "other_departments",
            "control_points",
            "presales_days",
        ]
        widgets = {
            "date": DateInput,
            "our_people": forms.CheckboxSelectMultiple,
            "contacts": forms.CheckboxSelectMultiple,
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "gift_value": forms.NumberInput(attrs={"inputmode": "decimal", "min": "0"}),
            "presales_days": forms.NumberInput(attrs={"inputmode": "decimal", "min": "0", "step": "0.5"}),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["our_people"].queryset = our_people()
        self.fields["contacts"].queryset = Contact.objects.filter(account=project.account).order_by(
            "-level", "name"
        )
        self.fields["contacts"].error_messages["invalid_choice"] = _("Choose people of this account only.")
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self):
        return sane_date(self.cleaned_data.get("date"))

    def clean(self):
        cleaned = super().clean()
        when, done = cleaned.get("date"), cleaned.get("done")
        if when and done and when > timezone.localdate():
            self.add_error("date", DONE_IN_FUTURE)
        if cleaned.get("gift_value") and not cleaned.get("gift_kind"):
            self.add_error("gift_kind", _("Say what the gift is."))
        return cleaned


class AskForm(SafeModelForm):
    class Meta:
        model = Ask
        fields = ["kind", "contact", "text", "granted"]
        widgets = {"text": forms.TextInput}  # one short ask per row ("引荐采购副总")

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.filter(account=project.account)
        self.fields["contact"].empty_label = _("— anyone met —")
        self.fields["text"].required = False
        self.fields["kind"].initial = AskKind.INFORMATION

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text"):
            # An empty row is simply not an ask.
            cleaned["skip"] = True
        return cleaned


AskFormSet = forms.formset_factory(AskForm, extra=0, max_num=10, validate_max=True)


class ControlPointForm(VersionedModelForm):
    class Meta:
        model = ControlPoint
        fields = ["status", "actions"]
        widgets = {"actions": forms.Textarea(attrs={"rows": 4})}


class EngagementForm(VersionedModelForm):
    class Meta:
        model = Engagement
        fields = ["user", "part"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        if self.instance.pk:
            del self.fields["user"]  # who takes part stays; what part they play may change
        else:
            engaged = Engagement.objects.filter(project=project).values("user_id")
            self.fields["user"].queryset = our_people().exclude(pk__in=engaged)


class InternalSaleForm(VersionedModelForm):
    class Meta:
        model = InternalSale
        fields = ["target", "person", "commitment", "status"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["person"].queryset = our_people()


class ThresholdsForm(VersionedModelForm):
    class Meta:
        model = TeamThresholds
        # The engine's thresholds, then the reminders' one: one page for what a team leader tunes.
        fields = [*(field.name for field in dataclass_fields(Thresholds)), "escalate_after_days"]


NEGATIVE_MONEY = _("Enter zero or more: a term cannot be worth less than nothing.")
MONEY_WIDGET = {"inputmode": "decimal", "min": "0", "step": "1000"}


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


class ResourcePlanItemForm(VersionedModelForm):
    resource = forms.ChoiceField(
        label=_("Resource"),
        choices=[(str(group), list(items)) for group, items in RESOURCES.values()],
        help_text=_("In the course's order of priority within each kind."),
    )

    class Meta:
        model = ResourcePlanItem
        fields = ["resource", "status", "note"]


class CompetitorForm(VersionedModelForm):
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


class TenderItemForm(VersionedModelForm):
    class Meta:
        model = TenderItem
        fields = ["kind", "text", "status", "contacts"]
        widgets = {"contacts": forms.CheckboxSelectMultiple}
        help_texts = {
            "contacts": _(
                "For the departments that sign the contract and the acceptance: the people we know there."
            )
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["contacts"].queryset = Contact.objects.filter(account=project.account).order_by(
            "-level", "name"
        )
        self.fields["contacts"].error_messages["invalid_choice"] = _("Choose people of this account only.")


class NegotiationTermForm(VersionedModelForm):
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
