import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.orgchart import build_org_chart

from .factories import AccountFactory, ContactFactory


@pytest.mark.django_db
def test_the_account_page_draws_contacts_under_their_boss(org, rep_client):
    ContactFactory(account=org.account, name="交采中心某工", reports_to=org.contact, personality="tiger")
    page = rep_client.get(f"/accounts/{org.account.pk}/").text
    assert page.index("赵副总") < page.index("刘组长") < page.index("交采中心某工")
    assert "老虎" in page and "高层" in page and "采购" in page


def test_org_chart_places_everyone_once_even_with_a_loop_in_the_data():
    class Item:
        def __init__(self, pk, boss):
            self.pk, self.reports_to_id = pk, boss

    roots = build_org_chart([Item(1, 2), Item(2, 1), Item(3, None), Item(4, 3)])

    def count(nodes):
        return sum(1 + count(node.children) for node in nodes)

    assert count(roots) == 4
    assert roots[0].item.pk == 3


def account_page_queries(client, account) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/accounts/{account.pk}/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_account_page_query_count_is_pinned_and_does_not_grow_with_contacts(org, rep_client):
    small = AccountFactory(team=org.team)
    ContactFactory.create_batch(3, account=small)
    big = AccountFactory(team=org.team)
    bosses = ContactFactory.create_batch(5, account=big, level=3)
    for i in range(40):
        ContactFactory(account=big, reports_to=bosses[i % 5])
    # session, user, memberships, team tree (access), account, contacts,
    # account history, contact history, team names for the history (the nav reuses the team tree)
    assert account_page_queries(rep_client, small) == account_page_queries(rep_client, big) == 9

    # Once records have been edited, their previous versions are fetched in one query per model.
    for account in (small, big):
        for contact in account.contacts.all()[:3]:
            contact.title = "改过"
            contact.save()
        account.region = "改过"
        account.save()
    assert account_page_queries(rep_client, small) == account_page_queries(rep_client, big) == 11


@pytest.mark.django_db
def test_the_accounts_list_searches_account_and_contact_names(org, rep_client):
    AccountFactory(name="南方电网", team=org.team)
    by_name = rep_client.get("/accounts/", {"q": "东北"}).text
    assert "国网东北分部" in by_name and "南方电网" not in by_name
    by_contact = rep_client.get("/accounts/", {"q": "刘组长"}).text
    assert "国网东北分部" in by_contact
    nothing = rep_client.get("/accounts/", {"q": "不存在"}).text
    assert "没有" in nothing


@pytest.mark.django_db
def test_search_as_you_type_returns_only_the_results(org, rep_client):
    response = rep_client.get("/accounts/", {"q": "东北"}, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="results">')
    assert "<html" not in response.text


@pytest.mark.django_db
def test_a_search_with_control_characters_is_answered_not_crashed(org, rep_client):
    response = rep_client.get("/accounts/", {"q": "东北\x00"})
    assert response.status_code == 200 and "国网东北分部" in response.text


@pytest.mark.django_db
def test_the_account_page_lists_its_projects_to_those_who_may_see_them(org, rep_client):
    page = rep_client.get(f"/accounts/{org.account.pk}/").content.decode()
    listing = f"/projects/?account={org.account.pk}"
    assert f'hx-get="{listing}"' in page  # drawn after the page, from the projects side
    part = rep_client.get(listing, HTTP_HX_REQUEST="true").content.decode()
    assert org.project.name in part and "<html" not in part
    # A teammate sees the account, not a project that is neither theirs nor shared with them.
    from .conftest import client_for

    assert org.project.name not in client_for(org.teammate).get(listing).content.decode()
    assert client_for(org.stranger).get(listing).status_code == 404
