"""The manager's desk (团队看板): plans awaiting review, the pipeline and states, warnings by rep with
drill-down, the visit cadence, key contacts gone quiet and parity gaps — the last two are the engine's
STALE_KEY_CONTACT and PARITY_GAP warnings, with each team's thresholds, like every other warning."""

from collections import Counter
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
    SEVERITY_LABELS,
    Breakdown,
    ProjectWarning,
    breakdown,
    open_projects_for_warnings,
    plans_awaiting_review,
    warnings_for,
    week_start,
)
from projects.desks.filters import TeamFilters
from projects.plans.models import PlanSubmission
from projects.rules import CATALOGUE, SEVERITY_ORDER, Severity
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
        return SEVERITY_LABELS[Severity(self.severity)]


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
    warnings: list[ProjectWarning]


@dataclass
class TeamDesk:
    filters: TeamFilters
    today: date
    awaiting_review: list[PlanSubmission]
    breakdown: Breakdown
    warning_people: list[User]
    warning_rows: list[WarningRow]
    warning_projects: int  # how many open projects the warnings were computed for
    warnings_capped: bool
    drill: list[DrillRow] | None  # the projects behind a cell (?rep=&code=)
    weeks: list[date]
    cadence: list[Cadence]
    stale_contacts: list[ProjectWarning]  # the engine's STALE_KEY_CONTACT, longest quiet first
    stale_more: bool
    parity_gaps: list[ProjectWarning]  # the engine's PARITY_GAP
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


def _warning_table(found: list[ProjectWarning], filters: TeamFilters) -> tuple[list[User], list[WarningRow]]:
    owners = {pw.project.owner_id: pw.project.owner for pw in found}
    people = [filters.rep] if filters.rep else list(filters.people)
    people += sorted((o for pk, o in owners.items() if pk not in {p.pk for p in people}), key=str)
    counts = Counter((pw.warning.code, pw.project.owner_id) for pw in found)
    codes = sorted(
        {pw.warning.code for pw in found},
        key=lambda code: (SEVERITY_ORDER[Severity(CATALOGUE[code][0])], list(CATALOGUE).index(code)),
    )
    rows = [
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
    return people, rows


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


def _contact_warnings(found: list[ProjectWarning], code: str) -> list[ProjectWarning]:
    """The engine's warnings of one code about chain members, the most telling first."""
    return [pw for pw in found if pw.warning.code == code and pw.member is not None]


def team_desk(user, filters: TeamFilters, today: date) -> TeamDesk:
    """The manager's desk in a fixed number of queries (see tests/test_desk_manager.py for the count)."""
    base, projects = _scoped_projects(user, filters)
    candidates, capped = open_projects_for_warnings(projects)
    found = warnings_for(candidates, today)
    people, rows = _warning_table(found, filters)
    drill = None
    if filters.code:
        by_project: dict[int, DrillRow] = {}
        for pw in found:
            if pw.warning.code == filters.code:
                by_project.setdefault(pw.project.pk, DrillRow(pw.project, [])).warnings.append(pw)
        drill = list(by_project.values())
    weeks, cadence = _cadence(filters, base)
    stale = sorted(
        _contact_warnings(found, "STALE_KEY_CONTACT"),
        key=lambda pw: (-pw.warning.message.param("days"), pw.member.name),
    )
    gaps = sorted(
        _contact_warnings(found, "PARITY_GAP"),
        key=lambda pw: (-pw.member.level, pw.member.name, pw.project.name),
    )
    return TeamDesk(
        filters=filters,
        today=today,
        awaiting_review=plans_awaiting_review(projects),
        breakdown=breakdown(projects),
        warning_people=people,
        warning_rows=rows,
        warning_projects=len(candidates),
        warnings_capped=capped,
        drill=drill,
        weeks=weeks,
        cadence=cadence,
        stale_contacts=stale[:LIST_LIMIT],
        stale_more=len(stale) > LIST_LIMIT,
        parity_gaps=gaps[:LIST_LIMIT],
        parity_more=len(gaps) > LIST_LIMIT,
    )
