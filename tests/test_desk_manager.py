"""The manager's desk (/team/): a team the user leads and the teams below it — pipeline, states, warnings
by rep with drill-down, visit cadence, stale key contacts, parity gaps — from the URL's filters, with bad
input corrected or refused (404) and a query count that does not grow with the data."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.deals.loading import load_plan
from projects.deals.models import ChainMember, Project
from projects.desks import filters as desk_filters
from projects.desks.figures import week_start
from projects.desks.team import team_desk
from projects.plans.models import PlanSubmission
from projects.rules import evaluate
from projects.stored_warnings.refresh import refresh_due
from salescamp.models import Rank

from .conftest import client_for
from .factories import (
    AccountFactory,
    ActivityFactory,
    ChainMemberFactory,
    ContactFactory,
    MembershipFactory,
    ProjectFactory,
    TeamFactory,
    UserFactory,
)


def activity(project, day, *, people, contacts=(), kind="visit", done=True):
    item = ActivityFactory(project=project, date=day, kind=kind, done=done, hook="下次再约")
    item.our_people.set(people)
    item.contacts.set(contacts)
    return item


@pytest.fixture
def world(db):
    """陈总监 leads 事业部 (teams A and B below it); 王组长 leads A (r1, r2); B has r3; 赵总监 leads
    another division with team C."""
    today = timezone.localdate()
    monday = week_start(today)
    director = UserFactory(username="m-director", rank=Rank.DIRECTOR, display_name="陈总监")
    lead = UserFactory(username="m-lead", rank=Rank.TEAM_LEAD, display_name="王组长")
    r1 = UserFactory(username="m-r1", display_name="小张", weekly_visit_target=3)
    r2 = UserFactory(username="m-r2", display_name="小王")
    r3 = UserFactory(username="m-r3", display_name="小刘")
    other_director = UserFactory(username="m-other", rank=Rank.DIRECTOR, display_name="赵总监")
    r4 = UserFactory(username="m-r4", display_name="小李")
    division = TeamFactory(name="事业部", leader=director)
    team_a = TeamFactory(name="A组", leader=lead, parent=division)
    team_b = TeamFactory(name="B组", parent=division)
    other_division = TeamFactory(name="另一事业部", leader=other_director)
    team_c = TeamFactory(name="C组", parent=other_division)
    for user, team in ((lead, team_a), (r1, team_a), (r2, team_a), (r3, team_b), (r4, team_c)):
        MembershipFactory(user=user, team=team)
    acc_a = AccountFactory(team=team_a, name="甲客户")
    acc_b = AccountFactory(team=team_b, name="乙客户")
    acc_c = AccountFactory(team=team_c, name="丙客户")

    def project(name, account, owner, stage, state, amount, **extra):
        made = ProjectFactory(
            name=name, account=account, owner=owner, stage=stage, state=state, amount=Decimal(amount), **extra
        )
        for number in (1, 2, 3, 4):
            made.control_points.create(number=number)
        return made

    a1 = project("A1", acc_a, r1, "lead", "S3", "100000")
    a2 = project("A2", acc_a, r1, "opportunity", "S2", "300000")
    a3 = project("A3", acc_a, r1, "won", "S2", "50000", outcome_reason="赢了")
    a4 = project("A4", acc_a, r2, "opportunity", "S1", "200000")
    b1 = project("B1", acc_b, r3, "tender", "S2", "400000")
    c1 = project("C1", acc_c, r4, "tender", "S2", "9990000")
    a2.shared_with.add(r2, lead)  # two shares: the sums must still count A2 once

    def member(project, name, level, roles=(), owner=None):
        contact = ContactFactory(account=project.account, name=name, title="", level=level)
        return ChainMemberFactory(project=project, contact=contact, roles=list(roles), owner=owner)

    # A2: an executive held by r1 himself (parity gap), touched 5 days ago; a coach last seen 40 days ago;
    # a staff member nobody saw for 100 days (not key: not listed); a bridge added 60 days ago, never met.
    a2_exec = member(a2, "A2副总", 3)
    a2_coach = member(a2, "A2教练", 1, ["coach"])
    a2_staff = member(a2, "A2专责", 1)
    a2_bridge = member(a2, "A2桥梁", 2, ["bridge"])
    ChainMember.objects.filter(pk=a2_bridge.pk).update(added_on=today - timedelta(days=60))
    activity(a2, today - timedelta(days=5), people=[r1], kind="tech_exchange", contacts=[a2_exec.contact])
    activity(a2, today - timedelta(days=40), people=[r1], kind="tech_exchange", contacts=[a2_coach.contact])
    activity(a2, today - timedelta(days=100), people=[r1], kind="tech_exchange", contacts=[a2_staff.contact])
    # A4: a top executive held by the director: no parity gap.
    member(a4, "A4总经理", 4, owner=director)
    # A3 is won: its quiet coach and its executive are not listed.
    member(a3, "A3教练", 1, ["coach"])
    member(a3, "A3副总", 3)
    # B1: an executive held by r3 explicitly: a gap, seen by the director only.
    member(b1, "B1副总", 3, owner=r3)
    # C1 (another division): never shown to either.
    member(c1, "C1副总", 3)

    # Visit cadence for r1 (target 3): this week 2, last week 1, three weeks ago 4, twelve weeks ago 1
    # (outside the default 12 weeks). r2 came along on one of this week's. Planned visits, phone calls
    # and A2's technical exchanges don't count.
    this_week = [monday, today]
    activity(a1, this_week[0], people=[r1, r2])
    activity(a1, this_week[1], people=[r1])
    activity(a1, monday - timedelta(weeks=1), people=[r1])
    for offset in range(4):
        activity(a4 if offset % 2 else a1, monday - timedelta(weeks=3) + timedelta(days=offset), people=[r1])
    activity(a1, monday - timedelta(weeks=12), people=[r1])
    activity(a1, today, people=[r1], done=False)
    activity(a1, today, people=[r1], kind="phone")
    # r4's visit in team C is none of our business.
    activity(c1, today, people=[r4])

    # Plans awaiting review: A2's (team A) and C1's (another division).
    PlanSubmission.objects.create(project=a2, number=1, snapshot={}, submitted_by=r1)
    PlanSubmission.objects.create(project=c1, number=1, snapshot={}, submitted_by=r4)
    refresh_due(today)  # as the daily job does; factories write outside the write path
    return locals()


def team_desk_for(user, today=None, **params):
    today = today or timezone.localdate()
    query = QueryDict(mutable=True)
    query.update(params)
    filters = desk_filters.parse_team_filters(user, query, today)
    return team_desk(user, filters, today)


def tallies(items):
    return {t.key: (t.count, t.amount) for t in items if t.count}


@pytest.mark.django_db
def test_the_lead_sees_team_a_pipeline_and_states_with_shared_projects_counted_once(world):
    desk = team_desk_for(world["lead"])
    assert desk.filters.team == world["team_a"]
    assert tallies(desk.breakdown.stages) == {
        "lead": (1, Decimal("100000")),
        "opportunity": (2, Decimal("500000")),
        "won": (1, Decimal("50000")),
    }
    assert tallies(desk.breakdown.states) == {
        "S1": (1, Decimal("200000")),
        "S2": (2, Decimal("350000")),
        "S3": (1, Decimal("100000")),
    }
    assert (desk.breakdown.count, desk.breakdown.amount) == (4, Decimal("650000"))


@pytest.mark.django_db
def test_the_director_sees_the_division_and_can_pick_a_sub_team(world):
    desk = team_desk_for(world["director"])
    assert desk.filters.team == world["division"]
    assert [o.team.name for o in desk.filters.options] == ["事业部", "A组", "B组"]
    assert (desk.breakdown.count, desk.breakdown.amount) == (5, Decimal("1050000"))
    only_b = team_desk_for(world["director"], team=str(world["team_b"].pk))
    assert tallies(only_b.breakdown.stages) == {"tender": (1, Decimal("400000"))}


@pytest.mark.django_db
def test_filters_by_rep_stage_and_state(world):
    lead, r1 = world["lead"], world["r1"]
    by_rep = team_desk_for(lead, rep=str(r1.pk))
    assert (by_rep.breakdown.count, by_rep.breakdown.amount) == (3, Decimal("450000"))
    by_stage = team_desk_for(lead, stage="opportunity")
    assert (by_stage.breakdown.count, by_stage.breakdown.amount) == (2, Decimal("500000"))
    by_state = team_desk_for(lead, state="S1")
    assert (by_state.breakdown.count, by_state.breakdown.amount) == (1, Decimal("200000"))
    assert team_desk_for(lead, state="none").breakdown.count == 0


@pytest.mark.django_db
def test_the_warning_table_counts_the_engines_warnings_per_owner(world):
    today = timezone.localdate()
    desk = team_desk_for(world["lead"], today)
    expected = Counter()
    for name in ("A1", "A2", "A4"):  # the open projects of team A
        project = Project.objects.select_related("owner", "team").get(name=name)
        for warning in evaluate(load_plan(project), today):
            expected[(warning.code, project.owner_id)] += 1
    shown = Counter()
    for row in desk.warning_rows:
        for cell in row.cells:
            if cell.count:
                shown[(row.code, cell.person.pk)] = cell.count
    assert shown == expected
    assert desk.open_projects == 3
    parity = next(row for row in desk.warning_rows if row.code == "PARITY_GAP")
    by_person = {cell.person.pk: cell.count for cell in parity.cells}
    assert by_person[world["r1"].pk] == 1 and by_person[world["r2"].pk] == 0
    assert sum(desk.warning_column_totals) == desk.warning_total == sum(expected.values())


@pytest.mark.django_db
def test_a_cell_drills_down_to_the_projects_behind_it(world):
    r1, a2 = world["r1"], world["a2"]
    desk = team_desk_for(world["lead"])
    parity = next(row for row in desk.warning_rows if row.code == "PARITY_GAP")
    cell = next(cell for cell in parity.cells if cell.person == r1)
    response = client_for(world["lead"]).get(f"/team/?{cell.query}")
    assert response.status_code == 200
    drill = response.context["desk"].drill
    assert [row.project.name for row in drill] == ["A2"]
    assert drill[0].warnings[0].url == f"/projects/{a2.pk}/#member-{world['a2_exec'].contact_id}"
    assert f'href="/projects/{a2.pk}/#member-{world["a2_exec"].contact_id}"' in response.text


@pytest.mark.django_db
def test_visit_cadence_per_rep_over_the_last_12_weeks(world):
    desk = team_desk_for(world["lead"])
    assert len(desk.weeks) == 12 and desk.weeks[-1] == week_start(timezone.localdate())
    rows = {row.person.pk: row for row in desk.cadence}
    r1 = rows[world["r1"].pk]
    assert r1.counts == [0] * 8 + [4, 0, 1, 2]
    assert (r1.total, r1.weeks_met, r1.target) == (7, 1, 3)
    assert rows[world["r2"].pk].counts == [0] * 11 + [1]
    assert rows[world["lead"].pk].total == 0
    assert world["r4"].pk not in rows


@pytest.mark.django_db
def test_a_longer_period_reaches_further_back(world):
    today = timezone.localdate()
    desk = team_desk_for(world["lead"], **{"from": (today - timedelta(weeks=13)).isoformat()})
    r1 = next(row for row in desk.cadence if row.person == world["r1"])
    assert r1.total == 8


@pytest.mark.django_db
def test_key_contacts_gone_quiet_are_the_engines_stale_warnings(world):
    desk = team_desk_for(world["lead"])
    stale = [(pw.member.contact.name, pw.warning.message.param("days")) for pw in desk.stale_contacts]
    assert stale == [("A2桥梁", 60), ("A2教练", 40)]


@pytest.mark.django_db
def test_the_quiet_list_follows_the_teams_own_threshold_like_the_project_page(world):
    from projects.deals.models import TeamThresholds

    TeamThresholds.objects.create(team=world["team_a"], stale_days=50)
    refresh_due()  # what the task worker does after a thresholds change
    desk = team_desk_for(world["lead"])
    assert [pw.member.contact.name for pw in desk.stale_contacts] == ["A2桥梁"]


@pytest.mark.django_db
def test_parity_gaps_are_executives_whose_effective_owner_is_a_rep(world):
    lead_view = team_desk_for(world["lead"])
    assert [(pw.member.contact.name, pw.warning.message.param("owner")) for pw in lead_view.parity_gaps] == [
        ("A2副总", str(world["r1"]))
    ]
    director_view = team_desk_for(world["director"])
    assert {pw.member.contact.name for pw in director_view.parity_gaps} == {"A2副总", "B1副总"}


@pytest.mark.django_db
def test_plans_awaiting_review_are_those_of_the_team(world):
    desk = team_desk_for(world["lead"])
    assert [s.project.name for s in desk.awaiting_review] == ["A2"]
    page = client_for(world["lead"]).get("/team/").text
    assert f'href="/projects/{world["a2"].pk}/plan/"' in page


@pytest.mark.django_db
def test_the_page_renders_the_figures_and_charts_for_screen_readers_too(world):
    response = client_for(world["lead"]).get("/team/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    page = response.text
    assert response.status_code == 200
    assert "¥650,000" in page and "2 · ¥500,000" in page  # the total, and opportunity's bar
    assert 'viewBox="0 0 320 ' in page and 'width="100%"' in page
    assert '<div class="visually-hidden"><table>' in page
    assert "style=" not in page  # the CSP forbids inline styles
    assert "<script" not in page.split("</head>")[1]
    assert "C1副总" not in page and "丙客户" not in page and "小李" not in page


@pytest.mark.django_db
def test_a_rep_never_sees_the_managers_view(world):
    client = client_for(world["r1"])
    assert client.get("/team/").status_code == 404
    assert client.get(f"/team/?team={world['team_a'].pk}").status_code == 404


@pytest.mark.django_db
def test_a_manager_sees_only_their_teams(world):
    lead = client_for(world["lead"])
    for team in ("division", "team_b", "team_c", "other_division"):
        assert lead.get(f"/team/?team={world[team].pk}").status_code == 404, team
    assert lead.get("/team/?team=999999999999999999999999999").status_code == 404
    other = client_for(world["other_director"])
    page = other.get("/team/").text
    assert "C1副总" in page and "¥9,990,000" in page
    assert "A2副总" not in page and "A2桥梁" not in page and "甲客户" not in page
    assert other.get(f"/team/?team={world['team_a'].pk}").status_code == 404


GARBAGE = ["abc", "-1", "1.5", "²", "٣", "'; drop table x;--", "<script>", "\x00", "9" * 40, "", " "]


@pytest.mark.django_db
@pytest.mark.parametrize("param", ["team", "rep", "stage", "state", "from", "to", "code", "unknown"])
def test_garbage_in_any_parameter_never_gives_a_500_nor_another_teams_data(world, param):
    client = client_for(world["lead"])
    for value in GARBAGE:
        response = client.get("/team/", {param: value})
        assert response.status_code in (200, 404), (param, value)
        if param == "team" and value.strip() and value.isascii() and value.isdigit():
            assert response.status_code == 404
        assert "丙客户" not in response.text


@pytest.mark.django_db
def test_bad_input_is_corrected_with_a_message(world):
    lead = world["lead"]
    desk = team_desk_for(lead, rep=str(world["r3"].pk), stage="bogus", state="S9", code="NOPE", team="x")
    assert desk.filters.team == world["team_a"] and desk.filters.rep is None
    assert (desk.filters.stage, desk.filters.state, desk.filters.code) == ("", None, "")
    assert len(desk.filters.notes) == 5
    response = client_for(lead).get("/team/", {"rep": str(world["r4"].pk)})
    assert response.status_code == 200 and "小李" not in response.text
    assert str(desk_filters.NOT_A_REP) % {"team": "A组"} in response.text


@pytest.mark.django_db
def test_reversed_dates_are_swapped_and_absurd_ranges_capped(world):
    today = timezone.localdate()
    swapped = team_desk_for(
        world["lead"],
        **{"from": today.isoformat(), "to": (today - timedelta(days=30)).isoformat()},
    ).filters
    assert (swapped.date_from, swapped.date_to) == (today - timedelta(days=30), today)
    assert str(desk_filters.SWAPPED) in swapped.notes
    capped = team_desk_for(
        world["lead"], **{"from": "2001-01-01", "to": (today + timedelta(days=900)).isoformat()}
    )
    f = capped.filters
    assert f.date_to == today and (f.date_to - f.date_from).days == desk_filters.MAX_PERIOD_DAYS
    assert str(desk_filters.IN_THE_FUTURE) in f.notes
    assert len(capped.weeks) <= 106


@pytest.mark.django_db
def test_filters_live_in_the_url_so_a_view_can_be_bookmarked(world):
    lead = world["lead"]
    query = (
        f"team={world['team_a'].pk}&rep={world['r1'].pk}&stage=opportunity&state=S2"
        "&from=2026-01-05&to=2026-03-01"
    )
    page = client_for(lead).get(f"/team/?{query}").text
    assert 'method="get"' in page
    assert f'<option value="{world["r1"].pk}" selected>' in page
    assert 'value="2026-01-05"' in page and 'value="2026-03-01"' in page
    assert (
        f"/team/export.xlsx?team={world['team_a'].pk}&amp;rep={world['r1'].pk}&amp;stage=opportunity" in page
    )


def build_team(size: int):
    """A lead with two reps and `size` projects with chain, activities and a submitted plan each."""
    lead = UserFactory(rank=Rank.TEAM_LEAD)
    team = TeamFactory(leader=lead)
    reps = [UserFactory(), UserFactory()]
    for user in (lead, *reps):
        MembershipFactory(user=user, team=team)
    account = AccountFactory(team=team)
    today = timezone.localdate()
    for i in range(size):
        owner = reps[i % 2]
        project = ProjectFactory(account=account, owner=owner, stage=["lead", "opportunity", "tender"][i % 3])
        for number in (1, 2, 3, 4):
            project.control_points.create(number=number)
        for level, roles in ((1, ["coach"]), (3, [])):
            member = ChainMemberFactory(project=project, contact__level=level, roles=roles)
            activity(
                project, today - timedelta(days=7 * (i % 12)), people=[owner, lead], contacts=[member.contact]
            )
        if i % 2:
            PlanSubmission.objects.create(project=project, number=1, snapshot={}, submitted_by=owner)
    refresh_due(today)
    return lead


def desk_queries(lead, client=None) -> int:
    client = client or client_for(lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/team/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_team_desk_query_count_is_pinned_and_the_same_for_3_and_30_projects():
    # session, user (2); the team tree, the managed teams (2); the people in scope (1); open projects for
    # the warnings (1), read by the loader in 3: the projects' small tables and contacts, chain members
    # with pains and resource plans, activities with their people, contacts and asks; visit cadence,
    # plans awaiting review, pipeline by stage × state (3). Quiet contacts and parity gaps are warnings.
    assert desk_queries(build_team(3)) == desk_queries(build_team(30)) == 12
