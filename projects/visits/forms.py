from django import forms
from django.utils.translation import gettext_lazy as _

from projects.deals.forms import project_people
from projects.deals.models import Task
from projects.visits.models import VisitTemplate
from projects.visits.schema import OPTIONAL_SECTIONS
from salescamp.editing import VersionedModelForm

MAX_QUESTIONS = 20


class VisitTemplateForm(VersionedModelForm):
    sections = forms.MultipleChoiceField(
        label=_("Optional sections shown"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=OPTIONAL_SECTIONS,
    )
    questions = forms.CharField(
        label=_("Custom questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One question per line, asked after the visit."),
    )

    class Meta:
        model = VisitTemplate
        fields = ["customer_type", "sections", "questions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["questions"] = "\n".join(q["text"] for q in self.instance.questions)
        else:
            self.initial.setdefault("sections", [code for code, _label in OPTIONAL_SECTIONS])

    def clean_questions(self):
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]
        if len(lines) > MAX_QUESTIONS:
            raise forms.ValidationError(_("At most %(n)s questions.") % {"n": MAX_QUESTIONS})
        return [{"key": f"q{index + 1}", "text": text} for index, text in enumerate(lines)]

    def validate_unique(self):
        # The team is set by the view, not the form; check the pair here for a friendly message.
        team = self.instance.team
        clash = VisitTemplate.objects.filter(
            team=team, customer_type=self.cleaned_data.get("customer_type", "")
        )
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("customer_type", _("This team already has a template for that customer type."))


class TaskForm(VersionedModelForm):
    """A task (待办) added or corrected by hand: what, who of ours, about whom, by when."""

    class Meta:
        model = Task
        fields = ["text", "owner", "contact", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["owner"].queryset = project_people(project)
        self.fields["contact"].queryset = project.account.contacts.all()
        self.fields["text"].widget.attrs["autocomplete"] = "off"
