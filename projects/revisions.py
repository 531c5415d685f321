"""What moves a project's revision on (see salescamp.revisions): anything its pages show — the project's
own rows, the account and its contacts, the team's thresholds and people, the names and ranks of our
side. Signals catch every save, delete and many-to-many change wherever it comes from (services, the
admin, the JSON import); a bulk `QuerySet.update()` sends none, so code that uses one calls `bump()`.
"""

from django.db.models import Q, QuerySet, signals

from accounts.models import Account, Contact
from salescamp import revisions
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

# What a rendered page of a project may show from each model, as a filter on Project built from the
# instance's own foreign keys (salescamp.revisions.follow).
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
    Team: lambda obj: Q(team_id__in=Team.objects.subtree_ids(obj.pk)),
}


def bump(projects: QuerySet | Q) -> None:
    """One more revision for each project matched (a Project queryset or a filter on Project)."""
    revisions.bump(Project, projects)


def _links_changed(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
    # Links are only ever changed from the owning side (activity.contacts.add(...)): simple_history's
    # many-to-many tracking refuses changes made from the other side.
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        bump(PROJECT_FILTERS[type(instance)](instance))
    if sender is Activity.our_people.through and not reverse:
        if action in ("post_add", "post_remove"):
            revisions.bump(User, Q(pk__in=pk_set))
        elif action == "pre_clear":
            _people_of(sender=Activity, instance=instance)


def _people_of(sender, instance, raw=False, **kwargs) -> None:
    """The people taking part in an activity: their desks count it (User.revision)."""
    if not raw:
        revisions.bump(User, Q(activities=instance.pk))


def connect() -> None:
    revisions.follow(
        Project,
        PROJECT_FILTERS,
        people=lambda user: (
            Q(team__memberships__user_id=user.pk) | Q(owner_id=user.pk) | Q(shared_with=user.pk)
        ),
    )
    signals.post_save.connect(_people_of, sender=Activity, dispatch_uid="revision-activity-people")
    # Before the delete: by post_delete the activity's links to its people are gone.
    signals.pre_delete.connect(_people_of, sender=Activity, dispatch_uid="revision-activity-people-del")
    for through in (
        Project.shared_with.through,
        Activity.our_people.through,
        Activity.contacts.through,
        Competitor.supporters.through,
    ):
        signals.m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"revision-links-{through}")
