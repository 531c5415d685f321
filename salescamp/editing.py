"""Editing conventions shared by every page: versioned forms, status codes htmx swaps, stale-edit details."""

from django import forms
from django.utils.translation import gettext_lazy as _

# htmx swaps 422/409 responses (see base.html's htmx-config), so bad input re-renders the form in place.
INVALID = 422
CONFLICT = 409

STALE_EDIT = _(
    "%(who)s saved this %(thing)s after you opened it. Their values are shown below; nothing was saved. "
    "Check them, then save again to keep yours."
)


class VersionedModelForm(forms.ModelForm):
    """Carries the version the user started from, so a stale save can be refused (see services)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        else:
            self.fields["version"].required = False
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea):
                field.strip = True
            field.widget.attrs.setdefault("id", f"{self.prefix or 'f'}-{name}")


def latest_author(instance) -> str:
    record = instance.history.select_related("history_user").order_by("-history_date").first()
    if record is None or record.history_user is None:
        return str(_("someone"))
    return str(record.history_user)


def conflict_details(form, current, thing) -> dict:
    """Their saved values beside the user's, and a form re-armed with the current version so a
    second save is a deliberate choice."""
    rows = []
    for name, form_field in form.fields.items():
        if name == "version":
            continue
        field = form.instance._meta.get_field(name)
        if field.many_to_many:
            continue
        theirs, yours = getattr(current, field.attname), getattr(form.instance, field.attname)
        if theirs != yours:
            rows.append(
                {
                    "label": form_field.label or field.verbose_name,
                    "theirs": _display(form_field, theirs),
                    "yours": _display(form_field, yours),
                }
            )
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    form.data = data
    message = STALE_EDIT % {"who": latest_author(current), "thing": thing}
    return {"message": message, "rows": rows}


def _display(form_field, value) -> str:
    labels = {}
    for key, label in getattr(form_field, "choices", []):
        if isinstance(label, list | tuple):
            labels.update({str(k): v for k, v in label})
        else:
            labels[str(key)] = label
    values = value if isinstance(value, list) else [value]
    shown = [str(labels.get(str(v), v)) for v in values if v not in (None, "")]
    return "、".join(shown) or "—"
