"""Who changed what in a plan, and when: django-simple-history's records of the project and every row of
its plan, read in a fixed number of queries (two per model, see accounts.history) and worded for people,
newest first, with the review submissions and decisions interleaved."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _

from accounts.history import KIND_LABELS, FieldChange, _with_previous, display_value
from accounts.models import Contact
from projects.deals.labels import label, labels
from projects.deals.models import (
    Activity,
    ChainMember,
    Competitor,
    ControlPoint,
    InternalSale,
    NegotiationTerm,
    Pain,
    Project,
    ResourcePlanItem,
    TenderItem,
)
from projects.plans.models import PlanStatus
from salescamp.models import User

SKIPPED = {"id", "project_id", "created_at", "updated_at", "version", "added_on"}
# JSON lists of codes, worded as "+ added − removed" with their labels.
CODE_LISTS = {
    "roles": "role",
    "state_signs": "sign",
    "topics": "topic",
    "resources": "resource",
    "control_points": "cp",
}
USER_FIELDS = {"owner_id", "person_id"}
SUBMISSION_WORDS = {
    PlanStatus.SUBMITTED: _("submitted version %(number)s for review"),
    PlanStatus.APPROVED: _("approved version %(number)s"),
    PlanStatus.RETURNED: _("returned version %(number)s"),
}


@dataclass
class Entry:
    when: datetime
    who: str
    kind: str  # "+", "~", "-", or "review"
    subject: str
    area: str
    changes: list[FieldChange] = field(default_factory=list)
    note: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, ""))


def _values(name: str, old, new, model, names) -> FieldChange | None:
    verbose = str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
    if name in CODE_LISTS:
        added = [c for c in (new or []) if c not in (old or [])]
        removed = [c for c in (old or []) if c not in (new or [])]
        kind = CODE_LISTS[name]
        return FieldChange(
            verbose,
            "− " + "、".join(labels(kind, removed)) if removed else "",
            "+ " + "、".join(labels(kind, added)) if added else "",
        )
    if name in names:
        return FieldChange(
            verbose, str(names[name].get(old, old) or "—"), str(names[name].get(new, new) or "—")
        )
    return FieldChange(
        verbose,
        display_value(model, name.removesuffix("_id"), old),
        display_value(model, name.removesuffix("_id"), new),
    )


def _changes(model, previous, record, names) -> list[FieldChange]:
    if previous is None:
        return []
    result = []
    for model_field in model._meta.concrete_fields:
        name = model_field.attname
        if name in SKIPPED or not hasattr(record, name):
            continue
        old, new = getattr(previous, name), getattr(record, name)
        if old != new:
            result.append(_values(name, old, new, model, names))
    return result


def plan_changes(project: Project, limit: int = 50) -> list[Entry]:
    """The newest `limit` changes to the plan, with the reviews among them: at most 25 queries, whatever
    the size (two per model, then names and submissions)."""
    member_ids = Subquery(ChainMember.history.filter(project_id=project.pk).values("id"))
    sources = [
        (Project, Project.history.filter(id=project.pk)),
        (ChainMember, ChainMember.history.filter(project_id=project.pk)),
        (Pain, Pain.history.filter(member_id__in=member_ids)),
        (Activity, Activity.history.filter(project_id=project.pk)),
        (ControlPoint, ControlPoint.history.filter(project_id=project.pk)),
        (InternalSale, InternalSale.history.filter(project_id=project.pk)),
        (ResourcePlanItem, ResourcePlanItem.history.filter(member_id__in=member_ids)),
        (Competitor, Competitor.history.filter(project_id=project.pk)),
        (TenderItem, TenderItem.history.filter(project_id=project.pk)),
        (NegotiationTerm, NegotiationTerm.history.filter(project_id=project.pk)),
    ]
    pairs = {model: _with_previous(records, limit) for model, records in sources}
    member_contacts = dict(
        ChainMember.history.filter(project_id=project.pk).values_list("id", "contact_id").distinct()
    )
    contact_ids = set(member_contacts.values())
    contact_ids |= {r.contact_id for p in pairs[ChainMember] for r in p if r is not None}
    contact_names = dict(Contact.objects.filter(pk__in=contact_ids).values_list("id", "name"))
    user_ids = {
        getattr(r, name)
        for model in (Project, ChainMember, InternalSale)
        for p in pairs[model]
        for r in p
        if r is not None
        for name in USER_FIELDS
        if hasattr(r, name)
    }
    user_ids.add(project.owner_id)  # never empty: the same queries whatever the history holds
    user_names = {u.pk: str(u) for u in User.objects.filter(pk__in={u for u in user_ids if u})}
    member_names = {mid: contact_names.get(cid, "—") for mid, cid in member_contacts.items()}
    names = {
        "owner_id": user_names,
        "person_id": user_names,
        "contact_id": contact_names,
        "member_id": member_names,
        "account_id": {project.account_id: project.account.name},
        "team_id": {project.team_id: project.team.name},
    }

    def subject(model, record) -> tuple[str, str]:
        if model is Project:
            return str(_("project details")), str(_("Project basics"))
        if model is ChainMember:
            return contact_names.get(record.contact_id, "—"), str(_("Decision chain"))
        if model is Pain:
            return f"{member_names.get(record.member_id, '—')}: {record.text}", str(_("Pain chain"))
        if model is Activity:
            return f"{record.date} {label('activity_kind', record.kind)}", str(_("Activity plan"))
        if model is ControlPoint:
            return f"CP{record.number}", str(_("The four control points"))
        if model is InternalSale:
            return f"{label('target', record.target)}: {record.commitment}", str(_("Internal selling"))
        if model is ResourcePlanItem:
            who = member_names.get(record.member_id, "—")
            return f"{who}: {label('resource', record.resource)}", str(_("Resource plan"))
        if model is Competitor:
            return record.name, str(_("Competition"))
        if model is TenderItem:
            return record.text, str(_("Tender plan"))
        return record.term, str(_("Negotiation exchange table"))

    entries = []
    for model, model_pairs in pairs.items():
        for record, previous in model_pairs:
            changes = _changes(model, previous, record, names)
            if record.history_type == "~" and not changes:
                continue  # a save that changed nothing a person would notice
            what, area = subject(model, record)
            entries.append(
                Entry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else str(_("system")),
                    kind=record.history_type,
                    subject=what,
                    area=area,
                    changes=changes,
                )
            )
    submissions = project.submissions.defer("snapshot").select_related("submitted_by", "decided_by")
    for submission in submissions[:limit]:
        entries.append(
            Entry(
                when=submission.submitted_at,
                who=str(submission.submitted_by),
                kind="review",
                subject=str(SUBMISSION_WORDS[PlanStatus.SUBMITTED] % {"number": submission.number}),
                area=str(_("Review")),
            )
        )
        if submission.decided_at:
            entries.append(
                Entry(
                    when=submission.decided_at,
                    who=str(submission.decided_by) if submission.decided_by else str(_("system")),
                    kind="review",
                    subject=str(SUBMISSION_WORDS[submission.status] % {"number": submission.number}),
                    area=str(_("Review")),
                    note=submission.decision_reason,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
