"""Adding and editing contacts inline on the account page."""

import pytest

from accounts.models import Contact
from accounts.services import contact_save
from salescamp.editing import StaleEdit

from .conftest import client_for
from .factories import AccountFactory, ContactFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def new_contact(**overrides) -> dict:
    data = {
        "name": "壁工",
        "title": "自动化专责",
        "level": 1,
        "function": "technical",
        "procurement_group": "",
        "reports_to": "",
        "personality": "koala",
        "phone": "",
        "wechat": "",
        "email": "",
        "notes": "",
    }
    data.update(overrides)
    return {f"new-{key}": value for key, value in data.items()}


def edit_data(contact, **overrides) -> dict:
    data = {
        "name": contact.name,
        "title": contact.title,
        "level": contact.level,
        "function": contact.function,
        "procurement_group": contact.procurement_group,
        "reports_to": contact.reports_to_id or "",
        "personality": contact.personality,
        "phone": contact.phone,
        "wechat": contact.wechat,
        "email": contact.email,
        "notes": contact.notes,
        "version": contact.version,
    }
    data.update(overrides)
    return {f"c{contact.pk}-{key}": value for key, value in data.items()}


@pytest.mark.django_db
def test_adding_a_contact_inline_redraws_the_chart_with_them_under_their_boss(org, rep_client):
    response = rep_client.post(
        f"/accounts/{org.account.pk}/contacts/new/", new_contact(reports_to=org.contact.pk), **HTMX
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#account-body"
    created = Contact.objects.get(name="壁工")
    assert created.reports_to == org.contact and created.account == org.account
    assert 'id="account-body"' in response.text and "壁工" in response.text


@pytest.mark.django_db
def test_without_javascript_adding_a_contact_redirects_back_to_the_account(org, rep_client):
    response = rep_client.post(f"/accounts/{org.account.pk}/contacts/new/", new_contact())
    assert response.status_code == 302 and response["Location"] == f"/accounts/{org.account.pk}/"
    assert rep_client.get(f"/accounts/{org.account.pk}/contacts/new/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "这个字段是必填项"),
        ("name", "   ", "这个字段是必填项"),
        ("name", "名" * 51, "不超过 50 字符"),
        ("level", "9", "不在可用的选项中"),
        ("function", "astrology", "不在可用的选项中"),
        ("personality", "dragon", "不在可用的选项中"),
        ("email", "not-an-email", "有效的 Email"),
        ("phone", "call me maybe", "电话号码"),
    ],
)
def test_bad_input_is_refused_beside_the_field_in_chinese(org, rep_client, field, value, message):
    response = rep_client.post(
        f"/accounts/{org.account.pk}/contacts/new/", new_contact(**{field: value}), **HTMX
    )
    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Contact.objects.filter(title="自动化专责").exists()


@pytest.mark.django_db
def test_bad_input_is_explained_in_english_for_english_users(org, rep_client):
    rep_client.cookies["django_language"] = "en"
    response = rep_client.post(f"/accounts/{org.account.pk}/contacts/new/", new_contact(name=""), **HTMX)
    assert response.status_code == 422
    assert "This field is required." in response.text


@pytest.mark.django_db
def test_a_contact_cannot_report_to_someone_at_another_account(org, rep_client):
    elsewhere = ContactFactory(account=AccountFactory(team=org.team))
    response = rep_client.post(
        f"/accounts/{org.account.pk}/contacts/new/", new_contact(reports_to=elsewhere.pk), **HTMX
    )
    assert response.status_code == 422
    assert "同一客户" in response.text
    assert not Contact.objects.filter(name="壁工").exists()


@pytest.mark.django_db
def test_a_reporting_loop_is_refused_with_a_clear_message(org, rep_client):
    # 刘组长 reports to 赵副总; making 赵副总 report to 刘组长 would close a loop.
    response = rep_client.post(
        f"/contacts/{org.boss.pk}/edit/", edit_data(org.boss, reports_to=org.contact.pk), **HTMX
    )
    assert response.status_code == 422
    assert "刘组长" in response.text and "循环" in response.text
    org.boss.refresh_from_db()
    assert org.boss.reports_to is None


@pytest.mark.django_db
def test_a_longer_loop_is_refused_too(org):
    staff = ContactFactory(account=org.account, reports_to=org.contact)
    org.boss.reports_to = staff
    with pytest.raises(Exception) as error:
        org.boss.full_clean()
    assert "reports_to" in error.value.message_dict


@pytest.mark.django_db
def test_editing_a_contact_saves_and_bumps_its_version(org, rep_client):
    response = rep_client.post(
        f"/contacts/{org.contact.pk}/edit/",
        edit_data(org.contact, personality="peacock", phone="138 0000 0000"),
        **HTMX,
    )
    assert response.status_code == 200
    org.contact.refresh_from_db()
    assert org.contact.personality == "peacock" and org.contact.version == 2


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_shows_the_other_persons_values(org):
    form_data = edit_data(org.contact, title="采购中心组长")
    # Meanwhile the team lead saves a different title from their phone.
    lead = client_for(org.lead)
    assert (
        lead.post(
            f"/contacts/{org.contact.pk}/edit/", edit_data(org.contact, title="招采组长"), **HTMX
        ).status_code
        == 200
    )

    response = client_for(org.rep).post(f"/contacts/{org.contact.pk}/edit/", form_data, **HTMX)
    assert response.status_code == 409
    assert "王组长" in response.text  # who saved it
    assert "招采组长" in response.text and "采购中心组长" in response.text  # theirs beside yours
    org.contact.refresh_from_db()
    assert org.contact.title == "招采组长"

    # Having seen theirs, a second save is deliberate and goes through.
    form_data[f"c{org.contact.pk}-version"] = org.contact.version
    assert client_for(org.rep).post(f"/contacts/{org.contact.pk}/edit/", form_data, **HTMX).status_code == 200
    org.contact.refresh_from_db()
    assert org.contact.title == "采购中心组长"


@pytest.mark.django_db
def test_the_service_refuses_a_stale_version(org):
    org.contact.title = "x"
    with pytest.raises(StaleEdit) as stale:
        contact_save(contact=org.contact, expected_version=0, by=org.rep)
    assert stale.value.current.title == "采购组长"


@pytest.mark.django_db
def test_a_forged_version_field_is_refused_not_crashed(org, rep_client):
    response = rep_client.post(
        f"/contacts/{org.contact.pk}/edit/", edit_data(org.contact, version="abc"), **HTMX
    )
    assert response.status_code == 422


@pytest.mark.django_db
def test_editing_an_account_and_refusing_a_stale_one(org, rep_client):
    data = {
        "name": "国网东北分部",
        "industry": "电力",
        "region": "沈阳",
        "parent": "",
        "team": org.team.pk,
        "version": 1,
    }
    assert rep_client.post(f"/accounts/{org.account.pk}/edit/", data).status_code == 302
    response = rep_client.post(f"/accounts/{org.account.pk}/edit/", {**data, "region": "大连"})
    assert response.status_code == 409 and "沈阳" in response.text


@pytest.mark.django_db
def test_an_account_can_only_be_given_to_a_team_the_user_sees(org, rep_client):
    response = rep_client.post(
        "/accounts/new/",
        {"name": "新客户", "industry": "", "region": "", "parent": "", "team": org.other_team.pk},
    )
    assert response.status_code == 422
    response = rep_client.post(
        "/accounts/new/", {"name": "新客户", "industry": "", "region": "", "parent": "", "team": org.team.pk}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_new_contact_has_no_level_or_function_until_one_is_chosen(org, rep_client):
    form = rep_client.get(f"/accounts/{org.account.pk}/contacts/new/", **HTMX).text
    for name in ("level", "function"):
        select = form[form.index(f'name="new-{name}"') :]
        select = select[: select.index("</select>")]
        assert 'value="" selected' in select and select.count("selected") == 1
    refused = rep_client.post(
        f"/accounts/{org.account.pk}/contacts/new/", new_contact(level="", function=""), **HTMX
    )
    assert refused.status_code == 422 and refused.text.count('aria-invalid="true"') == 2
    assert not Contact.objects.filter(name="壁工").exists()
