"""The manager's desk's filters, read from its URL: a team they lead, a rep, a stage, a state, a period and a
warning code to drill into. Anything wrong is corrected, with a note saying how; a team the user does not
lead is 404. Never queries with raw input."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from projects.deals.models import Stage
from projects.desks.figures import STATE_LABELS, STATE_ORDER, week_start
from projects.rules import CATALOGUE
from salescamp.editing import parse_id
from salescamp.models import Team, User

DEFAULT_WEEKS = 12  # the visit cadence's default period
MAX_PERIOD_DAYS = 2 * 366  # "absurd ranges" are capped at two years
EARLIEST = date(2000, 1, 1)

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
        if raw_team.isascii() and raw_team.isdigit():  # an id, of any length: theirs to see, or 404
            team_id = parse_id(raw_team)
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
        rep_id = parse_id(raw_rep)
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
