"""A rep on a shared office PC signs out: the drafts the server already holds leave the browser, a draft
typed offline and not yet sent stays (and is offered back after signing in again)."""

import pytest
from django.utils import timezone

from projects.visits.models import VisitSheet
from projects.visits.services import draft_save

from .conftest import DESKTOP, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)

STORED = "() => Object.keys(localStorage).filter(k => k.startsWith('salescamp.visit.')).sort()"


def test_signing_out_forgets_sent_drafts_and_keeps_unsent_ones(org, browser, live_server):
    sent = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    unsent = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    context, page = signed_in_page(browser, live_server, "rep", DESKTOP)
    base = live_server.url

    page.goto(f"{base}/visits/{sent.pk}/edit/")
    page.fill("#f-date", timezone.localdate().isoformat())
    page.fill("#f-reason_met", "已保存到服务器")
    page.wait_for_selector("#save-status[data-state=saved]")

    # The second sheet: another device saves it while this one types offline, so this copy cannot be
    # sent until the rep chooses between the two.
    page.goto(f"{base}/visits/{unsent.pk}/edit/")
    draft_save(
        sheet_id=unsent.pk, data={"hooks": "手机上写的"}, expected_version=1, by=org.rep, device="phone"
    )
    context.set_offline(True)
    page.fill("#f-reason_met", "离线时写的，还没发出")
    page.wait_for_selector("#save-status[data-state=offline]")
    context.set_offline(False)
    page.wait_for_selector("#conflict-banner:not([hidden])")
    assert page.evaluate(STORED) == sorted([f"salescamp.visit.{sent.pk}", f"salescamp.visit.{unsent.pk}"])

    page.goto(f"{base}/")
    page.click("form.logout button")
    page.wait_for_url("**/login/**")
    assert page.evaluate(STORED) == [f"salescamp.visit.{unsent.pk}"]

    page.fill("#id_username", "rep")
    page.fill("#id_password", "pw-for-tests")
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/visits/{unsent.pk}/edit/")
    page.wait_for_selector("#restore-banner:not([hidden])")
    page.click("[data-action=restore]")
    page.wait_for_selector("#save-status[data-state=saved]")
    assert VisitSheet.objects.get(pk=unsent.pk).data["reason_met"] == "离线时写的，还没发出"
    page.click("form.logout button")
    page.wait_for_url("**/login/**")
    assert page.evaluate(STORED) == []
    context.close()


def test_the_sixty_second_switch_keeps_what_was_typed(org, browser, live_server):
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    context, page = signed_in_page(browser, live_server, "rep", DESKTOP)
    page.goto(f"{live_server.url}/visits/{sheet.pk}/edit/")
    page.fill("#f-reason_met", "刚写的一句")
    page.click("button[name=mode][value=quick]")
    page.wait_for_selector("button[name=mode][value=full]")
    sheet.refresh_from_db()
    assert sheet.quick and sheet.data["reason_met"] == "刚写的一句"
    context.close()
