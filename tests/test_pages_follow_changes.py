"""Every page is drawn from the database on each request: any change shows on the very next request, for
every viewer and language, and the forms on a page post."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from projects.deals.models import Activity
from projects.stored_warnings.refresh import refresh_due

from .conftest import client_for
from .factories import AccountFactory, ActivityFactory, ContactFactory, PainFactory


def csrf_token_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.django_db
def test_the_project_page_shows_any_change_on_the_next_request(org, rep_client):
    url = f"/projects/{org.project.pk}/"
    assert "刘组长" in rep_client.get(url).text
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
        f"/engagement/{org.engagement.pk}/edit/",
        {"csrfmiddlewaretoken": csrf_token_of(page), "part": "售前", "version": org.engagement.version},
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
    # The desks count the stored warnings; a write outside the write path (as here, by the ORM) reaches
    # them after its transaction commits, which a test's transaction never does: the daily run stands in.
    refresh_due()
    assert "配电自动化项目" in lead.get("/team/").text
    Activity.objects.filter(pk=visit.pk).first().delete()
    assert lead.get("/team/").status_code == 200
    assert "nonsense" in lead.get("/team/", {"stage": "nonsense"}).text  # the note about the bad filter


@pytest.mark.django_db
def test_the_account_page_and_search_follow_their_contacts_and_groups(org, rep_client):
    url = f"/accounts/{org.account.pk}/"
    rep_client.get(url)
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
