"""The manager's desk (团队看板): plans awaiting review, the pipeline and states, warnings by rep with
drill-down, the visit cadence, key contacts gone quiet and parity gaps — the last two are the engine's
STALE_KEY_CONTACT and PARITY_GAP warnings, with each team's thresholds, like every other warning. Every
warning figure is counted from the stored warnings by the database, whatever the number of projects."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek

from projects.deals.access import visible_projects
from projects.deals.models import Activity, ActivityKind, Project
from projects.desks import charts
from projects.desks.figures import (
    LIST_LIMIT,
    OPEN_STAGES,
    Breakdown,
    breakdown,
    plans_awaiting_review,
    week_start,
)
from projects.desks.filters import TeamFilters
from projects.plans.models import PlanSubmission
from projects.rules import CATALOGUE, SEVERITY_ORDER, Severity
from projects.stored_warnings import queries as stored
from salescamp.models import User


@dataclass(frozen=True)
class WarningCell:
    person: User
    count: int
    query: str  # the drill-down: this rep, this code


@dataclass
class WarningRow:
    code: str
    title: Any
    severity: str
    cells: list[WarningCell]  # one per column (TeamDesk.warning_people)

    @property
    def counts(self) -> list[int]:
        return [cell.count for cell in self.cells]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def severity_label(self) -> Any:
        return stored.SEVERITY_LABELS[Severity(self.severity)]


@dataclass
class Cadence:
    person: User
    target: int
    weeks: list[date]  # the Mondays
    counts: list[int]  # one per week
    spark: charts.Sparkline

    @property
    def weeks_and_counts(self) -> list[tuple[date, int]]:
        return list(zip(self.weeks, self.counts, strict=True))

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def weeks_met(self) -> int:
        return sum(1 for n in self.counts if self.target and n >= self.target)

    @property
    def average(self) -> Decimal:
        return (Decimal(self.total) / max(1, len(self.counts))).quantize(Decimal("0.1"))


@dataclass
class DrillRow:
    project: Project
    warnings: list[stored.StoredWarning]


@dataclass
class TeamDesk:
    filters: TeamFilters
    today: date
    awaiting_review: list[PlanSubmission]
    breakdown: Breakdown
    warning_people: list[User]
    warning_rows: list[WarningRow]
    open_projects: int  # how many open projects the warnings are of
    drill: list[DrillRow] | None  # the projects behind a cell (?rep=&code=)
    drill_more: bool
    weeks: list[date]
    cadence: list[Cadence]
    stale_contacts: list[stored.StoredWarning]  # the engine's STALE_KEY_CONTACT, longest quiet first
    stale_more: bool
    parity_gaps: list[stored.StoredWarning]  # the engine's PARITY_GAP, the most senior contact first
    parity_more: bool

    @property
    def warning_total(self) -> int:
        return sum(row.total for row in self.warning_rows)

    @property
    def drill_title(self) -> Any:
        return CATALOGUE[self.filters.code][1] if self.filters.code else ""

    @property
    def warning_column_totals(self) -> list[int]:
        return [sum(row.counts[i] for row in self.warning_rows) for i in range(len(self.warning_people))]


def _scoped_projects(user, filters: TeamFilters) -> tuple[QuerySet, QuerySet]:
    """(the team's projects under the stage and state filters, the same narrowed to the chosen rep)."""
    base = Project.objects.filter(pk__in=visible_projects(user).values("pk"), team_id__in=filters.scope_ids)
    if filters.stage:
        base = base.filter(stage=filters.stage)
    if filters.state is not None:
        base = base.filter(state=filters.state)
    return base, base.filter(owner=filters.rep) if filters.rep else base


def _warning_table(rows: QuerySet, filters: TeamFilters) -> tuple[list[User], list[WarningRow]]:
    counts = stored.code_owner_counts(rows)
    people = [filters.rep] if filters.rep else list(filters.people)
    # Owners no longer in the team still own projects in it: their column shows them.
    listed = {person.pk for person in people}
    others = {owner for _code, owner in counts if owner not in listed}
    people += sorted(User.objects.filter(pk__in=others), key=str) if others else []
    codes = sorted(
        {code for code, _owner in counts},
        key=lambda code: (SEVERITY_ORDER[Severity(CATALOGUE[code][0])], list(CATALOGUE).index(code)),
    )
    table = [
        WarningRow(
            code=code,
            title=CATALOGUE[code][1],
            severity=str(CATALOGUE[code][0]),
            cells=[
                WarningCell(person, counts[(code, person.pk)], filters.query(rep=person.pk, code=code))
                for person in people
            ],
        )
        for code in codes
    ]
    return people, table


def _cadence(filters: TeamFilters, base: QuerySet) -> tuple[list[date], list[Cadence]]:
    """Done visits per person per week, one GROUP BY over the activity ↔ our-people link table."""
    first = week_start(filters.date_from)
    weeks = [first + timedelta(weeks=i) for i in range((filters.date_to - first).days // 7 + 1)]
    people = [filters.rep] if filters.rep else filters.people
    link = Activity.our_people.through
    rows = (
        link.objects.filter(
            user_id__in=[person.pk for person in people],
            activity__kind=ActivityKind.VISIT,
            activity__done=True,
            activity__date__gte=first,
            activity__date__lte=filters.date_to,
            activity__project__in=base.values("pk"),
        )
        .annotate(week=TruncWeek("activity__date"))
        .order_by()
        .values("user_id", "week")
        .annotate(n=Count("activity_id", distinct=True))
    )
    counts = {(row["user_id"], _as_date(row["week"])): row["n"] for row in rows}
    labels = [monday.isoformat() for monday in weeks]
    cadence = []
    for person in people:
        series = [counts.get((person.pk, monday), 0) for monday in weeks]
        cadence.append(
            Cadence(
                person=person,
                target=person.weekly_visit_target,
                weeks=weeks,
                counts=series,
                spark=charts.sparkline(series, person.weekly_visit_target, labels=labels),
            )
        )
    return weeks, cadence


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _drill(rows: QuerySet, code: str) -> tuple[list[DrillRow], bool]:
    """The warnings of one code, grouped by project, at most LIST_LIMIT of them."""
    found = stored.listed(stored.by_severity(rows.filter(code=code)), LIST_LIMIT + 1)
    by_project: dict[int, DrillRow] = {}
    for item in found[:LIST_LIMIT]:
        by_project.setdefault(item.project.pk, DrillRow(item.project, [])).warnings.append(item)
    return list(by_project.values()), len(found) > LIST_LIMIT


def team_desk(user, filters: TeamFilters, today: date) -> TeamDesk:
    """The manager's desk in a fixed number of queries (see tests/test_desk_manager.py for the count)."""
    base, projects = _scoped_projects(user, filters)
    open_projects = projects.filter(stage__in=OPEN_STAGES)
    warnings = stored.of_projects(open_projects)
    people, rows = _warning_table(warnings, filters)
    drill, drill_more = _drill(warnings, filters.code) if filters.code else (None, False)
    weeks, cadence = _cadence(filters, base)
    stale = stored.listed(stored.longest_quiet(warnings), LIST_LIMIT + 1)
    gaps = stored.listed(stored.most_senior(warnings, "PARITY_GAP"), LIST_LIMIT + 1)
    return TeamDesk(
        filters=filters,
        today=today,
        awaiting_review=plans_awaiting_review(projects),
        breakdown=breakdown(projects),
        warning_people=people,
        warning_rows=rows,
        open_projects=open_projects.count(),
        drill=drill,
        drill_more=drill_more,
        weeks=weeks,
        cadence=cadence,
        stale_contacts=stale[:LIST_LIMIT],
        stale_more=len(stale) > LIST_LIMIT,
        parity_gaps=gaps[:LIST_LIMIT],
        parity_more=len(gaps) > LIST_LIMIT,
    )
