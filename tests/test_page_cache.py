"""Pages drawn once are served again only while nothing they show has changed (projects.revisions and
projects.page_cache): every kind of change reaches the page, each viewer gets their own copy."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Contact
from projects.models import Activity, Project, TeamThresholds
from salescamp.models import Membership, Rank

from .conftest import client_for
from .factories import AccountFactory, ActivityFactory, ContactFactory, PainFactory


def revision(project) -> int:
    return Project.objects.values_list("revision", flat=True).get(pk=project.pk)


def bumps(project, change) -> bool:
    before = revision(project)
    change()
    return revision(project) > before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda org: PainFactory(member=org.member, text="新痛点"), id="pain added"),
        pytest.param(lambda org: org.pain.delete(), id="pain deleted"),
        pytest.param(lambda org: org.activity.contacts.add(org.boss), id="activity contact linked"),
        pytest.param(lambda org: org.activity.contacts.clear(), id="links cleared"),
        pytest.param(lambda org: org.activity.our_people.remove(org.rep), id="our person unlinked"),
        pytest.param(lambda org: org.project.shared_with.add(org.teammate), id="project shared"),
        pytest.param(
            lambda org: Contact.objects.filter(pk=org.boss.pk).first().save(),
            id="contact saved",
        ),
        pytest.param(lambda org: ContactFactory(account=org.account, name="新人"), id="contact added"),
        pytest.param(lambda org: org.account.save(), id="account saved"),
        pytest.param(
            lambda org: TeamThresholds.objects.update_or_create(team=org.team, defaults={"stale_days": 7}),
            id="team thresholds",
        ),
        pytest.param(lambda org: Membership.objects.create(user=org.stranger, team=org.team), id="joins"),
        pytest.param(lambda org: org.division_save(), id="parent team renamed"),
        pytest.param(lambda org: org.rank_change(), id="a rep's rank"),
        pytest.param(lambda org: org.project.control_points.filter(number=1).first().save(), id="cp"),
        pytest.param(lambda org: org.project.visit_sheets.create(created_by=org.rep), id="visit sheet"),
    ],
)
def test_every_change_a_page_shows_moves_the_project_revision_on(org, change):
    def division_save():
        org.team.parent.name = "新事业部"
        org.team.parent.save()

    def rank_change():
        org.rep.rank = Rank.TEAM_LEAD
        org.rep.save()

    org.division_save, org.rank_change = division_save, rank_change
    assert bumps(org.project, lambda: change(org))


@pytest.mark.django_db
def test_signing_in_and_other_accounts_leave_the_revision_alone(org):
    elsewhere = AccountFactory(team=org.other_team)
    assert not bumps(org.project, lambda: ContactFactory(account=elsewhere))
    assert not bumps(
        org.project, lambda: Client().post("/login/", {"username": "rep", "password": "pw-for-tests"})
    )
    assert not bumps(org.project, lambda: org.rep.save(update_fields=["last_login"]))


@pytest.mark.django_db
def test_an_old_project_object_saved_again_never_takes_the_revision_back(org):
    stale = Project.objects.get(pk=org.project.pk)
    PainFactory(member=org.member)
    PainFactory(member=org.member)
    high = revision(org.project)
    stale.name = "改名"
    stale.save()
    assert revision(org.project) == high + 1


def csrf_token_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def queries_for(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


@pytest.mark.django_db
def test_the_project_page_is_drawn_once_and_redrawn_after_any_change(org, rep_client):
    url = f"/projects/{org.project.pk}/"
    cold, first = queries_for(rep_client, url)
    # session, user, team tree (access), the project: the body comes from the cache
    warm, second = queries_for(rep_client, url)
    assert warm == 4 < cold
    assert first.count("刘组长") == second.count("刘组长") > 0
    PainFactory(member=org.member, text="交付周期太长")
    assert "交付周期太长" in rep_client.get(url).text
    org.boss.name = "赵总"
    org.boss.save()
    assert "赵总" in rep_client.get(url).text


@pytest.mark.django_db
def test_each_viewer_and_language_gets_their_own_copy_with_working_forms(org):
    url = f"/projects/{org.project.pk}/"
    rep = client_for(org.rep)
    rep.get(url)
    lead = Client(enforce_csrf_checks=True)
    lead.force_login(org.lead)
    page = lead.get(url).text
    assert lead.get(url).text.count("刘组长") == page.count("刘组长")
    # A form on the lead's copy carries a token that the lead's session accepts.
    response = lead.post(
        f"/engagement/{org.engagement.pk}/remove/",
        {"csrfmiddlewaretoken": csrf_token_of(page)},
    )
    assert response.status_code in (200, 302)
    rep.cookies["django_language"] = "en"
    english = rep.get(url).text
    assert "Decision chain" in english or "decision chain" in english.lower()


@pytest.mark.django_db
def test_the_plan_page_and_desks_follow_changes_too(org, rep_client):
    plan = f"/projects/{org.project.pk}/plan/"
    rep_client.get(plan)
    org.project.competitors.create(name="新友商甲")
    assert "新友商甲" in rep_client.get(plan).text

    rep_client.get("/")
    assert "配电自动化项目" in rep_client.get("/").text
    today = timezone.localdate()
    before = rep_client.get("/").text
    visit = ActivityFactory(project=org.project, kind="visit", done=True, date=today)
    visit.our_people.add(org.rep)
    after = rep_client.get("/").text
    assert before != after
    # The project goes to a teammate: it leaves the rep's desk.
    org.project.owner = org.teammate
    org.project.save()
    assert "配电自动化项目" not in rep_client.get("/").text

    lead = client_for(org.lead)
    assert "配电自动化项目" in lead.get("/team/").text
    Activity.objects.filter(pk=visit.pk).first().delete()
    assert lead.get("/team/").status_code == 200
    assert "nonsense" in lead.get("/team/", {"stage": "nonsense"}).text  # the note about the bad filter


@pytest.mark.django_db
def test_the_account_page_and_search_follow_their_contacts_and_groups(org, rep_client):
    url = f"/accounts/{org.account.pk}/"
    cold, _page = queries_for(rep_client, url)
    warm, _page = queries_for(rep_client, url)
    assert warm < cold
    org.contact.name = "刘处长"
    org.contact.save()
    assert "刘处长" in rep_client.get(url).text

    group = AccountFactory(name="国家电网", team=org.team)
    org.account.parent = group
    org.account.save()
    rep_client.get(url)
    group.name = "国家电网公司"
    group.save()
    assert "国家电网公司" in rep_client.get(url).text

    search = rep_client.get("/accounts/", {"q": "钱工"}).text
    assert org.account.name not in search
    ContactFactory(account=org.account, name="钱工")
    assert org.account.name in rep_client.get("/accounts/", {"q": "钱工"}).text


@pytest.mark.django_db
def test_a_visit_on_a_project_the_rep_cannot_see_still_reaches_their_desk(org, rep_client):
    def visits_this_week() -> int:
        return int(re.search(r'class="big-figure"><strong>(\d+)</strong>', rep_client.get("/").text).group(1))

    # The stranger's project, where our rep went along on a visit this week.
    theirs = ActivityFactory(
        project__team=org.other_team,
        project__owner=org.stranger,
        project__account__team=org.other_team,
        kind="visit",
        done=False,
        date=timezone.localdate(),
    )
    theirs.our_people.add(org.rep)
    before = visits_this_week()
    theirs.done = True
    theirs.save()
    assert visits_this_week() == before + 1
    assert not theirs.project.is_visible_to(org.rep)
    Activity.objects.get(pk=theirs.pk).delete()
    assert visits_this_week() == before


@pytest.mark.django_db
def test_a_desk_drawn_again_evaluates_only_the_projects_that_changed(org, rep_client, monkeypatch):
    from projects import desks

    other = ActivityFactory(
        project__account=org.account, project__team=org.team, project__owner=org.rep
    ).project
    evaluated = []
    real = desks.evaluate
    monkeypatch.setattr(
        desks, "evaluate", lambda plan, today: evaluated.append(plan.project_id) or real(plan, today)
    )
    rep_client.get("/")
    assert sorted(evaluated) == sorted([org.project.pk, other.pk])
    evaluated.clear()
    PainFactory(member=org.member, text="预算被砍")
    page = rep_client.get("/").text
    assert evaluated == [org.project.pk]
    assert "配电自动化项目" in page
