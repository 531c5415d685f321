"""What both desks (工作台) count: open projects, plans in review, projects by stage and state, and the
engine's warnings of many projects at once. Every figure is aggregated in the database (Count/Sum) in a
fixed number of queries; the warnings come from the engine over the plans' plain data, read in the loader's
three queries for at most WARNING_PROJECT_CAP open projects (most recently updated first; the page says
when the cap was reached)."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.deals.loading import PROJECT_RELATIONS, load_plans
from projects.deals.models import CustomerState, Project, Stage
from projects.desks import charts
from projects.plans.models import PlanStatus, PlanSubmission
from projects.rules import CATALOGUE, Severity, Warning, evaluate
from projects.rules.data import ChainMember, PlanData
from projects.templatetags.money import cny

CLOSED_STAGES = (Stage.WON, Stage.LOST)
OPEN_STAGES = tuple(stage for stage in Stage.values if stage not in CLOSED_STAGES)
# The states in the order a desk shows them; "" is "not judged yet".
STATE_ORDER = ("S1", "S2", "S3", "")

WARNING_PROJECT_CAP = 200  # open projects whose warnings a desk computes, most recently updated first
LIST_LIMIT = 100  # rows in a desk list (due items, stale contacts, parity gaps) before "and more"

SEVERITY_LABELS = {Severity.HIGH: _("High"), Severity.MEDIUM: _("Medium"), Severity.LOW: _("Low")}


def week_start(day: date) -> date:
    """The Monday of the day's week (周一)."""
    return day - timedelta(days=day.weekday())


def by_pk(projects: QuerySet) -> QuerySet:
    """The same projects without the joins of the access rule, so Count and Sum count each project once
    (visible_to joins shared_with, which would repeat a project shared with two people)."""
    return Project.objects.filter(pk__in=projects.values("pk"))


def returned_plans(projects: QuerySet) -> list[PlanSubmission]:
    """Plans returned with comments (退回) whose newest version is still the returned one."""
    newest = (
        PlanSubmission.objects.filter(project=OuterRef("project")).order_by("-number").values("number")[:1]
    )
    return list(
        PlanSubmission.objects.filter(
            project__in=projects.values("pk"), status=PlanStatus.RETURNED, number=Subquery(newest)
        )
        .annotate(comment_count=Count("comments"))
        .select_related("project", "project__account", "decided_by")
        .order_by("-decided_at", "-pk")[:LIST_LIMIT]
    )


def plans_awaiting_review(projects: QuerySet) -> list[PlanSubmission]:
    """Submitted plans waiting for a manager's decision, oldest first (at most one per project)."""
    return list(
        PlanSubmission.objects.filter(project__in=projects.values("pk"), status=PlanStatus.SUBMITTED)
        .select_related("project", "project__account", "submitted_by")
        .order_by("submitted_at", "pk")[:LIST_LIMIT]
    )


@dataclass(frozen=True)
class ProjectWarning:
    """A warning of one of the desk's projects, with what its message is about."""

    project: Project
    plan: PlanData
    warning: Warning

    @property
    def severity_label(self) -> Any:
        return SEVERITY_LABELS[Severity(self.warning.severity)]

    @property
    def title(self) -> Any:
        """The catalogue's words for the warning."""
        return CATALOGUE[self.warning.code][1]

    @property
    def member(self) -> ChainMember | None:
        """The chain member a contact warning is about."""
        return self.plan.member(self.warning.subject.id) if self.warning.subject.kind == "contact" else None

    @property
    def url(self) -> str:
        """One click from the warning to its subject on the project page."""
        subject = self.warning.subject
        prefix = {"contact": "member", "activity": "activity"}.get(str(subject.kind), "section")
        return f"{reverse('project_detail', args=[self.project.pk])}#{prefix}-{subject.id}"


def open_projects_for_warnings(projects: QuerySet) -> tuple[list[Project], bool]:
    found = list(
        projects.filter(stage__in=OPEN_STAGES)
        .select_related(*PROJECT_RELATIONS)
        .order_by("-updated_at", "-pk")[: WARNING_PROJECT_CAP + 1]
    )
    return found[:WARNING_PROJECT_CAP], len(found) > WARNING_PROJECT_CAP


def warnings_for(projects: list[Project], today: date) -> list[ProjectWarning]:
    """Every warning of these projects, from the engine, with each team's thresholds; most severe first
    (then by code, project and subject)."""
    found = [
        ProjectWarning(project, plan, warning)
        for project, plan in zip(projects, load_plans(projects), strict=True)
        for warning in evaluate(plan, today)
    ]
    return sorted(found, key=lambda pw: (*pw.warning.sort_key[:2], pw.project.name, pw.warning.sort_key[2]))


@dataclass(frozen=True)
class Tally:
    key: str
    label: Any
    count: int
    amount: Decimal


@dataclass
class Breakdown:
    """Projects by stage and by customer state, from one GROUP BY stage, state query."""

    stages: list[Tally]
    states: list[Tally]
    count: int
    amount: Decimal

    @property
    def stage_chart(self) -> charts.HBarChart:
        return _chart(self.stages, "stage")

    @property
    def state_chart(self) -> charts.HBarChart:
        return _chart(self.states, "state")


def _chart(tallies: list[Tally], kind: str) -> charts.HBarChart:
    return charts.hbars(
        [
            (
                tally.label,
                tally.count,
                f"{tally.count} · {cny(tally.amount)}",
                f"bar-{kind}-{tally.key or 'none'}",
            )
            for tally in tallies
        ]
    )


STATE_LABELS = dict(CustomerState.choices)


def breakdown(projects: QuerySet, *, stages=Stage.values, keep_empty: bool = True) -> Breakdown:
    cells = by_pk(projects).order_by().values("stage", "state").annotate(n=Count("pk"), total=Sum("amount"))
    by_stage: Counter = Counter()
    by_state: Counter = Counter()
    stage_amount: dict[str, Decimal] = defaultdict(Decimal)
    state_amount: dict[str, Decimal] = defaultdict(Decimal)
    for cell in cells:  # at most 8 stages × 4 states
        by_stage[cell["stage"]] += cell["n"]
        by_state[cell["state"]] += cell["n"]
        stage_amount[cell["stage"]] += cell["total"] or Decimal(0)
        state_amount[cell["state"]] += cell["total"] or Decimal(0)
    stage_labels = dict(Stage.choices)
    return Breakdown(
        stages=[
            Tally(stage, stage_labels[stage], by_stage[stage], stage_amount[stage])
            for stage in stages
            if keep_empty or by_stage[stage]
        ],
        states=[
            Tally(state, STATE_LABELS[state], by_state[state], state_amount[state])
            for state in STATE_ORDER
            if keep_empty or by_state[state]
        ],
        count=sum(by_stage.values()),
        amount=sum(stage_amount.values(), Decimal(0)),
    )
