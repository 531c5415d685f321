"""Drafts that tell the truth (issue 14): the restore banner appears only when this device holds text the
server lacks, naming the fields; two tabs in conflict see one banner with both copies side by side."""

import time

import pytest
from django.utils import timezone

from projects.visits import views
from projects.visits.models import VisitSheet

from .conftest import DESKTOP, PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)
BANNERS = "#restore-banner:not([hidden]), #conflict-banner:not([hidden])"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_saved_draft_and_a_refused_submit_leave_no_banner_after_reload(org, browser, live_server, viewport):
    context, page = signed_in_page(browser, live_server, "rep", viewport)
    page.goto(f"{live_server.url}/projects/{org.project.pk}/visits/new/?full=1")
    page.fill("#f-place", "沈阳")
    page.click("button[name=action][value=save]")  # the button, not the autosave
    page.wait_for_url("**/edit/")
    sheet = VisitSheet.objects.get()
    assert sheet.data["place"] == "沈阳"
    assert page.locator(BANNERS).count() == 0
    # Submitted without anyone met: refused beside the field, kept as the draft.
    page.click("button[name=action][value=submit]")
    page.wait_for_selector("#error-summary")
    assert page.locator("#e-met").is_visible()
    page.reload()
    page.wait_for_selector("#visit-form")
    assert page.locator(BANNERS).count() == 0
    page.goto(f"{live_server.url}/visits/{sheet.pk}/edit/")
    page.wait_for_selector("#visit-form")
    assert page.locator(BANNERS).count() == 0
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_two_tabs_in_conflict_see_one_banner_listing_the_field(org, browser, live_server, viewport):
    sheet = VisitSheet.objects.create(
        project=org.project, created_by=org.rep, data={"date": timezone.localdate().isoformat()}
    )
    context, tab_a = signed_in_page(browser, live_server, "rep", viewport)
    tab_b = context.new_page()
    url = f"{live_server.url}/visits/{sheet.pk}/edit/"
    tab_a.goto(url)
    tab_b.goto(url)
    tab_a.fill("#f-reason_met", "A：想了解其他网省的做法")
    tab_a.wait_for_selector("#save-status[data-state=saved]")
    tab_b.fill("#f-reason_met", "B：领导让见的")
    tab_b.wait_for_selector("#conflict-banner:not([hidden])")
    assert tab_b.locator(BANNERS).count() == 1
    rows = tab_b.locator("#conflict-banner .differences tr")
    assert rows.count() == 2  # the heading and the one field that differs
    label = tab_b.locator("label[for=f-reason_met]").inner_text()
    assert rows.nth(1).locator("th").inner_text() == label
    assert rows.nth(1).locator("td").all_inner_texts() == ["B：领导让见的", "A：想了解其他网省的做法"]
    # A choice for the whole sheet: keep mine.
    tab_b.click("[data-action=keep-mine]")
    tab_b.wait_for_selector("#save-status[data-state=saved]")
    assert VisitSheet.objects.get().data["reason_met"] == "B：领导让见的"
    assert tab_b.locator(BANNERS).count() == 0
    context.close()


def test_a_sheet_sent_offline_goes_for_review_when_the_connection_is_back(org, browser, live_server):
    context, page = signed_in_page(browser, live_server, "rep", PHONE)
    page.goto(f"{live_server.url}/projects/{org.project.pk}/visits/new/")
    page.click(f'.add-met[data-contact="{org.contact.pk}"]')
    page.fill("#f-reason_met", "想了解其他网省的做法")
    page.wait_for_selector("#save-status[data-state=saved]")
    context.set_offline(True)
    page.fill("#f-hooks", "下周送案例材料")
    page.click("button[name=action][value=submit]")
    page.wait_for_selector("#save-status[data-state=offline]")
    assert "下周送案例材料" not in str(VisitSheet.objects.get().data)
    context.set_offline(False)
    page.wait_for_url("**/submit/")
    assert VisitSheet.objects.get().data["hooks"] == "下周送案例材料"
    context.close()


def test_an_untouched_sheet_leaves_no_draft_and_a_draft_is_deleted_with_undo(org, browser, live_server):
    context, page = signed_in_page(browser, live_server, "rep", PHONE)
    page.goto(f"{live_server.url}/projects/{org.project.pk}/visits/new/")
    page.wait_for_timeout(1500)
    page.goto(f"{live_server.url}/")
    assert not VisitSheet.objects.exists()
    page.goto(f"{live_server.url}/projects/{org.project.pk}/visits/new/")
    page.fill("#f-reason_met", "想了解")
    page.wait_for_selector("#save-status[data-state=saved]")
    sheet = VisitSheet.objects.get()
    page.goto(f"{live_server.url}/")
    page.click(f"#draft-{sheet.pk} button")
    page.wait_for_selector(".messages form.undo")
    assert page.locator(f"#draft-{sheet.pk}").count() == 0
    page.click(".messages form.undo button")
    page.wait_for_url(f"**/visits/{sheet.pk}/edit/")
    assert page.input_value("#f-reason_met") == "想了解"
    page.goto(f"{live_server.url}/")
    assert page.locator(f"#draft-{sheet.pk}").count() == 1
    context.close()


def test_a_chip_tapped_while_a_save_is_on_its_way_is_saved_too(org, browser, live_server, monkeypatch):
    sheet = VisitSheet.objects.create(
        project=org.project, created_by=org.rep, data={"date": timezone.localdate().isoformat()}
    )
    slow_save = views.draft_save

    def draft_save(**kwargs):
        time.sleep(1.5)  # a slow connection: the save is still on its way when the rep taps
        return slow_save(**kwargs)

    monkeypatch.setattr(views, "draft_save", draft_save)
    context, page = signed_in_page(browser, live_server, "rep", PHONE)
    page.goto(f"{live_server.url}/visits/{sheet.pk}/edit/")
    page.fill("#f-reason_met", "想了解其他网省的做法")
    page.wait_for_selector("#save-status[data-state=saving]")
    page.click(f'.add-met[data-contact="{org.contact.pk}"]')
    deadline = time.monotonic() + 15  # the first save lands, then the one that carries the tap
    while not (data := VisitSheet.objects.get().data).get("met") and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert data["reason_met"] == "想了解其他网省的做法"
    assert [row["contact"] for row in data["met"]] == [str(org.contact.pk)]
    context.close()
