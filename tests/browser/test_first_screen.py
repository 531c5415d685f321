"""On a phone, the project page's first screen holds where the deal stands, its most serious warning and the
button to record a visit: no scrolling to reach what a rep needs minutes after a meeting."""

import pytest

from .conftest import PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_phone_sees_the_state_the_worst_warning_and_the_visit_button_first(org, browser, live_server):
    org.project.state = "S2"
    org.project.save()
    context, page = signed_in_page(browser, live_server, "rep", PHONE)
    page.goto(f"{live_server.url}/projects/{org.project.pk}/")
    for selector in (".head-state", "a[href$='/visits/new/'].primary", "#warnings .warning"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["y"] + box["height"] <= PHONE["height"], f"{selector} is below the first screen"
    assert "S2" in page.locator(".head-state").inner_text()
    assert "sev-high" in page.locator("#warnings .warning").first.get_attribute("class")  # the worst first
    context.close()
