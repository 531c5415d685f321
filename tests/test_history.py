import pytest

from .test_contact_edit import HTMX, edit_data


@pytest.mark.django_db
def test_every_change_is_kept_with_who_and_what_and_shown_on_the_account_page(org, rep_client):
    rep_client.post(f"/contacts/{org.contact.pk}/edit/", edit_data(org.contact, title="招采组长"), **HTMX)
    records = list(org.contact.history.order_by("history_date"))
    assert len(records) == 2
    assert records[-1].history_user == org.rep and records[-1].title == "招采组长"

    page = rep_client.get(f"/accounts/{org.account.pk}/").text
    assert "变更记录" in page
    assert "小张" in page and "采购组长" in page and "招采组长" in page


@pytest.mark.django_db
def test_history_names_the_new_boss_rather_than_an_id(org, rep_client):
    rep_client.post(f"/contacts/{org.contact.pk}/edit/", edit_data(org.contact, reports_to=""), **HTMX)
    page = rep_client.get(f"/accounts/{org.account.pk}/").text
    assert "赵副总 → " in page.replace("</del>", "").replace("<del>", "").replace("<ins>", "").replace(
        "</ins>", ""
    )
