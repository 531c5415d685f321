"""The bell on a phone: a rep's tasks due today and overdue ring it with the unread count; the list opens
from it, and tapping a notice lands on the task on its project page and marks the notice read."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from projects.deals.models import Task
from projects.notices.models import Notice
from projects.reminders.scans import task_reminders

from .conftest import PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_bell_counts_and_a_tapped_notice_lands_on_its_task(org, browser, live_server):
    today = timezone.localdate()
    due = Task.objects.create(project=org.project, text="问清集采时间表", owner=org.rep, due=today)
    Task.objects.create(
        project=org.project, text="送成功案例材料", owner=org.rep, due=today - datetime.timedelta(days=1)
    )
    task_reminders(timezone.localtime().replace(hour=9, minute=0))
    assert Notice.objects.filter(recipient=org.rep, read_at=None).count() == 2

    context, page = signed_in_page(browser, live_server, "rep", PHONE)
    bell = page.locator("a.bell")
    expect(bell.locator(".badge-count")).to_have_text("2")
    expect(bell).to_be_in_viewport()
    bell.click()
    page.wait_for_url(f"{live_server.url}/notices/")
    notice = page.locator("li.notice.unread", has_text="问清集采时间表")
    expect(notice).to_contain_text("待办今天到期")
    page.screenshot(path="/tmp/tasks-notices-phone.png")

    notice.locator("button.notice-open").click()
    page.wait_for_url(f"{live_server.url}/projects/{org.project.pk}/#task-{due.pk}")
    expect(page.locator(f"#task-{due.pk}")).to_be_in_viewport()
    expect(page.locator(f"#task-{due.pk}")).to_contain_text("问清集采时间表")
    page.screenshot(path="/tmp/tasks-task-phone.png")
    expect(page.locator("a.bell .badge-count")).to_have_text("1")
    assert Notice.objects.get(kind="task_due", recipient=org.rep).read_at is not None
    assert Notice.objects.get(kind="task_overdue", recipient=org.rep).read_at is None
    context.close()
