"""The rep's minute after the call (issue 14): from the desk to a submitted sheet in a few taps on a phone,
counted; and the full sheet's people entered with chips, not dropdowns."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Contact
from projects.deals.models import Activity, ChainMember, Task
from projects.visits.models import VisitSheet

from ..factories import ProjectFactory
from .conftest import DESKTOP, PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)
MAX_TAPS, MAX_CHARACTERS = 15, 80


class Journey:
    """Drives the page the way a thumb does, counting taps and typed characters."""

    def __init__(self, page):
        self.page, self.taps, self.characters = page, 0, 0

    def tap(self, selector: str) -> None:
        self.page.locator(selector).first.click()
        self.taps += 1

    def type(self, selector: str, text: str) -> None:
        self.tap(selector)  # the field is tapped, then typed into
        self.page.keyboard.type(text)
        self.characters += len(text)


def next_tuesday(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)


@pytest.mark.parametrize(
    ("viewport", "form"),
    [(PHONE, "quick"), (DESKTOP, "quick"), (PHONE, "full")],
    ids=["phone", "desktop", "full-sheet-phone"],
)
def test_the_issue_scenario_takes_at_most_15_taps_and_80_characters(
    org, browser, live_server, viewport, form
):
    ProjectFactory(account=org.account, team=org.team, owner=org.rep, name="配网运维平台")  # a choice to make
    context, page = signed_in_page(browser, live_server, "rep", viewport)
    journey = Journey(page)
    tuesday = next_tuesday(timezone.localdate())

    journey.tap(".bottombar .record-visit" if viewport == PHONE else ".page-head .record-visit")
    journey.tap(f'a[href="/projects/{org.project.pk}/visits/new/"]')
    page.wait_for_selector("#visit-form")
    if form == "full":
        journey.tap("button[name=mode][value=full]")
        page.wait_for_url("**?full=1")
    assert page.input_value("#f-date") == timezone.localdate().isoformat()  # today, untouched
    journey.tap(f'.add-met[data-contact="{org.contact.pk}"]')  # 刘组长, from the chain
    journey.tap(".add-met[data-new]")  # someone new
    journey.type('[data-rows=met] > :nth-child(2) input[name$="-new_name"]', "马工")
    journey.type('[data-rows=met] > :nth-child(2) input[name$="-new_title"]', "物资部采购专责")
    journey.type("#f-reason_met", "想了解其他网省的做法")
    journey.type('[data-rows=met] > :nth-child(1) textarea[name$="-pains"]', "集采框架重谈")
    journey.type("#f-hooks", "下周送案例材料")
    journey.type("#f-next_steps-0-text", "送报告给陈处长")
    journey.tap(f'[data-for="f-next_steps-0-date"][data-date="{tuesday.isoformat()}"]')
    journey.tap("button[name=action][value=submit]")
    page.wait_for_url("**/submit/")
    journey.tap("form button.primary")
    page.wait_for_url(f"**/projects/{org.project.pk}/**")

    print(f"\n{form} at {viewport['width']}px: {journey.taps} taps, {journey.characters} characters")
    assert journey.taps <= MAX_TAPS and journey.characters <= MAX_CHARACTERS
    sheet = VisitSheet.objects.get()
    assert sheet.status == "submitted" and sheet.quick == (form == "quick")
    assert sheet.visit_date == timezone.localdate()
    new = Contact.objects.get(account=org.account, name="马工")
    assert new.title == "物资部采购专责"
    bridge = ChainMember.objects.get(project=org.project, contact=org.contact)
    assert bridge.roles == ["bridge"] and [p.text for p in bridge.pains.filter(text="集采框架重谈")]
    task = Task.objects.get()
    assert (task.text, task.due, task.owner) == ("送报告给陈处长", tuesday, org.rep)
    assert not Activity.objects.filter(done=False, goal="送报告给陈处长").exists()
    assert "送报告给陈处长" in page.locator("#section-activities").inner_text()
    context.close()


def test_the_full_sheet_enters_each_person_with_chips_not_dropdowns(org, browser, live_server):
    context, page = signed_in_page(browser, live_server, "rep", PHONE)
    page.goto(f"{live_server.url}/projects/{org.project.pk}/visits/new/?full=1")
    page.click(f'.add-met[data-contact="{org.contact.pk}"]')
    page.click(".add-met[data-new]")
    rows = page.locator("[data-rows=met] > [data-row]")
    assert rows.count() == 2
    # Per person: the kind of pain is the one dropdown left (a new person's level, function, personality
    # and boss sit folded below their name and title); the issue counted 9 before.
    assert rows.nth(0).locator("select").count() == 1
    for field in ("role", "stance", "depth"):
        assert page.locator(f'[data-rows=met] select[name$="-{field}"]').count() == 0
        assert page.locator(f'[data-rows=met] input[type=radio][name$="-{field}"]').count() > 0
    # 刘组长's chips start from what the chain says: bridge; one tap changes the stance.
    first = rows.nth(0)
    assert first.locator('input[name$="-role"][value=bridge]').is_checked()
    first.locator('label.chip:has(input[name$="-stance"][value=support])').click()
    page.wait_for_selector("#save-status[data-state=saved]")
    saved = VisitSheet.objects.get().data["met"]
    assert saved[0]["contact"] == str(org.contact.pk) and saved[0]["stance"] == "support"
    context.close()
