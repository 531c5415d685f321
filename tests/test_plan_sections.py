"""The plan's own sections: exchange-table arithmetic, resource suggestions, per-activity parity, the
snapshot's shape, the comparison wording, and editing the sections in place (422, 409, nothing lost)."""

import json
from decimal import Decimal

import pytest
from django.utils import translation

from projects.deals.models import Competitor, NegotiationTerm, ResourcePlanItem
from projects.deals.plan_forms import NEGATIVE_MONEY, fingerprint
from projects.plans.plan import (
    activity_parity,
    compare,
    exchange_table,
    load_plan,
    plan_snapshot,
    resource_suggestion,
)

from .conftest import client_for
from .plan_helpers import plan_rows

HTMX = {"HTTP_HX_REQUEST": "true"}


def term(cost, value, offered=True) -> dict:
    return {"cost_to_us": str(cost), "value_to_them": str(value), "offered": offered}


# ---- exchange table (谈判交换表) ------------------------------------------------------------------------


def test_the_gap_is_closed_when_offered_terms_are_worth_at_least_the_gap_to_them():
    table = exchange_table("3800000", "3500000", [term(50000, 150000), term(20000, 150000)])
    assert table["gap"] == "300000.00"
    assert table["offered_value"] == "300000.00" and table["offered_cost"] == "70000.00"
    assert table["closed"] is True and table["open_by"] == "0.00"


def test_terms_held_back_do_not_count_and_the_rest_of_the_gap_stays_open():
    table = exchange_table(
        Decimal("3800000"), Decimal("3500000"), [term(50000, 150000), term(30000, 200000, offered=False)]
    )
    assert table["closed"] is False
    assert table["open_by"] == "150000.00"
    assert table["total_value"] == "350000.00" and table["offered_value"] == "150000.00"


def test_without_both_prices_there_is_no_gap_to_judge():
    assert exchange_table(None, "3500000", [term(1, 2)])["closed"] is None
    assert exchange_table("3500000", None, [])["gap"] is None


def test_no_gap_at_all_counts_as_closed():
    assert exchange_table("100", "120", [])["closed"] is True


@pytest.mark.django_db
def test_a_negative_value_in_the_exchange_table_is_refused_and_nothing_is_saved(org):
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/plan/negotiation/add/",
        {"term": "远程运维", "cost_to_us": "-5", "value_to_them": "100"},
        **HTMX,
    )
    assert response.status_code == 422
    with translation.override("zh-hans"):
        assert str(NEGATIVE_MONEY) in response.text
    assert not NegotiationTerm.objects.exists()


@pytest.mark.django_db
def test_an_offered_term_moves_the_gap_verdict_on_the_page(org):
    org.project.our_price, org.project.their_price = Decimal("1000"), Decimal("900")
    org.project.save()
    client = client_for(org.rep)
    client.post(
        f"/projects/{org.project.pk}/plan/negotiation/add/",
        {"term": "提前交货", "cost_to_us": "10", "value_to_them": "100", "offered": "on"},
    )
    page = client.get(f"/projects/{org.project.pk}/plan/").text
    assert 'class="gap-verdict closed"' in page


# ---- resources, parity -----------------------------------------------------------------------------------


def test_the_suggestion_is_the_highest_priority_resource_neither_given_nor_planned():
    assert resource_suggestion(set(), set()) == "info.success_case"
    assert resource_suggestion({"info.success_case"}, {"info.professional"}) == "info.competitive"
    everything = {
        code
        for code in __import__("projects.rules.course", fromlist=["ALL_RESOURCES"]).ALL_RESOURCES
        if code != "personal.friendship"
    }
    assert resource_suggestion(everything, set()) == "personal.friendship"


def test_parity_per_activity_compares_the_top_contact_with_our_top_rank():
    ours = [{"id": 1, "name": "小张", "rank": 1}, {"id": 2, "name": "王组长", "rank": 2}]
    theirs = [{"id": 9, "name": "孙总", "level": 4}, {"id": 8, "name": "刘组长", "level": 2}]
    at_threshold = activity_parity(ours, theirs, threshold=2)
    assert at_threshold["gap"] == 2 and at_threshold["flag"] is True
    assert at_threshold["contact"]["name"] == "孙总" and at_threshold["ours"]["name"] == "王组长"
    assert activity_parity(ours, theirs, threshold=3)["flag"] is False
    assert activity_parity([], theirs, threshold=2) == {
        "contact": theirs[0],
        "ours": None,
        "gap": None,
        "flag": False,
    }


@pytest.mark.django_db
def test_resources_given_in_done_activities_show_and_the_next_one_is_suggested(org):
    org.activity.resources = ["info.success_case"]
    org.activity.save()
    snapshot = plan_snapshot(load_plan(org.project))
    row = next(r for r in snapshot["resources"] if r["name"] == "刘组长")
    assert row["given"] == ["info.success_case"]
    assert row["suggested"] == "info.professional"


# ---- the snapshot --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_snapshot_is_plain_json_with_names_and_warnings(org):
    plan_rows(org)
    snapshot = plan_snapshot(load_plan(org.project))
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["project"]["account"]["name"] == "国网东北分部"
    assert {m["name"] for m in snapshot["members"]} == {"赵副总", "刘组长"}
    assert snapshot["competitors"][0]["supporters"][0]["name"] == "赵副总"
    assert any(w["code"] == "PARITY_GAP" and w["section"] == "chain" for w in snapshot["warnings"])
    assert {cp["number"] for cp in snapshot["control_points"]} == {1, 2, 3, 4}


# ---- comparison, in words ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_comparison_words_changes_the_way_a_manager_reads_them(org):
    before = plan_snapshot(load_plan(org.project))
    org.member.depth, org.member.roles = 3, ["bridge", "key"]
    org.member.save()
    org.project.activities.create(kind="banquet", date="2026-12-01", done=False)
    org.project.competitors.create(name="友商A")
    after = plan_snapshot(load_plan(org.project))
    with translation.override("en"):
        sections = {s["code"]: s["changes"] for s in compare(before, after)}
    assert sections["chain"] == [
        "刘组长: depth Stranger (陌生) → Familiar (熟悉); roles + Key person (关键人)"
    ]
    assert "Activity 2026-12-01 Formal banquet (宴请) added" in sections["activities"]
    assert sections["competition"] == ["友商A added"]
    assert sections["basics"] == [] and sections["negotiation"] == []


# ---- editing in place ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_section_saved_with_htmx_redraws_the_whole_plan(org):
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/plan/competitors/add/",
        {"name": "友商B", "our_edge": "可靠性", "supporters": [org.boss.pk]},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-body"
    assert 'id="plan-body"' in response.text and "友商B" in response.text
    assert list(Competitor.objects.get(name="友商B").supporters.all()) == [org.boss]


@pytest.mark.django_db
def test_supporters_must_be_people_of_this_account(org):
    from .factories import ContactFactory

    outsider = ContactFactory()
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/plan/competitors/add/",
        {"name": "友商C", "supporters": [outsider.pk]},
        **HTMX,
    )
    assert response.status_code == 422
    assert not Competitor.objects.filter(name="友商C").exists()


@pytest.mark.django_db
def test_a_stale_edit_is_refused_with_both_values_and_nothing_changes(org):
    rows = plan_rows(org)
    item = rows["tender_item"]
    opened_at = fingerprint(item)
    item.text = "别人改过的内容"
    item.save()
    client = client_for(org.rep)
    response = client.post(
        f"/plan/tender/{item.pk}/",
        {"kind": "advantage", "text": "我的内容", "status": "planned", "fingerprint": opened_at},
        **HTMX,
    )
    assert response.status_code == 409
    assert "别人改过的内容" in response.text and "我的内容" in response.text
    item.refresh_from_db()
    assert item.text == "别人改过的内容"
    # Saving again from the conflict form (re-armed with the current fingerprint) is a deliberate overwrite.
    rearmed = fingerprint(item)
    response = client.post(
        f"/plan/tender/{item.pk}/",
        {"kind": "advantage", "text": "我的内容", "status": "planned", "fingerprint": rearmed},
        **HTMX,
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.text == "我的内容"


@pytest.mark.django_db
def test_a_stale_project_edit_from_the_plan_page_is_409(org):
    client = client_for(org.rep)
    version = org.project.version
    org.project.version += 1
    org.project.save()
    response = client.post(
        f"/projects/{org.project.pk}/plan/prices/",
        {"our_price": "100", "their_price": "90", "version": version},
        **HTMX,
    )
    assert response.status_code == 409
    org.project.refresh_from_db()
    assert org.project.our_price is None


@pytest.mark.django_db
def test_a_planned_resource_can_be_added_edited_and_deleted(org):
    client = client_for(org.rep)
    response = client.post(
        f"/plan/chain/{org.member.pk}/resources/add/", {"resource": "info.success_case", "status": "planned"}
    )
    assert response.status_code == 302
    item = ResourcePlanItem.objects.get()
    assert client.get(f"/plan/resources/{item.pk}/").status_code == 200
    client.post(f"/plan/resources/{item.pk}/", {"delete": "1"})
    assert not ResourcePlanItem.objects.exists()


@pytest.mark.django_db
def test_an_unknown_resource_code_is_refused(org):
    response = client_for(org.rep).post(
        f"/plan/chain/{org.member.pk}/resources/add/", {"resource": "bribe", "status": "planned"}, **HTMX
    )
    assert response.status_code == 422
    assert not ResourcePlanItem.objects.exists()
