"""An axe-core scan of every page a rep or manager uses: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from projects.visits.models import VisitSheet
from projects.visits.schema import empty_sheet

from .conftest import DESKTOP, PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_have_no_serious_accessibility_violations(org, browser, live_server, viewport):
    org.project.shared_with.add(org.lead)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.lead, data=empty_sheet())
    pages = [
        "/",
        "/accounts/",
        f"/accounts/{org.account.pk}/",
        f"/contacts/{org.contact.pk}/edit/",
        "/projects/",
        f"/projects/{org.project.pk}/",
        f"/projects/{org.project.pk}/visits/new/",
        f"/visits/{sheet.pk}/edit/",
        f"/visits/{sheet.pk}/",
        "/team/",
        f"/teams/{org.team.pk}/thresholds/",
        f"/teams/{org.team.pk}/visit-templates/",
    ]
    # axe is injected as a script; the scanning context alone lets it past the page's CSP.
    context, page = signed_in_page(browser, live_server, "lead", viewport, bypass_csp=True)
    found = {}
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        violations = blocking_violations(page)
        if violations:
            found[path] = violations
    context.close()
    assert not found, found
