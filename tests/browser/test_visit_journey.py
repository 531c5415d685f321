"""A rep fills a visit sheet on a phone right after the meeting, loses the connection, reloads, loses
nothing, submits, and sees the chain and the warnings change on the project page."""

import pytest
from django.utils import timezone

from accounts.models import Contact
from projects.visits.models import VisitSheet

from .conftest import DESKTOP, PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_fill_go_offline_reload_restore_and_submit(org, browser, live_server, viewport):
    context, page = signed_in_page(browser, live_server, "rep", viewport)
    base = live_server.url
    page.goto(f"{base}/projects/{org.project.pk}/visits/new/?full=1")
    page.wait_for_selector("#visit-form")
    assert page.input_value("#f-date") == timezone.localdate().isoformat()

    page.click(f'.add-met[data-contact="{org.boss.pk}"]')
    page.fill("#f-met-0-pains", "只希望项目平安落地")
    page.click(".add-met[data-new]")
    page.fill("#f-met-1-new_name", "钱工")
    page.fill("#f-met-1-new_title", "计划处专责")
    page.fill("#f-reason_met", "想了解其他网省的做法")
    page.wait_for_selector("#save-status[data-state=saved]")
    sheet_url = page.url
    assert sheet_url.endswith(f"/visits/{VisitSheet.objects.get().pk}/edit/")  # created by the first save

    # The connection drops while the rep keeps typing (the saves fail; the page itself stays).
    page.route("**/autosave/", lambda route: route.abort("internetdisconnected"))
    page.fill("#f-hooks", "下周送案例材料")
    page.wait_for_selector("#save-status[data-state=offline]")
    assert "下周送案例材料" not in str(VisitSheet.objects.get().data)

    # The tab is reloaded before a save got through: the sheet offers this device's newer copy.
    page.unroute("**/autosave/")
    page.goto(sheet_url)
    page.wait_for_selector("#restore-banner:not([hidden])")
    assert page.locator("#restore-banner .differing li").all_inner_texts() == [
        page.locator("label[for=f-hooks]").inner_text()
    ]
    page.click("[data-action=restore]")
    assert page.input_value("#f-hooks") == "下周送案例材料"
    assert page.input_value("#f-met-1-new_name") == "钱工"
    page.wait_for_selector("#save-status[data-state=saved]")
    assert VisitSheet.objects.get().data["hooks"] == "下周送案例材料"

    page.click("button[value=submit]")
    page.wait_for_url("**/submit/")
    assert "钱工" in page.content()
    page.locator("form button.primary").first.click()
    page.wait_for_url(f"**/projects/{org.project.pk}/**")
    assert Contact.objects.filter(account=org.account, name="钱工").exists()
    chain = page.locator("#section-chain").inner_text()
    assert "钱工" in chain
    # 赵副总 is now in a done visit with a pain recorded, but still held by the rep: the parity gap shows.
    assert page.locator(f"#member-{org.boss.pk} .parity.gap").count() == 1
    context.close()
