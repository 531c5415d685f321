"""The plan's own sections: exchange-table arithmetic, resource suggestions, per-activity parity, a version's
shape, the comparison wording, and editing the sections in place (422, 409, nothing lost)."""

import dataclasses
import json
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from projects.deals.forms import NEGATIVE_MONEY
from projects.deals.models import Competitor, NegotiationTerm, ResourcePlanItem
from projects.plans import snapshot
from projects.plans.compare import compare
from projects.plans.view import plan_view
from projects.rules import data
from projects.rules.exchange import exchange
from projects.rules.resources import resource_rows

from .conftest import client_for
from .plan_helpers import live, plan_rows
from .rules.builders import DIRECTOR, LEAD, REP, activity, member, plan

HTMX = {"HTTP_HX_REQUEST": "true"}


def offers(our, their, *terms) -> data.PlanData:
    return dataclasses.replace(
        plan(),
        our_price=None if our is None else Decimal(our),
        their_price=None if their is None else Decimal(their),
        terms=tuple(
            data.NegotiationTerm(term=f"t{i}", cost_to_us=Decimal(c), value_to_them=Decimal(v), offered=o)
            for i, (c, v, o) in enumerate(terms)
        ),
    )


# ---- exchange table (谈判交换表) ------------------------------------------------------------------------


def test_the_gap_is_closed_when_offered_terms_are_worth_at_least_the_gap_to_them():
    table = exchange(offers("3800000", "3500000", (50000, 150000, True), (20000, 150000, True)))
    assert table.gap == Decimal("300000")
    assert (table.offered_value, table.offered_cost) == (Decimal("300000"), Decimal("70000"))
    assert table.closed is True and table.open_by == 0


def test_terms_held_back_do_not_count_and_the_rest_of_the_gap_stays_open():
    table = exchange(offers("3800000", "3500000", (50000, 150000, True), (30000, 200000, False)))
    assert table.closed is False and table.open_by == Decimal("150000")
    assert (table.total_value, table.offered_value) == (Decimal("350000"), Decimal("150000"))


def test_without_both_prices_there_is_no_gap_to_judge():
    assert exchange(offers(None, "3500000", (1, 2, True))).closed is None
    assert exchange(offers("3500000", None)).gap is None


def test_no_gap_at_all_counts_as_closed():
    assert exchange(offers("100", "120")).closed is True


@pytest.mark.django_db
def test_a_negative_value_in_the_exchange_table_is_refused_and_nothing_is_saved(org):
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/negotiation/add/?page=plan",
        {"term": "远程运维", "cost_to_us": "-5", "value_to_them": "100", "page": "plan"},
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
        f"/projects/{org.project.pk}/negotiation/add/",
        {"term": "提前交货", "cost_to_us": "10", "value_to_them": "100", "offered": "on", "page": "plan"},
    )
    page = client.get(f"/projects/{org.project.pk}/plan/").text
    assert 'class="gap-verdict closed"' in page


# ---- resources, parity -----------------------------------------------------------------------------------


def test_the_suggestion_is_the_highest_priority_resource_neither_given_nor_planned():
    def suggested(given=(), planned=()) -> str | None:
        items = [data.ResourceItem(resource=c, status="given") for c in given]
        items += [data.ResourceItem(resource=c) for c in planned]
        (row,) = resource_rows(plan(members=[member(1, roles={"bridge"}, resource_plan=items)]))
        return row.suggested

    assert suggested() == "info.success_case"
    assert suggested(given=["info.success_case"], planned=["info.professional"]) == "info.competitive"
    everything = [c for c in __import__("projects.rules.course", fromlist=["x"]).ALL_RESOURCES]
    assert suggested(given=[c for c in everything if c != "personal.friendship"]) == "personal.friendship"


def test_parity_per_activity_compares_the_top_contact_with_our_top_rank():
    boss = member(9, name="孙总", level=4)
    p = plan(
        members=[boss, member(8, name="刘组长", level=2)],
        activities=[
            activity(1, our_people=[REP, LEAD], contacts=[9, 8]),
            activity(2, our_people=[], contacts=[9]),
        ],
    )
    (first, second) = sorted(
        plan_view(p, [], today=timezone.localdate()).activities, key=lambda r: r.activity.id
    )
    assert first.gap == 2 and first.parity_flag is True
    assert first.top_contact.name == "孙总" and first.top_ours.name == "王组长"
    assert second.gap is None and second.parity_flag is False
    raised = dataclasses.replace(p, thresholds=data.Thresholds(parity_gap=3))
    assert not plan_view(raised, [], today=timezone.localdate()).activities[0].parity_flag
    with_director = dataclasses.replace(p, activities=(activity(1, our_people=[DIRECTOR], contacts=[9]),))
    assert plan_view(with_director, [], today=timezone.localdate()).activities[0].gap == 1


@pytest.mark.django_db
def test_resources_given_in_done_activities_show_and_the_next_one_is_suggested(org):
    org.activity.resources = ["info.success_case"]
    org.activity.save()
    row = next(r for r in resource_rows(live(org.project).plan) if r.member.name == "刘组长")
    assert row.given == ["info.success_case"]
    assert row.suggested == "info.professional"


# ---- a submitted version ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_version_is_plain_json_that_reads_back_as_the_same_plan_and_warnings(org):
    plan_rows(org)
    version = live(org.project)
    stored = snapshot.take(version.plan, version.warnings, version.taken_on)
    assert json.loads(json.dumps(stored)) == stored
    back = snapshot.read(json.loads(json.dumps(stored)))
    assert back.plan == version.plan
    assert [w.as_dict() for w in back.warnings] == [w.as_dict() for w in version.warnings]
    with translation.override("en"):
        assert any(w.code == "PARITY_GAP" and "(executive)" in str(w.message) for w in back.warnings)


# ---- comparison, in words ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_comparison_words_changes_the_way_a_manager_reads_them(org):
    before = live(org.project)
    org.member.depth, org.member.roles = 3, ["bridge", "key"]
    org.member.save()
    org.project.activities.create(kind="banquet", date="2026-12-01", done=False)
    org.project.competitors.create(name="友商A")
    after = live(org.project)
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
def test_a_section_saved_with_htmx_redraws_the_page_it_came_from(org):
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/competitors/add/",
        {"name": "友商B", "our_edge": "可靠性", "supporters": [org.boss.pk], "page": "plan"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#page-body"
    assert 'id="page-body" class="plan-body"' in response.text and "友商B" in response.text
    assert list(Competitor.objects.get(name="友商B").supporters.all()) == [org.boss]


@pytest.mark.django_db
def test_supporters_must_be_people_of_this_account(org):
    from .factories import ContactFactory

    outsider = ContactFactory()
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/competitors/add/", {"name": "友商C", "supporters": [outsider.pk]}, **HTMX
    )
    assert response.status_code == 422
    assert not Competitor.objects.filter(name="友商C").exists()


@pytest.mark.django_db
def test_a_stale_edit_is_refused_with_both_values_and_nothing_changes(org):
    item = plan_rows(org)["tender_item"]
    opened_at = item.version
    item.text = "别人改过的内容"
    item.save()
    client = client_for(org.rep)
    mine = {"kind": "advantage", "text": "我的内容", "status": "planned", "page": "plan"}
    response = client.post(f"/tender/{item.pk}/edit/", {**mine, "version": opened_at}, **HTMX)
    assert response.status_code == 409
    assert "别人改过的内容" in response.text and "我的内容" in response.text
    item.refresh_from_db()
    assert item.text == "别人改过的内容"
    # Saving again from the conflict form (re-armed with the current version) is a deliberate overwrite.
    response = client.post(f"/tender/{item.pk}/edit/", {**mine, "version": item.version}, **HTMX)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.text == "我的内容"


@pytest.mark.django_db
def test_a_stale_project_edit_from_the_plan_page_is_409(org):
    client = client_for(org.rep)
    version = org.project.version
    org.project.save()  # someone else saved meanwhile
    response = client.post(
        f"/projects/{org.project.pk}/edit/?part=prices",
        {"our_price": "100", "their_price": "90", "version": version, "page": "plan"},
        **HTMX,
    )
    assert response.status_code == 409
    org.project.refresh_from_db()
    assert org.project.our_price is None


@pytest.mark.django_db
def test_a_planned_resource_can_be_added_edited_and_deleted(org):
    client = client_for(org.rep)
    response = client.post(
        f"/chain/{org.member.pk}/resources/add/", {"resource": "info.success_case", "status": "planned"}
    )
    assert response.status_code == 302
    item = ResourcePlanItem.objects.get()
    assert client.get(f"/resources/{item.pk}/edit/").status_code == 200
    client.post(f"/resources/{item.pk}/edit/", {"delete": "1", "version": item.version})
    assert not ResourcePlanItem.objects.exists()


@pytest.mark.django_db
def test_an_unknown_resource_code_is_refused(org):
    response = client_for(org.rep).post(
        f"/chain/{org.member.pk}/resources/add/", {"resource": "bribe", "status": "planned"}, **HTMX
    )
    assert response.status_code == 422
    assert not ResourcePlanItem.objects.exists()
