"""Review forms: a comment on a section, a manager's decision; a leader asked to take a relationship and
their answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.plans.handover import MAX_REASON
from projects.plans.models import PLAN_SECTIONS, PlanStatus
from projects.plans.review import EMPTY_COMMENT, UNKNOWN_SECTION


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Section"),
        choices=PLAN_SECTIONS,
        error_messages={"required": UNKNOWN_SECTION, "invalid_choice": UNKNOWN_SECTION},
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": EMPTY_COMMENT},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(PlanStatus.APPROVED, _("Approve")), (PlanStatus.RETURNED, _("Return for revision"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when returning: what should the rep revise?"),
    )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Take it")), ("decline", _("Decline"))])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=MAX_REASON)
