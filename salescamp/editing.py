"""Editing conventions shared by every page, and the one concurrency rule of every editor.

Every editable row is `Versioned`: each save moves its version on, in the database. An editor's form
carries the version the user started from (`VersionedModelForm`); `save_checked` locks the row, refuses a
save that started from an older version (`StaleEdit`, answered 409 with `conflict_details`: their values
beside the user's) and otherwise saves, recording who did it. Status codes htmx swaps in place: 422 for
bad input, 409 for a stale edit.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Django 6.1's label of an unchosen select (django.db.models.fields.BLANK_CHOICE_LABEL) has no Chinese in
# Django's own catalogue yet; marked here, makemessages keeps it in ours, which Django reads first.
gettext_noop("- Select an option -")

# htmx swaps 422/409 responses (see base.html's htmx-config), so bad input re-renders the form in place.
INVALID = 422
CONFLICT = 409

STALE_EDIT = _(
    "%(who)s saved this %(thing)s after you opened it. Their values are shown below; nothing was saved. "
    "Check them, then save again to keep yours."
)


class Versioned(models.Model):
    """A row whose every save moves its version on, whoever saves it (an editor, a visit sheet, an import,
    the admin): incremented by the database and read back in the same UPDATE (RETURNING), so two writers can
    never leave the same number behind."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            self.version = F("version") + 1
            if (update_fields := kwargs.get("update_fields")) is not None and "version" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "version"]
        super().save(*args, **kwargs)


class StaleEdit(Exception):
    """Someone saved a newer version; carries the current row so the user can see their values."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _check_version(instance: Versioned, expected_version: int | None) -> None:
    """Inside a transaction: lock the stored row and refuse if it moved on since the user opened it."""
    current = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()
    if current is not None and current.version != expected_version:
        raise StaleEdit(current)


# --- one user action, one transaction

_action = threading.local()  # the work waiting for the end of the running write_transaction


@contextmanager
def write_transaction() -> Iterator[None]:
    """transaction.atomic for one user action (a save, a visit sheet submitted, an import), which also runs
    the work `before_commit` registered during it, once, at its end and inside it: whatever must see the
    whole action (the stored warnings of the projects it touched) commits or rolls back with it. Nested
    write transactions are part of the outer one."""
    if getattr(_action, "pending", None) is not None:
        with transaction.atomic():
            yield
        return
    _action.pending = {}
    try:
        with transaction.atomic():
            yield
            while _action.pending:
                _key, (work, items) = _action.pending.popitem()
                work(items)
    finally:
        _action.pending = None


def before_commit(
    key: str, work: Callable[[set], None], item, *, outside: Callable[[set], None] | None = None
) -> None:
    """Have `work` run over every `item` registered under `key` at the end of the running action. Outside
    one (the admin, a shell, a test's factories) `outside` runs at once instead, when given, else `work`."""
    pending = getattr(_action, "pending", None)
    if pending is not None:
        pending.setdefault(key, (work, set()))[1].add(item)
    else:
        (outside or work)({item})


# Rows written in bulk (bulk_create, bulk_update) send no post_save: whoever follows every write (the
# projects' stored warnings) hears of them here. Sent with sender=the model and instances=[...].
bulk_written = Signal()


def announce_bulk_write(model: type[models.Model], instances) -> None:
    bulk_written.send(sender=model, instances=list(instances))


@write_transaction()
def save_checked(instance: Versioned, *, expected_version: int | None, by, links: dict | None = None):
    """Save an edited row (validated, recorded as `by`'s) unless it changed since the user opened it; a new
    row (no pk) has nothing to check. `links`: many-to-many fields to set, name → objects."""
    if instance.pk is not None:
        _check_version(instance, expected_version)
    instance.full_clean()
    instance._history_user = by
    instance.save()
    for name, objects in (links or {}).items():
        getattr(instance, name).set(objects)
    return instance


@write_transaction()
def delete_checked(instance: Versioned, *, expected_version: int | None, by) -> None:
    """Delete a row unless it changed since the user opened it."""
    _check_version(instance, expected_version)
    instance._history_user = by
    instance.delete()


# The largest primary key the database can hold: a tampered id beyond it must be "not a valid choice",
# not an overflow deep inside the database driver.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """An id typed by a browser (a form field, a query string, part of a field's name), or None: ASCII digits
    only ("²" is a digit to str.isdigit), at most what the database holds — and never a 5,000-digit string
    handed to int(), which refuses those."""
    text = str(value).strip()
    if not (text.isascii() and text.isdecimal() and len(text) <= len(str(MAX_ID))):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def valid_id(value) -> bool:
    return parse_id(value) is not None


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and self.to_field_name is None and not valid_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if self.to_field_name is None and not valid_id(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)


def bounded_formfield(model_field, **kwargs):
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
    elif isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", BoundedModelChoiceField)
    return model_field.formfield(**kwargs)


class SafeModelForm(forms.ModelForm):
    """The base of every model form here: ids from the browser are checked before they reach the database."""

    class Meta:
        formfield_callback = bounded_formfield

    def __init_subclass__(cls, **kwargs):
        # Runs before ModelFormMetaclass reads Meta, so every subclass's own Meta gets the callback too.
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = bounded_formfield


class VersionedModelForm(SafeModelForm):
    """Carries the version the user started from, so a stale save can be refused (save_checked). None: the
    user opened the form before the row existed — if someone created it meanwhile, that save is stale too."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
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


def back_to(request, fallback: str) -> str:
    """Where a form's `next` asks to go after it is done: a path of this site, else `fallback`. A path
    only, so that `redirect()` never takes it for a view's name ("desk" would resolve, "NaN" would 500)
    and no other host or scheme is reached ("//evil.example", "/\\evil.example")."""
    target = request.POST.get("next", "")
    local = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    )
    return target if local else fallback
