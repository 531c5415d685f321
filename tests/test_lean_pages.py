"""Lean pages: a long list is drawn first in part — the top of the chain map, the soonest planned and latest
done activities, the first warnings of each severity — and the rest comes when asked, by a link that works
without JavaScript and that htmx turns into swapping in just that part. A very large plan's PDF is the
manager's summary unless the full listing is asked for."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.deals.models import Activity, ChainMember
from projects.plans.view import PAGE_FIRST, SUMMARY_ABOVE_MEMBERS

from .conftest import client_for
from .factories import ContactFactory
from .test_plan_pdf import pdf_text
from .test_project_page import build_project


def activities_drawn(html: str) -> int:
    return len(re.findall(r'<li class="activity[ "]', html))


def cards_drawn(html: str) -> int:
    return len(re.findall(r'<article class="chain-card', html))


@pytest.fixture
def big(db):
    return build_project(100)  # 100 people in the chain, 100 activities, pains, asks


@pytest.mark.django_db
def test_the_first_draw_shows_what_comes_first_and_says_how_much_more_there_is(big):
    page = client_for(big.owner).get(f"/projects/{big.pk}/").text
    planned = Activity.objects.filter(project=big, done=False).count()
    done = Activity.objects.filter(project=big, done=True).count()

    assert activities_drawn(page) == min(planned, PAGE_FIRST.planned) + min(done, PAGE_FIRST.done)
    assert cards_drawn(page) <= PAGE_FIRST.cards + PAGE_FIRST.unplaced
    left = 100 - activities_drawn(page)
    assert 'href="?all=activities#section-activities"' in page and f"再显示 {left} 条" in page
    for part in ("chain", "pains", "warnings"):
        assert f'href="?all={part}#' in page, part
    # The section heading still counts everything.
    assert re.search(r'id="activities-h">[^<]*<small class="muted">100</small>', page)


@pytest.mark.django_db
def test_show_all_without_javascript_draws_the_whole_list_on_the_page(big):
    client = client_for(big.owner)
    page = client.get(f"/projects/{big.pk}/?all=activities").text
    assert activities_drawn(page) == 100
    assert 'href="?all=activities' not in page
    chain = client.get(f"/projects/{big.pk}/?all=chain").text
    assert cards_drawn(chain) == ChainMember.objects.filter(project=big).count()


@pytest.mark.django_db
def test_htmx_swaps_in_just_the_part_asked_for(big):
    client = client_for(big.owner)
    for part, target in (
        ("activities", "section-activities"),
        ("chain", "section-chain"),
        ("pains", "section-pains"),
        ("warnings", "warnings"),
    ):
        response = client.get(f"/projects/{big.pk}/?all={part}", headers={"HX-Request": "true"})
        body = response.text.strip()
        assert response.status_code == 200
        assert re.match(rf'<(section|aside)[^>]*id="{target}"', body), (part, body[:200])
        assert "<html" not in body and 'href="?all=' + part not in body
    plan = client.get(f"/projects/{big.pk}/plan/?all=resources", headers={"HX-Request": "true"}).text
    assert re.match(r'\s*<section[^>]*id="section-resources"', plan)


@pytest.mark.django_db
def test_the_first_draw_and_the_whole_list_cost_the_same_queries(big):
    client = client_for(big.owner)
    counts = []
    for url in (f"/projects/{big.pk}/", f"/projects/{big.pk}/?all=activities&all=chain"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_a_very_large_plans_pdf_is_the_managers_summary_and_the_full_listing_is_a_choice(big):
    account = big.account
    extra = [
        ChainMember(project=big, contact=ContactFactory(account=account, level=1), depth=1)
        for _ in range(SUMMARY_ABOVE_MEMBERS + 1 - big.members.count())
    ]
    ChainMember.objects.bulk_create(extra)
    client = client_for(big.owner)

    summary = client.get(f"/projects/{big.pk}/plan.pdf")
    full = client.get(f"/projects/{big.pk}/plan.pdf?full=1")

    assert summary.status_code == full.status_code == 200
    summary_text, full_text = pdf_text(summary.content), pdf_text(full.content)
    assert "管理者摘要" in summary_text and "?full=1" in summary_text
    assert "管理者摘要" not in full_text
    assert len(full.content) > len(summary.content)
    assert 'filename="plan-' in full["Content-Disposition"] and "-full.pdf" in full["Content-Disposition"]
