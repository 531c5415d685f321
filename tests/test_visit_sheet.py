"""The visit information sheet: lenient drafts, strict submit, what a sheet changes in its project."""

import datetime
import re
import uuid
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone

from accounts.models import Contact
from projects.deals.access import project_for
from projects.deals.loading import load_plan
from projects.deals.models import Activity, ChainMember, Competitor, Task
from projects.visits import services as visit_services
from projects.visits.diagnosis import diagnose
from projects.visits.models import VisitSheet
from projects.visits.prefill import prefilled_sheet
from projects.visits.schema import parse_form, submit_errors
from projects.visits.services import StaleDraft, draft_save, effects_of, sheet_submit

from .conftest import client_for
from .factories import AccountFactory, ContactFactory

TODAY = timezone.localdate()


def post(**fields) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in fields.items():
        key = key.replace("__", "-")
        for item in value if isinstance(value, list) else [value]:
            query.appendlist(key, str(item))
    return query


def sheet_for(org, **fields) -> VisitSheet:
    return VisitSheet.objects.create(project=org.project, created_by=org.rep, data=parse_form(post(**fields)))


def full_sheet(org, **extra):
    fields = {
        "date": TODAY.isoformat(),
        "place": "沈阳",
        "met__0__contact": org.contact.pk,
        "met__0__role": "bridge",
        "met__0__depth": 3,
        "met__0__stance": "support",
        "met__0__pains": "集采框架重谈\n合同条款优化",
        "met__0__pain_kind": "commercial",
        "met__1__new_name": "钱工",
        "met__1__new_title": "计划处专责",
        "met__1__new_level": 1,
        "met__1__new_function": "planning",
        "met__1__new_reports_to": org.contact.pk,
        "met__1__role": "coach",
        "our_people": [org.rep.pk, org.lead.pk],
        "reason_met": "想了解其他网省的做法",
        "topics": ["roi", "success_case"],
        "hooks": "下周送案例材料",
        "next_steps__0__text": "技术交流",
        "next_steps__0__date": (TODAY + datetime.timedelta(days=7)).isoformat(),
        "next_steps__0__owner": org.rep.pk,
        "resources": ["info.success_case"],
        "asks__0__kind": "introduction",
        "asks__0__contact": org.contact.pk,
        "asks__0__text": "请引荐技术副总",
        "gifts__0__kind": "logo_souvenir",
        "gifts__0__value": "80",
        "state": "S2",
        "state_signs": ["s2_grateful"],
        "competitors__0__name": "友商A",
        "competitors__0__how_seen": "桌上的台历",
        "other_departments": ["finance"],
    }
    fields.update(extra)
    return sheet_for(org, **fields)


def test_a_draft_keeps_what_was_typed_and_drops_only_impossible_choices():
    data = parse_form(
        post(
            purpose="了解需求",
            state="S9",
            topics=["roi", "astrology"],
            met__0__new_name="王工",
            met__0__depth="7",
            note="a\x00b",
        )
    )
    assert data["purpose"] == "了解需求"
    assert data["state"] == "" and data["topics"] == ["roi"]
    assert data["met"][0]["new_name"] == "王工" and data["met"][0]["depth"] == ""
    assert data["note"] == "ab"


@pytest.mark.django_db
def test_a_new_sheet_starts_from_what_is_known_and_what_the_project_lacks(org):
    data = prefilled_sheet(load_plan(project_for(org.rep, org.project.pk)), previous=None, today=TODAY)
    assert "国网东北分部" in data["known_company"] and data["date"] == TODAY.isoformat()
    questions = " ".join(item["text"] for item in data["must_learn"])
    # The chain has a bridge (刘组长) but no coach; the project state is unknown.
    assert "教练" in questions and "桥梁" not in questions
    assert "S1" in questions


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"met__0__contact": "PK"}, "date"),
        ({"date": "2026-13-40", "met__0__contact": "PK"}, "date"),
        ({"date": (TODAY + datetime.timedelta(days=3)).isoformat(), "met__0__contact": "PK"}, "date"),
        ({"date": TODAY.isoformat()}, "met"),
        ({"date": TODAY.isoformat(), "met__0__new_name": "刘组长"}, "met-0-new_name"),
        ({"date": TODAY.isoformat(), "met__0__contact": "OTHER"}, "met-0-contact"),
        ({"date": TODAY.isoformat(), "met__0__contact": "PK", "gifts__0__value": "-5"}, "gifts-0-value"),
        ({"date": TODAY.isoformat(), "met__0__contact": "PK", "gifts__0__value": "lots"}, "gifts-0-value"),
        (
            {
                "date": TODAY.isoformat(),
                "met__0__contact": "PK",
                "next_steps__0__text": "x",
                "next_steps__0__date": (TODAY - datetime.timedelta(days=1)).isoformat(),
            },
            "next_steps-0-date",
        ),
    ],
)
def test_what_stops_a_submit_is_named_by_field(org, fields, key):
    stranger = ContactFactory(account=AccountFactory())
    fields = {
        k: (org.contact.pk if v == "PK" else stranger.pk if v == "OTHER" else v) for k, v in fields.items()
    }
    data = parse_form(post(**fields))
    contacts = dict(org.account.contacts.values_list("id", "name"))
    assert key in submit_errors(data, account_contacts=contacts)


@pytest.mark.django_db
def test_submitting_applies_every_field_where_it_belongs_in_one_go(org):
    sheet = full_sheet(org)
    sheet_submit(sheet_id=sheet.pk, by=org.rep)

    new = Contact.objects.get(account=org.account, name="钱工")
    assert new.title == "计划处专责" and new.function == "planning" and new.reports_to == org.contact
    bridge = ChainMember.objects.get(project=org.project, contact=org.contact)
    assert bridge.depth == 3 and bridge.stance == "support"
    assert {p.text for p in bridge.pains.all()} >= {"集采框架重谈", "合同条款优化"}
    assert ChainMember.objects.get(project=org.project, contact=new).roles == ["coach"]

    visit = Activity.objects.get(
        project=org.project, kind="visit", done=True, reason_met="想了解其他网省的做法"
    )
    assert set(visit.contacts.all()) == {org.contact, new}
    assert set(visit.our_people.all()) == {org.rep, org.lead}
    assert visit.hook == "下周送案例材料" and visit.topics == ["roi", "success_case"]
    assert visit.resources == ["info.success_case"] and visit.other_departments == ["finance"]
    assert visit.asks.get().text == "请引荐技术副总"
    gift = Activity.objects.get(project=org.project, kind="gift")
    assert gift.gift_kind == "logo_souvenir" and gift.gift_value == 80
    # The next step is a task (待办) for the rep, not an activity with everyone met.
    assert not Activity.objects.filter(project=org.project, done=False, goal="技术交流").exists()
    task = Task.objects.get(project=org.project, text="技术交流")
    assert task.due == TODAY + datetime.timedelta(days=7) and task.owner == org.rep and task.visit == sheet
    org.project.refresh_from_db()
    assert org.project.state == "S2" and "s2_grateful" in org.project.state_signs
    assert Competitor.objects.filter(project=org.project, name="友商A").exists()
    sheet.refresh_from_db()
    assert sheet.status == "submitted" and sheet.activity == visit


@pytest.mark.django_db
def test_submitting_twice_applies_once(org):
    sheet = full_sheet(org)
    before = Activity.objects.count()
    for _ in range(2):
        sheet_submit(sheet_id=sheet.pk, by=org.rep)
    assert Activity.objects.count() == before + 2  # the visit, the gift (the next step is a task)
    client = client_for(org.rep)
    assert client.post(f"/visits/{sheet.pk}/submit/").status_code == 302
    assert Activity.objects.count() == before + 2 and Task.objects.count() == 1


@pytest.mark.django_db
def test_a_failure_half_way_leaves_the_project_as_it_was(org, monkeypatch):
    sheet = full_sheet(org)
    contacts, activities = Contact.objects.count(), Activity.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(visit_services.Competitor, "full_clean", broken)
    with pytest.raises(RuntimeError):
        sheet_submit(sheet_id=sheet.pk, by=org.rep)
    assert (Contact.objects.count(), Activity.objects.count()) == (contacts, activities)
    sheet.refresh_from_db()
    assert sheet.status == "draft"


@pytest.mark.django_db
def test_two_devices_never_silently_overwrite_each_other(org):
    sheet = sheet_for(org, purpose="A")
    draft_save(sheet_id=sheet.pk, data={"purpose": "phone"}, expected_version=1, by=org.rep, device="phone")
    with pytest.raises(StaleDraft):
        draft_save(
            sheet_id=sheet.pk, data={"purpose": "laptop"}, expected_version=1, by=org.rep, device="laptop"
        )
    # The same tab racing its own reload continues; a deliberate "keep mine" overwrites.
    draft_save(sheet_id=sheet.pk, data={"purpose": "phone 2"}, expected_version=1, by=org.rep, device="phone")
    draft_save(
        sheet_id=sheet.pk,
        data={"purpose": "laptop"},
        expected_version=1,
        by=org.rep,
        device="laptop",
        force=True,
    )
    sheet.refresh_from_db()
    assert sheet.data["purpose"] == "laptop"


@pytest.mark.django_db
def test_autosave_answers_json_and_a_conflict_with_who_saved(org):
    sheet = sheet_for(org)
    client = client_for(org.rep)
    response = client.post(
        f"/visits/{sheet.pk}/autosave/", {"version": 1, "purpose": "了解需求", "device": "a"}
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    assert "diagnosis" in response.json()
    stale = client_for(org.lead).post(
        f"/visits/{sheet.pk}/autosave/", {"version": 1, "purpose": "x", "device": "b"}
    )
    assert stale.status_code == 409 and stale.json()["conflict"] and stale.json()["saved_by"] == "小张"
    sheet.refresh_from_db()
    assert sheet.data["purpose"] == "了解需求"


@pytest.mark.django_db
def test_starting_a_sheet_twice_with_the_same_key_opens_one_sheet(org):
    client = client_for(org.rep)
    key = str(uuid.uuid4())
    typed = {"client_key": key, "date": TODAY.isoformat(), "reason_met": "想了解其他网省的做法"}
    first = client.post(f"/projects/{org.project.pk}/visits/new/", typed)
    second = client.post(f"/projects/{org.project.pk}/visits/new/", {**typed, "version": 1})
    assert first["Location"] == second["Location"]
    assert VisitSheet.objects.filter(project=org.project).count() == 1


@pytest.mark.django_db
def test_submit_without_date_or_people_is_refused_beside_the_field_and_kept_as_draft(org):
    sheet = sheet_for(org, purpose="了解需求")
    response = client_for(org.rep).post(f"/visits/{sheet.pk}/submit/")
    assert response.status_code == 422
    assert 'id="e-date"' in response.text and "了解需求" in response.text
    sheet.refresh_from_db()
    assert sheet.status == "draft"


@pytest.mark.django_db
def test_the_preview_lists_what_will_change_then_submit_lands_on_the_project(org):
    sheet = full_sheet(org)
    client = client_for(org.rep)
    preview = client.get(f"/visits/{sheet.pk}/submit/")
    assert preview.status_code == 200
    assert "钱工" in preview.text and "集采框架重谈" in preview.text
    response = client.post(f"/visits/{sheet.pk}/submit/", {"version": sheet.version})
    assert response.status_code == 302 and response["Location"].startswith(
        f"/projects/{org.project.pk}/#activity-"
    )
    page = client.get(f"/projects/{org.project.pk}/").text
    assert "钱工" in page


@pytest.mark.django_db
def test_the_diagnosis_warns_about_this_visit_and_the_people_met(org):
    # The rep meets the 采购副总 alone, talks features, leaves no reason and no hook.
    sheet = sheet_for(
        org,
        date=TODAY.isoformat(),
        met__0__contact=org.boss.pk,
        topics=["product_features"],
        stalled="wrong_venue",
    )
    plan = load_plan(project_for(org.rep, org.project.pk))
    diagnosis = diagnose(sheet, plan, effects_of(sheet, plan))
    codes = {w.code for w in diagnosis.warnings}
    assert {"VISIT_NO_REASON", "VISIT_NO_HOOK", "PARITY_GAP", "HIGH_LEVEL_PRODUCT_TALK"} <= codes
    assert diagnosis.playbook is not None


@pytest.mark.django_db
def test_a_leader_shapes_the_team_sheet_and_a_rep_cannot(org):
    response = client_for(org.lead).post(
        f"/teams/{org.team.pk}/visit-templates/",
        {"customer_type": "电力", "sections": ["bant"], "questions": "变电站数量？\n今年的技改预算？"},
    )
    assert response.status_code == 302
    sheet = sheet_for(org)
    page = client_for(org.rep).get(f"/visits/{sheet.pk}/edit/").text
    assert "变电站数量？" in page and 'name="bant_budget"' in page and 'name="needs_values"' not in page
    assert client_for(org.rep).get(f"/teams/{org.team.pk}/visit-templates/").status_code == 404


@pytest.mark.django_db
def test_a_duplicate_new_contact_is_offered_the_existing_one_and_one_tap_swaps_it(org):
    sheet = sheet_for(org, date=TODAY.isoformat(), met__0__new_name="刘组长", met__0__new_title="组长")
    client = client_for(org.rep)
    refused = client.post(f"/visits/{sheet.pk}/submit/")
    assert refused.status_code == 422
    assert f'name="pick" value="0:{org.contact.pk}"' in refused.text
    data = {
        "version": sheet.version,
        "date": TODAY.isoformat(),
        "met-0-new_name": "刘组长",
        "met-0-new_title": "组长",
        "pick": f"0:{org.contact.pk}",
    }
    assert client.post(f"/visits/{sheet.pk}/edit/", data).status_code == 302
    sheet.refresh_from_db()
    sheet.refresh_from_db()
    assert sheet.data["met"][0]["contact"] == str(org.contact.pk) and sheet.data["met"][0]["new_name"] == ""
    assert client.post(f"/visits/{sheet.pk}/submit/", {"version": sheet.version}).status_code == 302
    assert Contact.objects.filter(account=org.account, name="刘组长").count() == 1


# ---- submit refuses, beside the field, what the database would refuse (never a 500) ------------------------


def draft_through_the_form(client, sheet, **fields) -> None:
    """The rep saves the sheet as the browser posts it (a crafted POST may skip the inputs' maxlength)."""
    sheet.refresh_from_db()
    data = {"version": sheet.version, "date": TODAY.isoformat()}
    data.update({key.replace("__", "-"): value for key, value in fields.items()})
    assert client.post(f"/visits/{sheet.pk}/edit/", data).status_code == 302
    sheet.refresh_from_db()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "field", "fixed"),
    [
        ({"gifts__0__kind": "logo_souvenir", "gifts__0__value": "100000000"}, "gifts-0-value", "800"),
        ({"gifts__0__kind": "logo_souvenir", "gifts__0__value": "0.005"}, "gifts-0-value", "0.5"),
        ({"met__1__contact": "PK"}, "met-1-contact", ""),
        ({"met__1__new_name": "欧阳" * 26}, "met-1-new_name", "欧阳工"),
        ({"met__1__new_name": "钱工", "met__1__new_title": "计划" * 41}, "met-1-new_title", "计划处专责"),
        ({"competitors__0__name": "友商" * 51}, "competitors-0-name", "友商B"),
    ],
    ids=[
        "gift-too-big",
        "gift-fraction-of-a-fen",
        "same-contact-twice",
        "name-over-50",
        "title-over-80",
        "competitor-over-100",
    ],
)
def test_submit_refuses_what_the_database_cannot_hold_beside_the_field_then_submits_once_fixed(
    org, typed, field, fixed
):
    client = client_for(org.rep)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    typed = {key: org.contact.pk if value == "PK" else value for key, value in typed.items()}
    draft_through_the_form(client, sheet, met__0__contact=org.contact.pk, **typed)
    contacts, activities = Contact.objects.count(), Activity.objects.count()

    refused = client.post(f"/visits/{sheet.pk}/submit/", {"version": sheet.version})

    assert refused.status_code == 422
    # Named in the summary at the top, and beside the field itself.
    assert f'href="#f-{field}"' in refused.text
    # A typed field points at its error; a contact picked from the chips (a hidden field) is its error.
    assert (
        f'aria-describedby="e-{field}"' in refused.text
        or f'<p class="errorlist wide" id="f-{field}">' in refused.text
    )
    assert (Contact.objects.count(), Activity.objects.count()) == (contacts, activities)
    sheet.refresh_from_db()
    assert sheet.status == "draft"
    typed_key = field.replace("-", "__")
    draft_through_the_form(client, sheet, met__0__contact=org.contact.pk, **{**typed, typed_key: fixed})
    assert client.post(f"/visits/{sheet.pk}/submit/", {"version": sheet.version}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == "submitted"
    kept = {
        "gifts-0-value": lambda: (
            Activity.objects.get(project=org.project, kind="gift").gift_value == Decimal(fixed)
        ),
        "met-1-contact": lambda: list(sheet.activity.contacts.all()) == [org.contact],
        "met-1-new_name": lambda: Contact.objects.filter(account=org.account, name=fixed).exists(),
        "met-1-new_title": lambda: Contact.objects.filter(account=org.account, title=fixed).exists(),
        "competitors-0-name": lambda: Competitor.objects.filter(project=org.project, name=fixed).exists(),
    }
    assert kept[field]()


@pytest.mark.django_db
def test_our_people_offered_are_the_projects_team_and_its_managers_only(org):
    from salescamp.models import User

    support = User.objects.create_superuser("support", password="x", display_name="支持管理员")
    page = client_for(org.rep).get(f"/projects/{org.project.pk}/visits/new/?full=1").text
    offered = {int(pk) for pk in re.findall(r'name="our_people" value="(\d+)"', page)}
    assert offered == {org.director.pk, org.lead.pk, org.rep.pk, org.teammate.pk}
    assert org.stranger.pk not in offered and support.pk not in offered
    # A stranger named by a tampered form is not taken as one of ours.
    sheet = sheet_for(
        org, date=TODAY.isoformat(), met__0__contact=org.contact.pk, our_people=[org.stranger.pk]
    )
    assert visit_services.people_named(sheet.data, org.project) == {}


@pytest.mark.django_db
def test_the_must_learn_checklist_ticks_what_the_sheet_answers(org):
    data = parse_form(
        post(
            must_learn__0__text="预算：资金落实了吗？",
            must_learn__0__key="bant_budget",
            must_learn__1__text="谁是桥梁？",
            must_learn__1__key="bridge",
            must_learn__2__text="客户状态？",
            must_learn__2__key="state",
            bant_budget="今年技改专项约 400 万",
            met__0__contact=org.contact.pk,
            met__0__role="bridge",
        )
    )
    assert [item["done"] for item in data["must_learn"]] == [True, True, False]


@pytest.mark.django_db
def test_saving_from_the_sixty_second_form_keeps_what_the_full_sheet_holds(org):
    sheet = sheet_for(
        org,
        date=TODAY.isoformat(),
        bant_budget="今年技改专项约 400 万",
        met__0__new_name="马工",
        met__0__new_level=2,
        met__0__pain_kind="commercial",
        next_steps__0__text="送报告",
        next_steps__0__owner=org.lead.pk,
    )
    sheet.quick = True
    sheet.save()
    client = client_for(org.rep)
    page = client.get(f"/visits/{sheet.pk}/edit/").text
    assert 'name="bant_budget"' not in page and 'name="form" value="quick"' in page
    fields = {
        "form": "quick",
        "version": sheet.version,
        "date": TODAY.isoformat(),
        "met-0-new_name": "马工",
        "met-0-new_level": "2",
        "met-0-pain_kind": "commercial",
        "reason_met": "想了解其他网省的做法",
        "next_steps-0-text": "送报告",
        "next_steps-0-owner": org.lead.pk,
    }
    assert client.post(f"/visits/{sheet.pk}/edit/", fields).status_code == 302
    sheet.refresh_from_db()
    assert (
        sheet.data["bant_budget"] == "今年技改专项约 400 万"
        and sheet.data["reason_met"] == "想了解其他网省的做法"
    )
    assert sheet.data["met"][0]["new_level"] == "2" and sheet.data["next_steps"][0]["owner"] == str(
        org.lead.pk
    )
    for hidden in ('name="met-0-new_level" value="2"', 'name="next_steps-0-owner"'):
        assert hidden in page


@pytest.mark.django_db(transaction=True)
def test_a_create_racing_another_with_the_same_key_fails_as_the_view_expects_never_a_500(org):
    """Six taps at once: one create commits while another, past its check for an existing sheet, saves. That
    one must fail with IntegrityError (the view then opens the first sheet), not a ValidationError (a 500,
    found by the outside attack)."""
    from django.db import IntegrityError

    from projects.visits.services import sheet_start

    key = uuid.uuid4()
    first = sheet_start(project=org.project, key=key, data={"purpose": "甲"}, quick=True, by=org.rep)
    with pytest.raises(IntegrityError):
        sheet_start(project=org.project, key=key, data={"purpose": "乙"}, quick=True, by=org.rep)
    assert list(VisitSheet.objects.filter(client_key=key)) == [first]
