"""What changed, who changed it and when — read from django-simple-history's tables in a fixed
number of queries, and worded for people rather than as a field dump."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Contact
from salescamp.models import Team

KIND_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    who: str
    kind: str
    subject: str
    changes: list[FieldChange]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def display_value(model, field_name: str, value) -> str:
    field = model._meta.get_field(field_name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def field_changes(model, old_record, new_record, names: dict[str, dict]) -> list[FieldChange]:
    """`names` maps a foreign key's attname to {id: display name}."""
    if old_record is None:
        return []
    result = []
    for field in model._meta.fields:
        name = field.attname
        if name in {"id", "created_at", "updated_at", "version"} or not hasattr(new_record, name):
            continue
        old, new = getattr(old_record, name), getattr(new_record, name)
        if old == new:
            continue
        if field.is_relation:
            lookup = names.get(name, {})
            old, new = lookup.get(old, old), lookup.get(new, new)
            result.append(FieldChange(str(field.verbose_name), str(old or "—"), str(new or "—")))
        else:
            result.append(
                FieldChange(
                    str(field.verbose_name),
                    display_value(model, field.name, old),
                    display_value(model, field.name, new),
                )
            )
    return result


def _with_previous(records_qs, limit: int):
    """The newest `limit` records, each paired with the record before it (two queries)."""
    model = records_qs.model
    previous = model.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date")).order_by(
        "-history_date"
    )
    records = list(
        records_qs.select_related("history_user")
        .annotate(previous_history_id=Subquery(previous.values("history_id")[:1]))
        .order_by("-history_date")[:limit]
    )
    prev_ids = [r.previous_history_id for r in records if r.previous_history_id]
    previous_by_id = {p.history_id: p for p in model.objects.filter(history_id__in=prev_ids)}
    return [(r, previous_by_id.get(r.previous_history_id)) for r in records]


def account_changes(account: Account, limit: int = 20) -> list[Change]:
    """Recent changes to the account and its contacts, newest first."""
    account_pairs = _with_previous(Account.history.filter(id=account.pk), limit)
    contact_pairs = _with_previous(Contact.history.filter(account_id=account.pk), limit)
    account_records = [r for pair in account_pairs for r in pair if r is not None]
    names = {
        "reports_to_id": {r.id: r.name for pair in contact_pairs for r in pair if r is not None},
        "parent_id": dict(
            Account.objects.filter(pk__in={r.parent_id for r in account_records}).values_list("id", "name")
        ),
        "team_id": dict(
            Team.objects.filter(pk__in={r.team_id for r in account_records}).values_list("id", "name")
        ),
    }
    changes = []
    for model, pairs in ((Account, account_pairs), (Contact, contact_pairs)):
        for record, prev in pairs:
            changes.append(
                Change(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else str(_("system")),
                    kind=record.history_type,
                    subject=record.name if model is Contact else str(_("account details")),
                    changes=field_changes(model, prev, record, names),
                )
            )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
