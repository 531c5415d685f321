"""On a phone, a contact form the server refused shows its first error in view (it was 1,100 px below)."""

import pytest

from .conftest import PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_contact_form_scrolls_its_first_error_into_view(org, browser, live_server):
    context, page = signed_in_page(browser, live_server, "rep", PHONE)
    page.goto(f"{live_server.url}/accounts/{org.account.pk}/")
    page.click(f'a[href="/accounts/{org.account.pk}/contacts/new/"]')
    page.wait_for_selector("form.contact-form")
    page.fill("#new-name", "马工")
    page.click("form.contact-form button.primary")
    first = page.locator("form.contact-form [aria-invalid=true]").first
    first.wait_for()
    page.wait_for_function(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
        arg=first.element_handle(),
    )
    assert first.evaluate("el => el.name") == "new-level"  # chosen, never preselected
    context.close()
