"""The rep's desk (工作台): visits this week against the target, tasks due (到期待办), open hooks, unfinished
sheets, returned plans, relationships a leader is asked to take, projects by state and stage, and the most
serious warnings."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet

from projects.deals.access import visible_projects
from projects.deals.models import Activity, ActivityKind, Project, RelationshipRequest, RequestStatus, Task
from projects.desks import charts
from projects.desks.figures import (
    LIST_LIMIT,
    OPEN_STAGES,
    Breakdown,
    Tally,
    breakdown,
    by_pk,
    returned_plans,
    week_start,
)
from projects.plans.models import PlanSubmission
from projects.stored_warnings import queries as stored
from projects.visits.models import VisitSheet, VisitStatus
from projects.visits.tasks import open_tasks_of
from salescamp.models import User

TOP_WARNINGS = 8  # the rep desk's "most serious warnings"


@dataclass
class StateGroup:
    tally: Tally
    projects: list[Project]


@dataclass
class RepDesk:
    today: date
    week_start: date
    week_end: date
    visits_this_week: int
    target: int
    progress: charts.Progress
    tasks: list[Task]  # my open tasks (待办): overdue, due within a week, undated
    open_hooks: list[Activity]  # done activities' hooks with nothing after them
    drafts: list[VisitSheet]  # my visit sheets still in draft (incomplete)
    returned_plans: list[PlanSubmission]  # my plans returned with comments, not yet resubmitted
    requests: list[RelationshipRequest]  # relationships I am asked to take (狐假虎威), oldest first
    groups: list[StateGroup]  # my open projects by customer state
    breakdown: Breakdown
    warnings: list[stored.StoredWarning]  # the most serious, at most TOP_WARNINGS
    warning_counts: dict[str, int]  # by severity, over all my open projects
    leads_a_team: bool

    # The course's reason for the target, as the user model words it.
    target_help = User._meta.get_field("weekly_visit_target").help_text

    @property
    def warning_total(self) -> int:
        return sum(self.warning_counts.values())


def my_projects(user, visible: QuerySet | None = None) -> QuerySet:
    """The projects on my desk: mine and those shared with me, within what the access rule lets me see."""
    visible = visible_projects(user) if visible is None else visible
    return Project.objects.filter(Q(owner=user) | Q(shared_with=user), pk__in=visible.values("pk")).distinct()


def rep_desk(user, today: date) -> RepDesk:
    """The rep's desk in a fixed number of queries (see tests/test_desk_rep.py for the count)."""
    visible = visible_projects(user)
    mine = by_pk(my_projects(user, visible))
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    visits = Activity.objects.filter(
        kind=ActivityKind.VISIT, done=True, our_people=user, date__range=(monday, sunday)
    ).count()
    open_projects = list(
        mine.filter(stage__in=OPEN_STAGES).select_related("account", "owner").order_by("-amount", "name")
    )
    numbers = breakdown(mine.filter(stage__in=OPEN_STAGES), stages=OPEN_STAGES, keep_empty=False)
    groups = [
        StateGroup(tally, [p for p in open_projects if p.state == tally.key]) for tally in numbers.states
    ]
    tasks = list(open_tasks_of(user, mine, today)[:LIST_LIMIT])
    later = Activity.objects.filter(project=OuterRef("project")).filter(
        Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk"))
    )
    # A task set on the visit's own sheet is its next step too.
    followed = Task.objects.filter(visit__activity=OuterRef("pk"))
    hooks = list(
        Activity.objects.filter(project__in=mine, done=True)
        .exclude(hook="")
        .filter(~Exists(later), ~Exists(followed))
        .select_related("project", "project__account")
        .order_by("date", "pk")[:LIST_LIMIT]
    )
    for item in hooks:
        item.days_ago = (today - item.date).days
    # By the ids already read: a subquery here lets PostgreSQL join every stored warning before narrowing.
    warnings = stored.of_project_ids([project.pk for project in open_projects])
    drafts = list(
        VisitSheet.objects.filter(
            created_by=user, status=VisitStatus.DRAFT, discarded_at=None, project__in=visible.values("pk")
        )
        .select_related("project", "project__account")
        .order_by("-updated_at", "-pk")[:LIST_LIMIT]
    )
    return RepDesk(
        today=today,
        week_start=monday,
        week_end=sunday,
        visits_this_week=visits,
        target=user.weekly_visit_target,
        progress=charts.progress(visits, user.weekly_visit_target),
        tasks=tasks,
        open_hooks=hooks,
        drafts=drafts,
        returned_plans=returned_plans(mine),
        requests=asked_of(user),
        groups=groups,
        breakdown=numbers,
        warnings=stored.listed(stored.by_severity(warnings), TOP_WARNINGS),
        warning_counts=stored.severity_counts(warnings),
        leads_a_team=user.leads_a_team,
    )


def asked_of(user) -> list[RelationshipRequest]:
    """The relationships this leader is asked to take and has not answered, oldest first."""
    return list(
        RelationshipRequest.objects.filter(leader=user, status=RequestStatus.PENDING)
        .select_related("member__contact", "member__project__account", "asked_by")
        .order_by("asked_at", "id")
    )
