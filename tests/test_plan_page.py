"""The plan page (销售项目计划表): every section in the course's order, warnings beside them, a constant
number of queries, submitted versions that never change, version comparison and history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from projects.plans import review
from projects.plans.models import PLAN_SECTIONS

from .conftest import client_for
from .plan_helpers import build_plan_project, plan_rows


@pytest.mark.django_db
def test_the_page_shows_every_section_in_the_courses_order(org, rep_client):
    plan_rows(org)
    page = rep_client.get(f"/projects/{org.project.pk}/plan/").text
    positions = [page.index(f'id="section-{code}"') for code, _label in PLAN_SECTIONS]
    assert positions == sorted(positions)
    # The decision chain is drawn with the project page's own card partial, its editor returning here.
    assert f'id="member-{org.contact.pk}"' in page and f"/chain/{org.member.pk}/edit/?page=plan" in page
    assert "友商A" in page and "赵副总" in page  # competitor and its supporter


@pytest.mark.django_db
def test_each_section_shows_its_own_warnings(org, rep_client):
    page = rep_client.get(f"/projects/{org.project.pk}/plan/").text
    control_points = page[page.index('id="section-control_points"') : page.index('id="section-resources"')]
    assert 'href="#w-CP3_MISSING-section-control_points"' in control_points
    assert "CP3_MISSING<" not in control_points and "CP3_MISSING " not in control_points  # words, no code
    chain = page[page.index('id="section-chain"') : page.index('id="section-pains"')]
    boss_card = chain[chain.index(f'id="member-{org.boss.pk}"') :]
    assert 'class="parity gap"' in boss_card[: boss_card.index("</article>")]  # PARITY_GAP on 赵副总's card


@pytest.mark.django_db
def test_the_activity_plan_marks_parity_gaps_per_activity(org, rep_client):
    executive_meeting = org.project.activities.create(kind="exec_meeting", date="2026-12-01", done=False)
    executive_meeting.contacts.add(org.boss)
    executive_meeting.our_people.add(org.rep)
    page = rep_client.get(f"/projects/{org.project.pk}/plan/").text
    row = page[page.index(f'id="activity-{executive_meeting.pk}"') :]
    row = row[: row.index("</li>")]
    assert 'class="parity-cell gap"' in row and "赵副总 高层" in row


@pytest.mark.django_db
def test_people_who_cannot_see_the_project_get_404(org):
    for user in (org.stranger, org.teammate):
        assert client_for(user).get(f"/projects/{org.project.pk}/plan/").status_code == 404
    assert client_for(org.director).get(f"/projects/{org.project.pk}/plan/").status_code == 200


def plan_page_queries(project, client=None) -> int:
    client = client or client_for(project.owner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/projects/{project.pk}/plan/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_plan_page_query_count_is_pinned_and_the_same_for_5_and_60_contacts():
    # session, user; access: team tree, the project with account/owner/team/thresholds; the loader's 3,
    # carrying the plan's rows too: members (contacts, owners, pains, resource plan), activities (people,
    # contacts, asks), the small tables (control points, engagement, internal selling, competitors and
    # their supporters, tender items, exchange terms); submissions; comments; the account's contacts for
    # "add to chain" (the review queue and the nav reuse the team tree; a rep manages none: no queue query).
    small = plan_page_queries(build_plan_project(contacts=5, activities=5))
    big_project = build_plan_project(contacts=60, activities=150)
    client = client_for(big_project.owner)
    big = plan_page_queries(big_project, client)
    assert small == big == 10


@pytest.mark.django_db
def test_a_submitted_version_never_changes_when_the_plan_is_edited(org, rep_client):
    review.plan_submit(project=org.project, by=org.rep)
    before = rep_client.get(f"/projects/{org.project.pk}/plan/v1/").text
    org.contact.name = "刘处长"
    org.contact.save()
    org.member.depth = 5
    org.member.save()
    org.project.competitors.create(name="新友商")
    after = rep_client.get(f"/projects/{org.project.pk}/plan/v1/").text
    assert "刘组长" in after and "刘处长" not in after and "新友商" not in after
    assert after.count("绑定") == before.count("绑定")
    current = rep_client.get(f"/projects/{org.project.pk}/plan/").text
    assert "刘处长" in current and "新友商" in current


@pytest.mark.django_db
def test_versions_and_the_draft_are_compared_section_by_section(org, rep_client):
    review.plan_submit(project=org.project, by=org.rep)
    org.member.depth = 3
    org.member.save()
    org.project.activities.create(kind="banquet", date="2026-12-01", done=False)
    rep_client.cookies["django_language"] = "en"
    page = rep_client.get(f"/projects/{org.project.pk}/plan/compare/", {"a": "1", "b": "draft"}).text
    assert "刘组长: depth Stranger (陌生) → Familiar (熟悉)" in page
    assert "Activity 2026-12-01 Formal banquet (宴请) added" in page
    assert rep_client.get(f"/projects/{org.project.pk}/plan/compare/", {"a": "7"}).status_code == 404


@pytest.mark.django_db
def test_the_history_words_changes_for_people_with_reviews_interleaved(org, rep_client):
    member = org.member
    member.depth, member._history_user = 3, org.rep
    member.save()
    review.plan_submit(project=org.project, by=org.rep)
    with translation.override("en"):
        rep_client.cookies["django_language"] = "en"
        page = rep_client.get(f"/projects/{org.project.pk}/plan/history/").text
    assert "submitted version 1 for review" in page
    assert "刘组长" in page and "Familiar (熟悉)" in page
    assert page.index("submitted version 1") < page.index("Familiar (熟悉)")  # newest first


@pytest.mark.django_db
def test_the_history_reads_in_a_fixed_number_of_queries(org):
    from projects.plans.history import plan_changes

    with CaptureQueriesContext(connection) as small:
        plan_changes(org.project)
    big = build_plan_project(contacts=30, activities=40)
    with CaptureQueriesContext(connection) as large:
        entries = plan_changes(big)
    # Two per model at most (the newest records, then their previous versions when there are any), plus
    # member names, contact names, user names and the submissions: never more, whatever the history holds.
    assert len(small) <= len(large) <= 10 * 2 + 4 + 1
    assert len(entries) == 50
