"""What both desks (工作台) count: open projects, plans in review, projects by stage and state. Every
figure is aggregated in the database (Count/Sum) in a fixed number of queries; the warnings of many
projects are read from the stored warnings (projects.stored_warnings), never evaluated here."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum

from projects.deals.models import CustomerState, Project, Stage
from projects.desks import charts
from projects.plans.models import PlanStatus, PlanSubmission
from projects.templatetags.money import cny

CLOSED_STAGES = (Stage.WON, Stage.LOST)
OPEN_STAGES = tuple(stage for stage in Stage.values if stage not in CLOSED_STAGES)
# The states in the order a desk shows them; "" is "not judged yet".
STATE_ORDER = ("S1", "S2", "S3", "")

LIST_LIMIT = 100  # rows in a desk list (due items, stale contacts, parity gaps) before "and more"


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
