"""The write path's one hook: every saved, deleted or relinked row that the engine reads marks its
projects, and at the end of the user's action (salescamp.editing.write_transaction) those projects' stored
warnings are rewritten in the same transaction. A thresholds change marks its team's projects stale and
leaves them to the task worker. A write outside an action (the admin, a shell, test factories) marks its
projects due at once and rewrites them once its transaction commits: the daily refresh catches the rest."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import Account, Contact
from projects.deals.loading import MANAGEMENT_LINE
from projects.deals.models import (
    Activity,
    Ask,
    ChainMember,
    Competitor,
    ControlPoint,
    Engagement,
    InternalSale,
    NegotiationTerm,
    Pain,
    Project,
    RelationshipRequest,
    ResourcePlanItem,
    Task,
    TeamThresholds,
    TenderItem,
)
from projects.stored_warnings.refresh import mark_stale, refresh
from projects.stored_warnings.tasks import refresh_team_warnings
from salescamp.editing import before_commit, bulk_written
from salescamp.models import Team, User

# What each row the engine reads (projects.deals.loading) says about which projects it belongs to:
# a kind of key and the attribute holding it.
BELONGS_TO = {
    Project: ("project", "pk"),
    Activity: ("project", "project_id"),
    ChainMember: ("project", "project_id"),
    Engagement: ("project", "project_id"),
    InternalSale: ("project", "project_id"),
    ControlPoint: ("project", "project_id"),
    Competitor: ("project", "project_id"),
    TenderItem: ("project", "project_id"),
    NegotiationTerm: ("project", "project_id"),
    Pain: ("member", "member_id"),
    ResourcePlanItem: ("member", "member_id"),
    RelationshipRequest: ("member", "member_id"),
    Task: ("project", "project_id"),  # a next step answers VISIT_NO_HOOK
    Ask: ("activity", "activity_id"),
    Contact: ("account", "account_id"),
    Account: ("account", "pk"),
    User: ("user", "pk"),  # a name or rank the messages and the parity rules read
    Team: ("team_line", "pk"),  # its leader and parent: the management line the parity advice names
    TeamThresholds: ("team", "team_id"),
}
# Links the engine reads: the through model → (the forward side's key kind, the reverse side's).
LINKS = {
    Project.shared_with.through: ("project", "user"),
    Activity.our_people.through: ("activity", "user"),
    Activity.contacts.through: ("activity", "contact"),
    Competitor.supporters.through: ("project_of_competitor", "contact"),
    TenderItem.contacts.through: ("project_of_tender_item", "contact"),
}
# Which projects a key names.
PROJECTS_OF = {
    "project": lambda ids: Q(pk__in=ids),
    "member": lambda ids: Q(members__in=ids),
    "activity": lambda ids: Q(activities__in=ids),
    "project_of_competitor": lambda ids: Q(competitors__in=ids),
    "project_of_tender_item": lambda ids: Q(tender_items__in=ids),
    "account": lambda ids: Q(account__in=ids),
    "contact": lambda ids: Q(account__contacts__in=ids),
    "user": lambda ids: (
        Q(owner__in=ids)
        | Q(engagements__user__in=ids)
        | Q(members__owner__in=ids)
        | Q(members__acquaintance_holder__in=ids)
        | _in_management_line(ids)
    ),
    "team_line": lambda ids: Q(team__in=set().union(*(Team.objects.subtree_ids(i) for i in ids))),
}


def _in_management_line(ids) -> Q:
    """Projects whose team's management line (projects.deals.loading) holds one of these users."""
    found = Q()
    for line in MANAGEMENT_LINE:
        found |= Q(**{f"{line}in": ids})
    return found


def _mark(kind: str, key) -> None:
    if key is not None:
        before_commit("stored_warnings", _rewrite, (kind, key), outside=_rewrite_after_commit)


def _which(keys: set[tuple[str, int]]) -> tuple[Q | None, set[int]]:
    """(the projects the keys name, the teams whose thresholds changed)."""
    by_kind: dict[str, set] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, set()).add(key)
    teams = by_kind.pop("team", set())
    which = None
    for kind, ids in by_kind.items():
        which = PROJECTS_OF[kind](ids) if which is None else which | PROJECTS_OF[kind](ids)
    return which, teams


def _rewrite(keys: set[tuple[str, int]]) -> None:
    which, teams = _which(keys)
    if teams:
        # The task worker re-evaluates them (possibly thousands); until then they are due for any refresh.
        mark_stale(Q(team__in=teams))
        for team_id in teams:
            transaction.on_commit(lambda team_id=team_id: refresh_team_warnings.enqueue(team_id))
    if which is not None:
        refresh(Project.objects.filter(which).values_list("pk", flat=True).distinct())


def _rewrite_after_commit(keys: set[tuple[str, int]]) -> None:
    which, _teams = _which(keys)
    mark_stale(which if which is not None else Q(team__in=_teams))
    transaction.on_commit(lambda: _rewrite(keys))


def _saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or sender not in BELONGS_TO:
        return
    if sender is User and update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing a warning says
    kind, attribute = BELONGS_TO[sender]
    _mark(kind, getattr(instance, attribute))


def _deleted(sender, instance, **kwargs) -> None:
    if sender in BELONGS_TO and sender is not Project:  # a deleted project's rows go with it
        kind, attribute = BELONGS_TO[sender]
        _mark(kind, getattr(instance, attribute))


def _relinked(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if sender not in LINKS or not action.startswith("post_"):
        return
    forward, backward = LINKS[sender]
    if not reverse:
        _mark(forward, instance.pk)
    elif action == "post_clear":
        _mark(backward, instance.pk)
    else:
        for pk in pk_set or ():
            _mark(forward, pk)


def _saved_in_bulk(sender, instances, **kwargs) -> None:
    for instance in instances:
        _saved(sender, instance)


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="stored_warnings.saved")
    bulk_written.connect(_saved_in_bulk, dispatch_uid="stored_warnings.saved_in_bulk")
    post_delete.connect(_deleted, dispatch_uid="stored_warnings.deleted")
    m2m_changed.connect(_relinked, dispatch_uid="stored_warnings.relinked")
