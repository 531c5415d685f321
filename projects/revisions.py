"""Project revisions: any change to what a project's pages show bumps `Project.revision`, in the same
transaction as the change, so a page drawn for one revision can be served again until it changes
(`projects.page_cache`).

Signals catch every save, delete and many-to-many change wherever it comes from (services, the admin,
the JSON import), including the people and accounts outside the project that its pages name. A bulk
`QuerySet.update()` sends no signal: code that uses one calls `bump()` itself.

Revisions only go up: each bump is `revision + 1` on the row, and `Project.save()` never writes the
field back (see `Project.save`), so two writers can never land on the same number.
"""

from django.db.models import F, Q, QuerySet, signals

from accounts.models import Account, Contact
from salescamp.models import Membership, Team, User

from .models import (
    Activity,
    Ask,
    ChainMember,
    Competitor,
    ControlPoint,
    Engagement,
    InternalSale,
    NegotiationTerm,
    Pain,
    PlanSubmission,
    Project,
    ResourcePlanItem,
    ReviewComment,
    TeamThresholds,
    TenderItem,
    VisitSheet,
)

# What a rendered page of a project may show from each model, as a filter on Project from the instance's
# own foreign keys (read from the instance, so it still works while the row is being deleted).
PROJECT_FILTERS = {
    Project: lambda obj: Q(pk=obj.pk),
    ChainMember: lambda obj: Q(pk=obj.project_id),
    Pain: lambda obj: Q(members=obj.member_id),
    ResourcePlanItem: lambda obj: Q(members=obj.member_id),
    Ask: lambda obj: Q(activities=obj.activity_id),
    **{
        model: lambda obj: Q(pk=obj.project_id)
        for model in (
            Activity,
            ControlPoint,
            Engagement,
            InternalSale,
            Competitor,
            TenderItem,
            NegotiationTerm,
            PlanSubmission,
            ReviewComment,
            VisitSheet,
        )
    },
    Account: lambda obj: Q(account_id=obj.pk),
    Contact: lambda obj: Q(account_id=obj.account_id),
    TeamThresholds: lambda obj: Q(team_id=obj.team_id),
    Membership: lambda obj: Q(team_id=obj.team_id),
    Team: lambda obj: Q(team_id__in=_subtree(obj.pk)),
}
# A user's name and rank appear on (and decide the parity warnings of) the projects of their teams.
USER_FIELDS_SHOWN = {"username", "first_name", "last_name", "display_name", "rank", "weekly_visit_target"}


def bump(projects: QuerySet | Q) -> None:
    """One more revision for each project matched (a Project queryset or a filter on Project)."""
    matched = projects if isinstance(projects, QuerySet) else Project.objects.filter(projects)
    # The subquery keeps a join in the filter from making the UPDATE touch a row twice.
    Project.objects.filter(pk__in=matched.values("pk")).update(revision=F("revision") + 1)


def _subtree(team_id: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Team.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(), [team_id]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(child for child in children.get(current, []) if child not in found)
    return found


def _changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures load rows as they were
        bump(PROJECT_FILTERS[sender](instance))


def _user_changed(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    # Signing in saves last_login alone: that changes nothing a page shows.
    if raw or kwargs.get("created"):
        return
    if update_fields is not None and not USER_FIELDS_SHOWN & set(update_fields):
        return
    bump(Q(team__memberships__user_id=instance.pk) | Q(owner_id=instance.pk) | Q(shared_with=instance.pk))


def _links_changed(sender, instance, action, reverse, **kwargs) -> None:
    # Links are only ever changed from the owning side (activity.contacts.add(...)): simple_history's
    # many-to-many tracking refuses changes made from the other side.
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        bump(PROJECT_FILTERS[type(instance)](instance))


def connect() -> None:
    for model in PROJECT_FILTERS:
        signals.post_save.connect(_changed, sender=model, dispatch_uid=f"revision-save-{model.__name__}")
        signals.post_delete.connect(_changed, sender=model, dispatch_uid=f"revision-delete-{model.__name__}")
    signals.post_save.connect(_user_changed, sender=User, dispatch_uid="revision-save-user")
    for through in (
        Project.shared_with.through,
        Activity.our_people.through,
        Activity.contacts.through,
        Competitor.supporters.through,
    ):
        signals.m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"revision-links-{through}")
