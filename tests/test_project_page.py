"""The project page: the decision-chain map, parity badges, warnings, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salescamp.models import Rank

from .conftest import client_for
from .factories import (
    ActivityFactory,
    AskFactory,
    ChainMemberFactory,
    ContactFactory,
    PainFactory,
    ProjectFactory,
    UserFactory,
)


@pytest.mark.django_db
def test_the_map_draws_the_chain_by_reporting_line_with_roles_and_parity(org, rep_client):
    page = rep_client.get(f"/projects/{org.project.pk}/").text
    # 刘组长 (bridge) reports to 赵副总: the boss's card comes first, in the same tree.
    assert page.index(f'id="member-{org.boss.pk}"') < page.index(f'id="member-{org.contact.pk}"')
    assert "桥梁" in page
    # The rep (rank 1) holds 赵副总 (level 3): red badge, the PARITY_GAP advice at hand, 高层 computed.
    assert "不对等" in page and "PARITY_GAP" in page and "高层" in page


@pytest.mark.django_db
def test_a_leader_owning_the_executive_turns_the_badge_green(org, rep_client):
    boss_member = org.project.members.get(contact=org.boss)
    boss_member.owner = org.director
    boss_member.save()
    page = rep_client.get(f"/projects/{org.project.pk}/").text
    assert "PARITY_GAP" not in page
    card = page[page.index(f'id="member-{org.boss.pk}"') :]
    card = card[: card.index("</article>")]
    assert "对等" in card and "不对等" not in card


@pytest.mark.django_db
def test_warnings_are_grouped_by_severity_and_link_to_their_subject(org, rep_client):
    page = rep_client.get(f"/projects/{org.project.pk}/").text
    assert "高：按现计划，项目有风险" in page
    assert f'href="#member-{org.boss.pk}"' in page  # PARITY_GAP points at the contact
    assert 'href="#section-control_points"' in page  # CPn_MISSING points at the section


@pytest.mark.django_db
def test_people_with_no_reporting_line_in_the_chain_stand_beside_the_map(org, rep_client):
    loner = ContactFactory(account=org.account, name="孤立的人")
    ChainMemberFactory(project=org.project, contact=loner)
    page = rep_client.get(f"/projects/{org.project.pk}/").text
    unplaced = page[page.index('class="unplaced"') :]
    assert "孤立的人" in unplaced[: unplaced.index("</aside>")]


def build_project(size: int):
    owner = UserFactory()
    project = ProjectFactory(owner=owner)
    leader = UserFactory(rank=Rank.DIRECTOR)
    for number in (1, 2, 3, 4):
        project.control_points.create(number=number)
    bosses = []
    for i in range(size):
        contact = ContactFactory(
            account=project.account, level=1 + i % 4, reports_to=bosses[i % len(bosses)] if bosses else None
        )
        if i < 5:
            bosses.append(contact)
        member = ChainMemberFactory(
            project=project,
            contact=contact,
            owner=leader if i % 3 else None,
            roles=["coach"] if i % 7 == 0 else [],
        )
        PainFactory(member=member)
        activity = ActivityFactory(project=project, done=i % 2 == 0)
        activity.contacts.add(contact)
        activity.our_people.add(owner, leader)
        AskFactory(activity=activity, contact=contact)
    return project


def page_queries(project, client=None) -> int:
    client = client or client_for(project.owner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_project_page_query_count_is_pinned_and_the_same_for_5_and_100_contacts():
    # session, user, team tree (access); the project with account, owner, team, thresholds; the loader's 3:
    # chain members (with contacts, owners, pains), activities (with our people, their people, asks), the
    # small tables (control points, engagement, internal selling); the account's contacts (for "add to
    # chain"); unfinished visit sheets; open tasks (the nav reuses the team tree).
    assert page_queries(build_project(5)) == page_queries(build_project(100)) == 10


@pytest.mark.django_db
def test_the_member_panels_of_the_project_and_the_plan_list_pains_and_offer_to_add_one(org, rep_client):
    for url, add in (
        (f"/chain/{org.member.pk}/edit/?page=project", "pains/add/?page=project"),
        (f"/chain/{org.member.pk}/edit/?page=plan", "pains/add/?page=plan"),
    ):
        response = rep_client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, url
        assert "可靠性" in response.text and add in response.text
