"""The desks (工作台): what a rep and a manager see first. Selectors only — no request, no templates.

`rep_desk(user, today)` reads the rep's desk; `parse_team_filters` turns the URL of the manager's desk into
`TeamFilters` (correcting bad input with a message, 404 for a team the user does not lead) and
`team_desk(user, filters, today)` reads it. `export_tables` lays the team desk out as the tables of its
spreadsheet and CSV, so the files hold exactly the page's numbers.

Speed: every figure is aggregated in the database (Count/Sum, TruncWeek) in a fixed number of queries,
whatever the number of projects, people or activities. The one exception is the warnings, which need the
engine (projects.rules): `load_plans` builds the engine's PlanData for many projects at once in eight
queries, whatever their number, for at most WARNING_PROJECT_CAP open projects (most recently updated
first; the page says when the cap was reached).
"""

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Level
from projects.deals import rows
from projects.deals.access import visible_projects
from projects.deals.loading import LoadedProject, PlanLinks, engine_tables, person_fields
from projects.deals.loading import person as engine_person
from projects.deals.models import (
    Activity,
    ActivityKind,
    Ask,
    ChainMember,
    ControlPoint,
    CustomerState,
    Engagement,
    Pain,
    Project,
    Role,
    Stage,
)
from projects.desks import charts
from projects.plans.models import PlanStatus, PlanSubmission
from projects.rules import CATALOGUE, SEVERITY_ORDER, Severity, Warning, data, evaluate
from projects.templatetags.money import cny
from projects.visits.models import VisitSheet, VisitStatus
from salescamp.models import Rank, Team, User

CLOSED_STAGES = (Stage.WON, Stage.LOST)
OPEN_STAGES = tuple(stage for stage in Stage.values if stage not in CLOSED_STAGES)
# The states in the order a desk shows them; "" is "not judged yet".
STATE_ORDER = ("S1", "S2", "S3", "")

WARNING_PROJECT_CAP = 200  # open projects whose warnings a desk computes, most recently updated first
TOP_WARNINGS = 8  # the rep desk's "most serious warnings"
LIST_LIMIT = 100  # rows in a desk list (due items, stale contacts, parity gaps) before "and more"
STALE_DAYS = 30  # a key contact untouched for more than this many days (the catalogue's default)
DEFAULT_WEEKS = 12  # the visit cadence's default period
MAX_PERIOD_DAYS = 2 * 366  # "absurd ranges" are capped at two years
EARLIEST = date(2000, 1, 1)

SEVERITY_LABELS = {Severity.HIGH: _("High"), Severity.MEDIUM: _("Medium"), Severity.LOW: _("Low")}

# Messages for input the manager's desk corrected; module constants so tests can name them.
NOT_A_TEAM = _("“%(value)s” is not a team; showing %(team)s.")
NOT_A_REP = _("That person is not in %(team)s; showing everyone.")
NOT_A_STAGE = _("“%(value)s” is not a stage; showing every stage.")
NOT_A_STATE = _("“%(value)s” is not a customer state; showing every state.")
NOT_A_CODE = _("“%(value)s” is not a warning code; no drill-down.")
NOT_A_DATE = _("“%(value)s” is not a date (write it as YYYY-MM-DD); using %(date)s.")
TOO_EARLY = _("Dates before %(date)s are not kept; the period starts on %(date)s.")
IN_THE_FUTURE = _("The period cannot end in the future; it ends today.")
SWAPPED = _("The period ended before it started; the two dates were swapped.")
CAPPED = _("A period is at most two years; it now starts on %(date)s.")


def week_start(day: date) -> date:
    """The Monday of the day's week (周一)."""
    return day - timedelta(days=day.weekday())


def _by_pk(projects: QuerySet) -> QuerySet:
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


# ---------------------------------------------------------------------------------------------------
# Warnings for many projects at once


def load_plans(projects: list[Project]) -> list[LoadedProject]:
    """The engine's data for many projects in three queries, whatever their number.

    `projects` must come with owner, team and team__thresholds joined (select_related). The queries:
    chain members with contacts, owners and pains; activities with their people, contacts and asks; the
    control points and engagement (with users) of every project.
    """
    ids = [project.pk for project in projects]
    if not ids:
        return []
    # Only the columns the engine reads (loader.to_plan_data), and the rows below activities and chain
    # members as plain tuples (PlanLinks): a desk reads thousands, and model instances with Django's
    # prefetching were most of the page's time.
    links = PlanLinks(people={}, contact_ids={}, asks={}, pains={})
    members = defaultdict(list)
    for member in (
        ChainMember.objects.filter(project_id__in=ids)
        .select_related("contact", "owner")
        .only(
            *MEMBER_FIELDS,
            *(f"contact__{name}" for name in CONTACT_FIELDS),
            *person_fields("owner__").values(),
        )
        .annotate(pain_rows=rows.json_rows(Pain.objects.all(), "member", PAIN_FIELDS))
        .order_by("-contact__level", "contact__name")
    ):
        members[member.project_id].append(member)
        pains = sorted(rows.parse(member.pain_rows), key=lambda pain: pain["id"])
        links.pains[member.pk] = tuple(data.Pain(text=pain["text"], kind=pain["kind"]) for pain in pains)
    activities = defaultdict(list)
    persons: dict[int, data.Person] = {}
    for activity in (
        Activity.objects.filter(project_id__in=ids)
        .defer("created_at")
        .annotate(
            people_rows=rows.json_rows(
                Activity.our_people.through.objects.all(), "activity", person_fields("user__")
            ),
            contact_rows=rows.json_rows(
                Activity.contacts.through.objects.all(),
                "activity",
                {"id": "contact_id", "level": "contact__level", "name": "contact__name"},
            ),
            ask_rows=rows.json_rows(Ask.objects.all(), "activity", ASK_FIELDS),
        )
    ):
        activities[activity.project_id].append(activity)
        people = sorted(rows.parse(activity.people_rows), key=lambda user: (-user["rank"], user["id"]))
        links.people[activity.pk] = tuple(_person(persons, user) for user in people)
        contacts = sorted(
            rows.parse(activity.contact_rows), key=lambda contact: (-contact["level"], contact["name"])
        )
        links.contact_ids[activity.pk] = tuple(contact["id"] for contact in contacts)
        asks = sorted(rows.parse(activity.ask_rows), key=lambda ask: ask["id"])
        links.asks[activity.pk] = tuple(
            data.Ask(kind=ask["kind"], text=ask["text"], contact_id=ask["contact"]) for ask in asks
        )
    small = {
        pk: (control_points, engagements)
        for pk, control_points, engagements in Project.objects.filter(pk__in=ids)
        .annotate(**engine_tables())
        .values_list("pk", "control_point_rows", "engagement_rows")
    }
    return [
        LoadedProject(
            project=project,
            members=members[project.pk],
            activities=activities[project.pk],
            control_points=rows.instances(ControlPoint, small[project.pk][0]),
            engagements=rows.instances(Engagement, small[project.pk][1], ("-user__rank",)),
            internal_sales=[],  # not read by the engine
            links=links,
        )
        for project in projects
    ]


MEMBER_FIELDS = (
    "project_id",
    "contact_id",
    "roles",
    "stance",
    "depth",
    "owner_id",
    "acquaintance",
    "added_on",
)
CONTACT_FIELDS = ("name", "title", "level", "function", "personality", "reports_to_id")
PAIN_FIELDS = {"id": "id", "text": "text", "kind": "kind"}
ASK_FIELDS = {"id": "id", "kind": "kind", "text": "text", "contact": "contact_id"}


def _person(persons: dict[int, data.Person], values: dict) -> data.Person:
    """One engine Person per user, however many activities name them."""
    if values["id"] not in persons:
        persons[values["id"]] = engine_person(rows.instance(User, values))
    return persons[values["id"]]


@dataclass(frozen=True)
class ProjectWarning:
    project: Project
    warning: Warning

    @property
    def severity_label(self) -> Any:
        return SEVERITY_LABELS[Severity(self.warning.severity)]

    @property
    def url(self) -> str:
        """One click from the warning to its subject on the project page."""
        subject = self.warning.subject
        prefix = {"contact": "member", "activity": "activity"}.get(str(subject.kind), "section")
        return f"{reverse('project_detail', args=[self.project.pk])}#{prefix}-{subject.id}"


def _open_projects_for_warnings(projects: QuerySet) -> tuple[list[Project], bool]:
    rows = list(
        projects.filter(stage__in=OPEN_STAGES)
        .select_related("account", "owner", "team", "team__thresholds")
        .order_by("-updated_at", "-pk")[: WARNING_PROJECT_CAP + 1]
    )
    return rows[:WARNING_PROJECT_CAP], len(rows) > WARNING_PROJECT_CAP


def warnings_for(projects: list[Project], today: date) -> list[ProjectWarning]:
    """Every warning of these projects, most severe first (then by code, project and subject)."""
    found = [
        ProjectWarning(loaded.project, warning)
        for loaded in load_plans(projects)
        for warning in evaluate(loaded.plan, today)
    ]
    return sorted(found, key=lambda pw: (*pw.warning.sort_key[:2], pw.project.name, pw.warning.sort_key[2]))


# ---------------------------------------------------------------------------------------------------
# Projects by stage and by customer state


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
    cells = _by_pk(projects).order_by().values("stage", "state").annotate(n=Count("pk"), total=Sum("amount"))
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


# ---------------------------------------------------------------------------------------------------
# The rep's desk


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
    due: list[Activity]  # planned activities of my projects dated today or earlier
    open_hooks: list[Activity]  # done activities' hooks with nothing after them
    drafts: list[VisitSheet]  # my visit sheets still in draft (incomplete)
    returned_plans: list[PlanSubmission]  # my plans returned with comments, not yet resubmitted
    groups: list[StateGroup]  # my open projects by customer state
    breakdown: Breakdown
    warnings: list[ProjectWarning]  # the most serious, at most TOP_WARNINGS
    warning_counts: dict[str, int]  # by severity, over all my open projects
    warnings_capped: bool
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
    mine = _by_pk(my_projects(user, visible))
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    visits = Activity.objects.filter(
        kind=ActivityKind.VISIT, done=True, our_people=user, date__range=(monday, sunday)
    ).count()
    open_projects = list(
        mine.filter(stage__in=OPEN_STAGES)
        .select_related("account", "owner", "team", "team__thresholds")
        .order_by("-amount", "name")
    )
    numbers = breakdown(mine.filter(stage__in=OPEN_STAGES), stages=OPEN_STAGES, keep_empty=False)
    groups = [
        StateGroup(tally, [p for p in open_projects if p.state == tally.key]) for tally in numbers.states
    ]
    due = list(
        Activity.objects.filter(project__in=mine, done=False, date__lte=today)
        .select_related("project", "project__account")
        .order_by("date", "pk")[:LIST_LIMIT]
    )
    later = Activity.objects.filter(project=OuterRef("project")).filter(
        Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk"))
    )
    hooks = list(
        Activity.objects.filter(project__in=mine, done=True)
        .exclude(hook="")
        .filter(~Exists(later))
        .select_related("project", "project__account")
        .order_by("date", "pk")[:LIST_LIMIT]
    )
    for item in (*due, *hooks):
        item.days_ago = (today - item.date).days
    found = warnings_for(open_projects[:WARNING_PROJECT_CAP], today)
    drafts = list(
        VisitSheet.objects.filter(created_by=user, status=VisitStatus.DRAFT, project__in=visible.values("pk"))
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
        due=due,
        open_hooks=hooks,
        drafts=drafts,
        returned_plans=returned_plans(mine),
        groups=groups,
        breakdown=numbers,
        warnings=found[:TOP_WARNINGS],
        warning_counts=dict(Counter(str(pw.warning.severity) for pw in found)),
        warnings_capped=len(open_projects) > WARNING_PROJECT_CAP,
        leads_a_team=user.leads_a_team,
    )


# ---------------------------------------------------------------------------------------------------
# The manager's desk: filters from the URL


@dataclass
class TeamOption:
    team: Team
    depth: int

    @property
    def indent(self) -> str:
        return "— " * self.depth


@dataclass
class TeamFilters:
    team: Team
    scope_ids: list[int]  # the team and every team below it
    options: list[TeamOption]  # the teams the user may pick: the ones they manage
    people: QuerySet  # members of the teams in scope (read once, when first needed)
    rep: User | None = None
    stage: str = ""
    state: str | None = None  # None: every state; "" is "not judged yet" (written "none" in the URL)
    date_from: date = EARLIEST
    date_to: date = EARLIEST
    code: str = ""
    notes: list[str] = field(default_factory=list)  # what was corrected in the URL, for the page

    def params(self, **overrides) -> dict[str, str]:
        """The canonical query parameters of this view (for links, exports and bookmarks)."""
        values = {
            "team": str(self.team.pk),
            "rep": str(self.rep.pk) if self.rep else "",
            "stage": self.stage,
            "state": self.state_param,
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "code": self.code,
        }
        values.update({key: "" if value is None else str(value) for key, value in overrides.items()})
        return {key: value for key, value in values.items() if value}

    def query(self, **overrides) -> str:
        return urlencode(self.params(**overrides))

    @property
    def query_without_drill(self) -> str:
        return self.query(code="")

    @property
    def stage_choices(self) -> list[tuple[str, Any]]:
        return list(Stage.choices)

    @property
    def state_choices(self) -> list[tuple[str, Any]]:
        return [(state or "none", STATE_LABELS[state]) for state in STATE_ORDER]

    @property
    def state_param(self) -> str:
        return "" if self.state is None else (self.state or "none")


def _as_id(raw: str) -> int | None:
    """A positive integer written in ASCII digits, or None ("²" and "٣" are digits to str.isdigit)."""
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def _parse_date(raw: str, default: date, notes: list[str]) -> date:
    raw = raw.strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        notes.append(str(NOT_A_DATE) % {"value": _shown(raw), "date": default.isoformat()})
        return default


def _team_tree(user) -> tuple[list[Team], dict[int | None, list[Team]]]:
    teams = list(Team.objects.managed_by(user).order_by("name"))
    children: dict[int | None, list[Team]] = defaultdict(list)
    ids = {team.pk for team in teams}
    for team in teams:
        children[team.parent_id if team.parent_id in ids else None].append(team)
    return teams, children


def parse_team_filters(user, params, today: date) -> TeamFilters:
    """Read the manager's desk URL. A team the user does not manage is 404 (whether or not it exists);
    anything else that is wrong is corrected, with a note saying how. Never queries with raw input."""
    teams, children = _team_tree(user)
    if not teams:
        raise Http404("not a manager")
    options: list[TeamOption] = []

    def walk(team: Team, depth: int) -> None:
        options.append(TeamOption(team, depth))
        for child in children.get(team.pk, []):
            walk(child, depth + 1)

    for root in children[None]:
        walk(root, 0)
    by_id = {team.pk: team for team in teams}
    notes: list[str] = []

    team = options[0].team
    raw_team = params.get("team", "").strip()
    if raw_team:
        team_id = _as_id(raw_team)
        if team_id is not None:
            if team_id not in by_id:
                raise Http404("not a team this user manages")
            team = by_id[team_id]
        else:
            notes.append(str(NOT_A_TEAM) % {"value": _shown(raw_team), "team": team.name})

    scope_ids, stack = [], [team]
    while stack:
        current = stack.pop()
        scope_ids.append(current.pk)
        stack.extend(children.get(current.pk, []))
    # Read when first needed (a ?rep= to check, or the page being drawn): a desk served from its drawn
    # copy never needs it.
    people = (
        User.objects.filter(memberships__team_id__in=scope_ids)
        .distinct()
        .order_by("rank", "display_name", "username")
    )

    rep = None
    raw_rep = params.get("rep", "").strip()
    if raw_rep:
        rep_id = _as_id(raw_rep)
        rep = next((person for person in people if person.pk == rep_id), None)
        if rep is None:
            notes.append(str(NOT_A_REP) % {"team": team.name})

    stage = params.get("stage", "").strip()
    if stage and stage not in Stage.values:
        notes.append(str(NOT_A_STAGE) % {"value": _shown(stage)})
        stage = ""

    state: str | None = None
    raw_state = params.get("state", "").strip()
    if raw_state:
        if raw_state in ("S1", "S2", "S3"):
            state = raw_state
        elif raw_state == "none":
            state = ""
        else:
            notes.append(str(NOT_A_STATE) % {"value": _shown(raw_state)})

    code = params.get("code", "").strip()
    if code and code not in CATALOGUE:
        notes.append(str(NOT_A_CODE) % {"value": _shown(code)})
        code = ""

    default_to = today
    default_from = week_start(today) - timedelta(weeks=DEFAULT_WEEKS - 1)
    date_to = _parse_date(params.get("to", ""), default_to, notes)
    date_from = _parse_date(params.get("from", ""), default_from, notes)
    if date_to > today:
        notes.append(str(IN_THE_FUTURE))
        date_to = today
    if date_from > today:
        date_from = today
    if date_from < EARLIEST or date_to < EARLIEST:
        notes.append(str(TOO_EARLY) % {"date": EARLIEST.isoformat()})
        date_from, date_to = max(date_from, EARLIEST), max(date_to, EARLIEST)
    if date_from > date_to:
        notes.append(str(SWAPPED))
        date_from, date_to = date_to, date_from
    if (date_to - date_from).days > MAX_PERIOD_DAYS:
        date_from = date_to - timedelta(days=MAX_PERIOD_DAYS)
        notes.append(str(CAPPED) % {"date": date_from.isoformat()})

    return TeamFilters(
        team=team,
        scope_ids=scope_ids,
        options=options,
        people=people,
        rep=rep,
        stage=stage,
        state=state,
        date_from=date_from,
        date_to=date_to,
        code=code,
        notes=notes,
    )


# ---------------------------------------------------------------------------------------------------
# The manager's desk: the figures


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
    stale_contacts: list[ChainMember]  # annotated: last_touched, days_quiet
    stale_more: bool
    parity_gaps: list[ChainMember]  # annotated: courted_by (a User)
    parity_more: bool

    @property
    def warning_total(self) -> int:
        return sum(row.total for row in self.warning_rows)

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


def _stale_contacts(projects: QuerySet, today: date) -> list[ChainMember]:
    """Bridges, coaches and executives (level ≥ 3) with no done activity for more than STALE_DAYS days
    (counted from the day they joined the chain when nothing was ever done with them)."""
    last_done = (
        Activity.objects.filter(project=OuterRef("project"), contacts=OuterRef("contact"), done=True)
        .order_by("-date")
        .values("date")[:1]
    )
    return list(
        ChainMember.objects.filter(project__in=projects.filter(stage__in=OPEN_STAGES).values("pk"))
        .filter(
            Q(contact__level__gte=Level.EXECUTIVE)
            | Q(roles__icontains=f'"{Role.BRIDGE}"')
            | Q(roles__icontains=f'"{Role.COACH}"')
        )
        .annotate(last_touched=Coalesce(Subquery(last_done), F("added_on")))
        .filter(last_touched__lt=today - timedelta(days=STALE_DAYS))
        .select_related("contact", "project", "project__owner", "owner")
        .order_by("last_touched", "contact__name")[: LIST_LIMIT + 1]
    )


def _parity_gaps(projects: QuerySet) -> list[ChainMember]:
    """Executives (level ≥ 3) courted by a rep alone: the effective owner (the member's, else the
    project's) has the rep rank (责权利不对等)."""
    return list(
        ChainMember.objects.filter(
            project__in=projects.filter(stage__in=OPEN_STAGES).values("pk"),
            contact__level__gte=Level.EXECUTIVE,
        )
        .filter(Q(owner__rank=Rank.REP) | Q(owner__isnull=True, project__owner__rank=Rank.REP))
        .select_related("contact", "project", "project__owner", "owner")
        .order_by("-contact__level", "contact__name", "project__name")[: LIST_LIMIT + 1]
    )


def team_desk(user, filters: TeamFilters, today: date) -> TeamDesk:
    """The manager's desk in a fixed number of queries (see tests/test_desk_manager.py for the count)."""
    base, projects = _scoped_projects(user, filters)
    candidates, capped = _open_projects_for_warnings(projects)
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
    stale = _stale_contacts(projects, today)
    for member in stale:
        member.days_quiet = (today - member.last_touched).days
        member.role_names = _role_names(member)
    gaps = _parity_gaps(projects)
    for member in gaps:
        member.courted_by = member.owner or member.project.owner
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


# ---------------------------------------------------------------------------------------------------
# Export: the same numbers as the page, as tables


@dataclass
class Table:
    title: Any
    header: list[Any]
    rows: list[list[Any]]


def _role_names(member: ChainMember) -> str:
    labels = dict(Role.choices)
    return ", ".join(str(labels[role]) for role in member.roles if role in labels)


def export_tables(desk: TeamDesk) -> list[Table]:
    f = desk.filters
    everyone = _("Everyone")
    every = _("All")
    stage_labels = dict(Stage.choices)
    tables = [
        Table(
            _("Team view"),
            [_("Filter"), _("Value")],
            [
                [_("Team"), f.team.name],
                [_("Rep"), str(f.rep) if f.rep else str(everyone)],
                [_("Stage"), str(stage_labels[f.stage]) if f.stage else str(every)],
                [_("Customer state"), str(STATE_LABELS[f.state]) if f.state is not None else str(every)],
                [_("From"), f.date_from],
                [_("To"), f.date_to],
                [_("Exported on"), desk.today],
            ],
        ),
        Table(
            _("Plans awaiting review"),
            [_("Project"), _("Owner"), _("Version"), _("Submitted on")],
            [
                [s.project.name, str(s.project.owner), s.number, timezone.localdate(s.submitted_at)]
                for s in desk.awaiting_review
            ],
        ),
        Table(
            _("Pipeline by stage"),
            [_("Stage"), _("Projects"), _("Amount (CNY)")],
            [[t.label, t.count, t.amount] for t in desk.breakdown.stages]
            + [[_("Total"), desk.breakdown.count, desk.breakdown.amount]],
        ),
        Table(
            _("Projects by customer state"),
            [_("Customer state"), _("Projects"), _("Amount (CNY)")],
            [[t.label, t.count, t.amount] for t in desk.breakdown.states],
        ),
        Table(
            _("Warnings by rep"),
            [_("Code"), _("Warning"), _("Severity"), *[str(p) for p in desk.warning_people], _("Total")],
            [[row.code, row.title, row.severity_label, *row.counts, row.total] for row in desk.warning_rows],
        ),
        Table(
            _("Visit cadence"),
            [_("Person"), _("Weekly target"), *desk.weeks, _("Total"), _("Weeks at target")],
            [[str(c.person), c.target, *c.counts, c.total, c.weeks_met] for c in desk.cadence],
        ),
        Table(
            _("Key contacts untouched for more than 30 days"),
            [_("Contact"), _("Title"), _("Level"), _("Roles"), _("Project"), _("Last touched"), _("Days")],
            [
                [
                    m.contact.name,
                    m.contact.title,
                    m.contact.get_level_display(),
                    _role_names(m),
                    m.project.name,
                    m.last_touched,
                    m.days_quiet,
                ]
                for m in desk.stale_contacts
            ],
        ),
        Table(
            _("Parity gaps: executives courted by a rep alone"),
            [_("Contact"), _("Title"), _("Level"), _("Project"), _("Courted by")],
            [
                [
                    m.contact.name,
                    m.contact.title,
                    m.contact.get_level_display(),
                    m.project.name,
                    str(m.courted_by),
                ]
                for m in desk.parity_gaps
            ],
        ),
    ]
    return tables


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Numbers and dates stay typed; text is text (a name starting with "=" must not become a formula)."""
    if isinstance(value, (int, Decimal, date)) and not isinstance(value, bool):
        return value
    return str(value)


def write_csv(tables: list[Table]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow([str(table.title)])
        writer.writerow([_csv_text(_cell(v)) for v in table.header])
        for row in table.rows:
            writer.writerow([_csv_text(_cell(v)) for v in row])
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # CSV injection: spreadsheet programs would run it
    return str(value)


def write_xlsx(tables: list[Table]) -> bytes:
    """One worksheet per table; amounts as numbers with a ¥ format, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for index, table in enumerate(tables, start=1):
        # Sheet names: at most 31 characters, none of []:*?/\
        name = "".join(ch for ch in str(table.title) if ch not in "[]:*?/\\")[:28] or "Sheet"
        sheet = book.create_sheet(f"{index} {name}"[:31])
        sheet.append([_xlsx_header(v) for v in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.data_type = "s"
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
                elif isinstance(cell.value, Decimal):
                    cell.number_format = "¥#,##0"
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_header(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
