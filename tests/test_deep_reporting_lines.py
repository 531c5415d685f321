"""Reporting lines of any depth: every page and PDF that draws one still answers, and the loop checks stay
linear (a 200-deep line typed in by hand once made the account page answer 500; a 3,000-deep line in a plan
file took minutes to check)."""

import copy
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Contact, reporting_loops
from accounts.orgchart import MAX_DRAWN_DEPTH, build_org_chart, drawing_steps
from projects.plans import review
from projects.plans.plan_format import PlanFormatError, import_plan, parse_plan

from .factories import ChainMemberFactory, ContactFactory

DEPTH = 200
DATA = Path(__file__).resolve().parent / "data"


def reporting_line(account, depth: int) -> list[Contact]:
    line = [ContactFactory(account=account, name="第0层", level=4)]
    for index in range(1, depth):
        line.append(ContactFactory(account=account, name=f"第{index}层", level=1, reports_to=line[-1]))
    return line


@pytest.fixture
def deep_line(org) -> list[Contact]:
    line = reporting_line(org.account, DEPTH)
    for contact in line:
        ChainMemberFactory(project=org.project, contact=contact)
    return line


@pytest.mark.django_db
def test_every_page_and_pdf_that_draws_a_200_deep_line_answers(org, deep_line, rep_client):
    submission = review.plan_submit(project=org.project, by=org.rep)
    pages = [
        f"/accounts/{org.account.pk}/",
        f"/projects/{org.project.pk}/",
        f"/projects/{org.project.pk}/plan/",
        f"/projects/{org.project.pk}/plan/v{submission.number}/",
    ]
    for url in pages:
        response = rep_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "第199层" in html and "第0层" in html, url
        # Nested no deeper than the drawing's cap; the rest listed flat with whom they report to.
        assert html.count('<ul class="org-level') <= DEPTH, url
        assert "第198层" in html, url
    for url in (f"/projects/{org.project.pk}/plan.pdf", f"/projects/{org.project.pk}/plan.pdf?version=1"):
        response = rep_client.get(url)
        assert response.status_code == 200, url
        assert response.content.startswith(b"%PDF")


def test_the_drawing_nests_to_its_cap_and_lists_the_rest_flat_with_their_boss():
    class Person:
        def __init__(self, pk, boss):
            self.pk, self.reports_to_id = pk, boss

    people = [Person(0, None)] + [Person(i, i - 1) for i in range(1, 50)]
    steps = drawing_steps(build_org_chart(people))
    assert [step.item.pk for step in steps] == list(range(50))
    opened = sum(step.opens for step in steps)
    closed = sum(len(step.closes) for step in steps)
    assert opened == closed == MAX_DRAWN_DEPTH - 1
    flat = steps[MAX_DRAWN_DEPTH:]
    assert all(step.boss.pk == step.item.pk - 1 for step in flat)


def test_a_loop_in_loaded_data_still_draws_everyone_once():
    class Person:
        def __init__(self, pk, boss):
            self.pk, self.reports_to_id = pk, boss

    people = [Person(1, 3), Person(2, 1), Person(3, 2), Person(4, None)]
    steps = drawing_steps(build_org_chart(people))
    assert sorted(step.item.pk for step in steps) == [1, 2, 3, 4]


@pytest.mark.django_db
def test_saving_a_contact_checks_the_whole_line_in_one_query(org, django_assert_max_num_queries):
    line = reporting_line(org.account, 60)
    top = line[0]
    top.reports_to = line[-1]
    with django_assert_max_num_queries(3), pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert "reports_to" in refused.value.message_dict


def test_reporting_loops_finds_each_loop_once():
    boss_of = {1: 2, 2: 3, 3: 1, 4: 1, 5: 5, 6: None}
    assert sorted(sorted(loop) for loop in reporting_loops(boss_of)) == [[1, 2, 3], [5]]
    long_line = {index: index + 1 for index in range(100_000)}
    assert reporting_loops(long_line) == []


def line_document(depth: int) -> dict:
    doc = json.loads((DATA / "plan_example.json").read_text(encoding="utf-8"))
    doc = copy.deepcopy(doc)
    template = doc["contacts"][0]
    doc["contacts"] = [
        {
            **template,
            "key": f"c{index}",
            "name": f"层{index}",
            "reports_to": f"c{index - 1}" if index else None,
        }
        for index in range(depth)
    ]
    doc["chain"] = [{"contact": "c0"}]
    for activity in doc["activities"]:
        activity["contacts"] = ["c0"]
        for ask in activity.get("asks", []):
            ask["contact"] = None
    for competitor in doc.get("competitors", []):
        competitor["supporters"] = []
    for item in doc.get("tender", []):
        item["contacts"] = []
    return doc


def test_a_3000_deep_line_in_a_plan_file_is_checked_and_a_loop_in_it_found():
    doc = line_document(3000)
    parse_plan(doc)
    doc["contacts"][0]["reports_to"] = "c2999"
    with pytest.raises(PlanFormatError) as refused:
        parse_plan(doc)
    assert "$.contacts[0].reports_to" in str(refused.value)


@pytest.mark.django_db
def test_a_3000_deep_line_imports_without_a_word_on_stderr(org, capfd):
    from .factories import UserFactory

    doc = line_document(3000)
    for person in doc["people"]:
        user = UserFactory(username=person["username"])
        org.team.memberships.get_or_create(user=user)
    project = import_plan(doc, team=org.team).project
    bottom = Contact.objects.get(account=project.account, name="层2999")
    assert bottom.reports_to.name == "层2998"
    # The import once held the line as 3,000 nested objects: freeing them printed thousands of ignored
    # RecursionErrors, which an operator reads as a failed import.
    assert capfd.readouterr().err == ""
