"""The rep's desk (工作台): visits against target, what is due, drafts and returned plans, projects by state
and stage, the most serious warnings — figures checked by hand on a small dataset; a pinned query count."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.deals.loading import load_plan
from projects.deals.models import Project, Task
from projects.desks.figures import week_start
from projects.desks.rep import rep_desk
from projects.plans.models import PlanSubmission, ReviewComment
from projects.rules import evaluate
from projects.stored_warnings.refresh import refresh_due
from projects.visits.models import VisitSheet
from salescamp.models import Rank

from .conftest import client_for
from .factories import (
    ActivityFactory,
    ChainMemberFactory,
    ContactFactory,
    MembershipFactory,
    ProjectFactory,
    TeamFactory,
    UserFactory,
)


def visit(project, day, *, people, kind="visit", done=True, **fields):
    activity = ActivityFactory(project=project, date=day, kind=kind, done=done, **fields)
    activity.our_people.set(people)
    return activity


@pytest.fixture
def world(db):
    """小张 (target 4) owns P1-P4 (P4 won), 小王 shares P5 with him and keeps P6 to himself."""
    today = timezone.localdate()
    monday = week_start(today)
    lead = UserFactory(username="desk-lead", rank=Rank.TEAM_LEAD, display_name="王组长")
    rep = UserFactory(username="desk-rep", display_name="小张", weekly_visit_target=4)
    mate = UserFactory(username="desk-mate", display_name="小王")
    team = TeamFactory(name="电网一组", leader=lead)
    for user in (lead, rep, mate):
        MembershipFactory(user=user, team=team)
    p1 = ProjectFactory(
        account__team=team, owner=rep, name="P1", stage="opportunity", state="S2", amount=Decimal("1000000")
    )
    account = p1.account
    p2 = ProjectFactory(
        account=account, owner=rep, name="P2", stage="tender", state="S2", amount=Decimal("500000")
    )
    p3 = ProjectFactory(
        account=account, owner=rep, name="P3", stage="lead", state="S1", amount=Decimal("200000")
    )
    p4 = ProjectFactory(
        account=account,
        owner=rep,
        name="P4",
        stage="won",
        state="S2",
        amount=Decimal("999"),
        outcome_reason="赢",
    )
    p5 = ProjectFactory(
        account=account, owner=mate, name="P5", stage="opportunity", state="S2", amount=Decimal("700000")
    )
    p5.shared_with.add(rep, lead)  # shared twice: must still count once
    p6 = ProjectFactory(account=account, owner=mate, name="P6", stage="lead", amount=Decimal("50000"))

    # Visits this week: Monday's and today's on my projects, and today's on P6 where I came along → 3.
    visit(p1, monday, people=[rep])
    visit(p2, today, people=[rep, lead])
    visit(p6, today, people=[mate, rep])
    # Not counted: planned, a phone call, last Sunday, and a visit I was not on.
    visit(p1, today, people=[rep], done=False, goal="下周再访")
    visit(p1, today, people=[rep], kind="phone")
    visit(p2, monday - timedelta(days=1), people=[rep])
    visit(p5, today, people=[mate])

    # Due: planned on my projects dated today or earlier. Not: tomorrow's, P6's (not mine).
    late = visit(p3, today - timedelta(days=2), people=[rep], done=False, goal="技术交流")
    visit(p3, today + timedelta(days=1), people=[rep], done=False)
    visit(p6, today - timedelta(days=1), people=[mate], done=False)
    # Hooks: P4 is closed but still mine; its newest activity's hook is open. P1's older hook was followed.
    visit(p1, today - timedelta(days=20), people=[rep], hook="两周内带售前来")
    open_hook = visit(p4, today - timedelta(days=10), people=[rep], hook="寄送成功案例")

    # Tasks (待办): mine on my projects, overdue, due this week or undated. Not: next month's, done, 小王's.
    late_task = Task.objects.create(project=p3, owner=rep, text="送案例给陈处长", due=today - timedelta(2))
    Task.objects.create(project=p2, owner=rep, text="问清预算")
    Task.objects.create(project=p1, owner=rep, text="约技术交流", due=today + timedelta(days=3))
    Task.objects.create(project=p1, owner=rep, text="下月再说", due=today + timedelta(days=30))
    Task.objects.create(project=p1, owner=rep, text="已办", due=today, done=True)
    Task.objects.create(project=p6, owner=mate, text="小王的事", due=today)
    # An executive held by the rep himself: PARITY_GAP (high) on P1.
    executive = ContactFactory(account=account, name="赵副总", title="采购副总", level=3)
    ChainMemberFactory(project=p1, contact=executive)
    refresh_due(today)  # as the daily job does; factories write outside the write path
    return {
        "today": today,
        "monday": monday,
        "rep": rep,
        "mate": mate,
        "lead": lead,
        "projects": {p.name: p for p in (p1, p2, p3, p4, p5, p6)},
        "late": late,
        "late_task": late_task,
        "open_hook": open_hook,
        "executive": executive,
    }


@pytest.mark.django_db
def test_visits_this_week_count_done_visits_the_rep_took_part_in(world):
    desk = rep_desk(world["rep"], world["today"])
    # Counting the planned visit, the phone call, last Sunday's or a visit without the rep would make more.
    assert desk.visits_this_week == 3
    assert desk.target == 4
    assert desk.progress.percent == 75 and not desk.progress.met


@pytest.mark.django_db
def test_tasks_due_are_my_open_tasks_overdue_this_week_or_undated(world):
    desk = rep_desk(world["rep"], world["today"])
    assert [(task.project.name, task.text) for task in desk.tasks] == [
        ("P3", "送案例给陈处长"),
        ("P1", "约技术交流"),
        ("P2", "问清预算"),
    ]
    assert desk.tasks[0].is_overdue(world["today"]) and not desk.tasks[1].is_overdue(world["today"])


@pytest.mark.django_db
def test_open_hooks_are_done_activities_with_a_hook_and_nothing_after_them(world):
    desk = rep_desk(world["rep"], world["today"])
    assert [a.pk for a in desk.open_hooks] == [world["open_hook"].pk]
    assert desk.open_hooks[0].days_ago == 10


@pytest.mark.django_db
def test_open_projects_are_grouped_by_state_and_stage_with_amounts(world):
    desk = rep_desk(world["rep"], world["today"])
    # Open and mine or shared with me: P1, P2, P3, P5 (P4 won, P6 not shared).
    assert desk.breakdown.count == 4 and desk.breakdown.amount == Decimal("2400000")
    states = {t.key: (t.count, t.amount) for t in desk.breakdown.states}
    assert states == {"S1": (1, Decimal("200000")), "S2": (3, Decimal("2200000"))}
    stages = {t.key: (t.count, t.amount) for t in desk.breakdown.stages}
    assert stages == {
        "lead": (1, Decimal("200000")),
        "opportunity": (2, Decimal("1700000")),
        "tender": (1, Decimal("500000")),
    }
    groups = {g.tally.key: sorted(p.name for p in g.projects) for g in desk.groups}
    assert groups == {"S1": ["P3"], "S2": ["P1", "P2", "P5"]}


@pytest.mark.django_db
def test_the_warnings_are_the_engines_for_each_open_project_most_severe_first(world):
    rep, today = world["rep"], world["today"]
    desk = rep_desk(rep, today)
    expected = []
    for name in ("P1", "P2", "P3", "P5"):
        project = Project.objects.select_related("owner", "team").get(name=name)
        expected += [w.code for w in evaluate(load_plan(project), today)]
    assert desk.warning_total == len(expected)
    severities = [w.warning.severity for w in desk.warnings]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)
    parity = next(w for w in desk.warnings if w.warning.code == "PARITY_GAP")
    assert parity.url == f"/projects/{world['projects']['P1'].pk}/#member-{world['executive'].pk}"


@pytest.mark.django_db
def test_the_page_shows_the_figures_and_links_each_warning_to_its_subject(world):
    page = client_for(world["rep"]).get("/").text
    assert "<strong>3</strong>" in page and "/ 4" in page
    assert "¥2,400,000" in page and "¥2,200,000" in page
    assert f'href="/projects/{world["projects"]["P1"].pk}/#member-{world["executive"].pk}"' in page
    assert f'id="task-{world["late_task"].pk}"' in page and "送案例给陈处长" in page
    assert f'href="/tasks/{world["late_task"].pk}/plan/"' in page
    assert "寄送成功案例" in page
    assert "<strong>P6</strong>" not in page and "<strong>P5</strong>" in page
    assert 'href="/team/"' not in page  # a rep leads no team


@pytest.mark.django_db
def test_drafts_and_returned_plans_are_listed_with_their_links(world):
    rep, p1, p2 = world["rep"], world["projects"]["P1"], world["projects"]["P2"]
    draft = VisitSheet.objects.create(project=p1, created_by=rep)
    VisitSheet.objects.create(project=p1, created_by=rep, status="submitted")
    VisitSheet.objects.create(project=p1, created_by=world["mate"])
    returned = PlanSubmission.objects.create(
        project=p1, number=1, snapshot={}, submitted_by=rep, status="returned"
    )
    ReviewComment.objects.create(
        project=p1, submission=returned, section="chain", author=world["lead"], text="桥梁是谁？"
    )
    # P2 was returned, then resubmitted: nothing to revise.
    PlanSubmission.objects.create(project=p2, number=1, snapshot={}, submitted_by=rep, status="returned")
    PlanSubmission.objects.create(project=p2, number=2, snapshot={}, submitted_by=rep)
    desk = rep_desk(rep, world["today"])
    assert [sheet.pk for sheet in desk.drafts] == [draft.pk]
    assert [(s.pk, s.comment_count) for s in desk.returned_plans] == [(returned.pk, 1)]
    page = client_for(rep).get("/").text
    assert f'href="/visits/{draft.pk}/edit/"' in page
    assert f'href="/projects/{p1.pk}/plan/"' in page


@pytest.mark.django_db
def test_a_team_lead_gets_a_link_to_the_team_desk(world):
    assert 'href="/team/"' in client_for(world["lead"]).get("/").text


@pytest.mark.django_db
def test_nothing_of_another_team_reaches_the_desk(world):
    stranger = UserFactory(display_name="小李")
    other = TeamFactory(name="电网二组")
    MembershipFactory(user=stranger, team=other)
    desk = rep_desk(stranger, world["today"])
    assert desk.breakdown.count == 0 and not desk.tasks and not desk.open_hooks and not desk.warnings
    assert desk.visits_this_week == 0
    page = client_for(stranger).get("/").text
    assert "<strong>P1</strong>" not in page and "¥1,000,000" not in page


def build_rep(size: int):
    """A rep with `size` open projects, each with chain members, activities, hooks and a draft."""
    rep = UserFactory()
    team = TeamFactory()
    MembershipFactory(user=rep, team=team)
    leader = UserFactory(rank=Rank.DIRECTOR)
    for i in range(size):
        project = ProjectFactory(account__team=team, owner=rep, state=["S1", "S2", "S3", ""][i % 4])
        for number in (1, 2, 3, 4):
            project.control_points.create(number=number)
        for level in (1, 3):
            member = ChainMemberFactory(
                project=project, contact__level=level, owner=leader if i % 2 else None
            )
            done = visit(
                project, timezone.localdate() - timedelta(days=i % 9), people=[rep, leader], hook="再约"
            )
            done.contacts.add(member.contact)
            done.asks.create(kind="information", text="采购流程")
        visit(project, timezone.localdate(), people=[rep], done=False)
        VisitSheet.objects.create(project=project, created_by=rep)
    refresh_due()
    return rep


def desk_queries(rep, client=None) -> int:
    client = client or client_for(rep)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_rep_desk_query_count_is_pinned_and_the_same_for_3_and_30_projects():
    # session, user; the team tree (access rule, and "leads a team?" for the links); visits this week;
    # open projects (with account and owner); projects by stage × state; tasks due; open hooks; drafts;
    # returned plans; relationships I am asked to take; the stored warnings: the most serious (with project
    # and member), counts by severity
    assert desk_queries(build_rep(3)) == desk_queries(build_rep(30)) == 13
