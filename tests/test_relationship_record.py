"""What the engine now reads, a rep can record where they work, and the pages show: who of ours knew a contact
before (the chain member editor), asks granted (the activity editor and the visit sheet), the people we know
at the signing departments (the tender editor); the record beside the rating on the chain card, the plan
and the PDF. The stored warnings follow every one of these writes."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from projects.deals.models import Ask, ChainMember, TenderItem
from projects.visits.models import VisitSheet
from salescamp.editing import write_transaction

from .conftest import client_for
from .test_editors import read_form
from .test_stored_warnings import assert_current, stored


def form_data(client, url: str, **changes) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value, _kind in read_form(client.get(url).content.decode()):
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_a_rep_records_who_of_ours_knew_a_contact_before_and_the_card_shows_it(org):
    client = english(client_for(org.rep))
    boss = ChainMember.objects.get(project=org.project, contact=org.boss)
    url = reverse("member_edit", args=[boss.pk])
    response = client.post(
        url, form_data(client, url, acquaintance="总裁班同学", acquaintance_holder=str(org.lead.pk))
    )
    assert response.status_code in (200, 302)
    boss.refresh_from_db()
    assert (boss.acquaintance, boss.acquaintance_holder) == ("总裁班同学", org.lead)
    assert_current(org.project, "an acquaintance's holder was recorded")
    page = client.get(f"/projects/{org.project.pk}/").content.decode()
    assert "王组长 knew them before: 总裁班同学" in page


@pytest.mark.django_db
def test_a_holder_without_saying_how_they_know_each_other_is_refused_beside_the_field(org):
    client = english(client_for(org.rep))
    url = reverse("member_edit", args=[org.member.pk])
    response = client.post(url, form_data(client, url, acquaintance="", acquaintance_holder=str(org.lead.pk)))
    assert response.status_code == 422
    assert "Say how they know each other" in response.content.decode()
    org.member.refresh_from_db()
    assert org.member.acquaintance_holder is None


@pytest.mark.django_db
def test_an_ask_granted_is_recorded_in_the_activity_editor_and_read_as_evidence(org):
    client = english(client_for(org.rep))
    url = reverse("activity_edit", args=[org.activity.pk])
    data = form_data(client, url)
    data.update({"ask-0-kind": ["small_favour"], "ask-0-text": ["推荐一位中医"], "ask-0-granted": ["on"]})
    data["done"] = ["on"]  # as a browser sends a ticked box without a value
    data["ask-0-contact"] = [str(org.contact.pk)]
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.content.decode()[:500]
    assert list(Ask.objects.filter(activity=org.activity).values_list("text", "granted")) == [
        ("推荐一位中医", True)
    ]
    assert_current(org.project, "an ask was granted")
    page = client.get(f"/projects/{org.project.pk}/").content.decode()
    assert "one meeting · asked once, granted 1" in page


@pytest.mark.django_db
def test_an_ask_granted_on_a_visit_sheet_reaches_the_activity(org):
    client = client_for(org.rep)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    client.post(
        reverse("visit_edit", args=[sheet.pk]),
        {
            "version": 1,
            "date": timezone.localdate().isoformat(),
            "met-0-contact": str(org.contact.pk),
            "reason_met": "想了解其他网省的做法",
            "hooks": "下周送案例",
            "asks-0-kind": "introduction",
            "asks-0-text": "引荐采购副总",
            "asks-0-contact": str(org.contact.pk),
            "asks-0-granted": "1",
            "asks-1-text": "要一份组织架构图",
        },
    )
    response = client.post(reverse("visit_submit", args=[sheet.pk]), {"confirm": "1"})
    assert response.status_code in (200, 302)
    sheet.refresh_from_db()
    assert sheet.status == "submitted"
    asks = Ask.objects.filter(activity__project=org.project).order_by("id")
    assert list(asks.values_list("text", "granted")) == [("引荐采购副总", True), ("要一份组织架构图", False)]
    assert_current(org.project, "a visit sheet with a granted ask was submitted")


@pytest.mark.django_db
def test_the_people_we_know_at_a_signing_department_are_linked_in_the_tender_editor(org):
    client = english(client_for(org.rep))
    url = reverse("tender_add", args=[org.project.pk]) + "?kind=contract_department"
    data = form_data(client, url, text="物资部", contacts=[str(org.contact.pk)])
    data["kind"] = ["contract_department"]
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    item = TenderItem.objects.get(project=org.project)
    assert list(item.contacts.all()) == [org.contact]
    assert_current(org.project, "a tender item's people were linked")
    assert "CP4_MISSING" not in {row["code"] for row in stored(org.project)}
    plan_page = client.get(f"/projects/{org.project.pk}/plan/").content.decode()
    assert "We know: 刘组长" in plan_page
    assert "物资部, which signs the contract: we know 采购组长 刘组长" in plan_page
    # Unlinked outside an editor (a shell, the admin): the hook follows the link table too.
    with write_transaction():
        item.contacts.clear()
    assert_current(org.project, "a tender item's people were unlinked")
    assert "CP4_MISSING" in {row["code"] for row in stored(org.project)}


@pytest.mark.django_db
def test_renaming_the_one_who_knew_them_rewrites_the_warnings_that_name_them(org):
    boss = ChainMember.objects.get(project=org.project, contact=org.boss)
    with write_transaction():
        boss.acquaintance, boss.acquaintance_holder, boss.depth = "同学", org.lead, 5
        boss.save()
    assert_current(org.project, "a rating ran ahead of the record")
    with write_transaction():
        org.lead.display_name = "王经理"
        org.lead.save()
    assert_current(org.project, "the holder was renamed")
    ahead = [row for row in stored(org.project) if row["code"] == "DEPTH_AHEAD_OF_RECORD"]
    assert ahead and "王经理" in str(ahead[0]["message"])


@pytest.mark.django_db
def test_the_plan_pdf_shows_the_record_beside_the_rating(org):
    ChainMember.objects.filter(pk=org.member.pk).update(depth=3)
    client = english(client_for(org.rep))
    response = client.get(f"/projects/{org.project.pk}/plan.pdf")
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = "".join(text.split())
    assert "OnrecordAcquainted" in compact  # 刘组长, rated familiar after one visit
    assert "Relationshipratedabovetherecord" in compact


@pytest.mark.django_db
def test_comparing_two_versions_names_the_new_facts(org):
    from django.utils import translation

    from projects.plans.compare import compare

    from .plan_helpers import live

    before_item = TenderItem.objects.create(project=org.project, kind="contract_department", text="物资部")
    ask = Ask.objects.create(activity=org.activity, kind="small_favour", text="推荐中医", contact=org.contact)
    before = live(org.project)
    ChainMember.objects.filter(pk=org.member.pk).update(acquaintance="同学", acquaintance_holder=org.lead)
    Ask.objects.filter(pk=ask.pk).update(granted=True)
    before_item.contacts.set([org.contact])
    after = live(org.project)
    with translation.override("en"):
        sections = {s["code"]: s["changes"] for s in compare(before, after)}
    assert sections["chain"] == ["刘组长: prior acquaintance — → 同学; who of ours knows them — → 王组长"]
    assert "asks granted + 推荐中医" in sections["activities"][0]
    assert sections["tender"] == ["物资部: people we know there + 刘组长"]


@pytest.mark.django_db
def test_the_activity_editor_shows_its_date_in_chinese_too(org):
    # A date input shows only YYYY-MM-DD; Chinese formats dates 2026/10/23, and the editor opened blank.
    client = client_for(org.rep)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("activity_edit", args=[org.activity.pk])).content.decode()
    assert f'value="{org.activity.date.isoformat()}"' in page
