"""The plan's review round trip in two browsers: the rep edits the plan in place and submits it, the team
lead comments on a section and returns it, the rep sees why, revises and resubmits, the lead approves
version 2 and takes its PDF, then switches the interface to English and back."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from projects.deals.models import NegotiationTerm
from projects.plans.models import PlanStatus, PlanSubmission, ReviewComment

from .conftest import DESKTOP, PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)

TERM = "远程支持代替驻场"
COMMENT = "远程支持要写明响应时限"
REASON = "金额与最新询价不符，请核实后再提交"


def document_loads(page) -> list[str]:
    """Every full-page request the tab makes from now on (htmx requests are xhr/fetch, not documents)."""
    loads = []
    page.on(
        "request", lambda request: loads.append(request.url) if request.resource_type == "document" else None
    )
    return loads


def record_decision(page, decision: str, reason: str = "") -> None:
    form = page.locator("form.decision-form")
    form.locator(f"input[name=decision][value={decision}]").check()
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_submit_comment_return_revise_approve_and_download(org, browser, live_server, viewport):
    base = live_server.url
    project_id = org.project.pk
    plan_url = f"{base}/projects/{project_id}/plan/"

    # ---- the rep adds a negotiation term in place, through the htmx panel -----------------------------
    rep_context, rep = signed_in_page(browser, live_server, "rep", viewport)
    rep.goto(plan_url)
    assert rep.locator("#plan-h").inner_text().startswith("销售项目计划表")
    assert "从未提交。" in rep.locator(".plan-status").inner_text()
    loads = document_loads(rep)

    rep.locator(f'#section-negotiation a[href="/projects/{project_id}/negotiation/add/?page=plan"]').click()
    panel = rep.locator("#panel-form")
    panel.wait_for()
    assert panel.locator("#panel-form-h").inner_text() == "谈判交换条件"
    panel.locator("[name=term]").fill(TERM)
    panel.locator("[name=cost_to_us]").fill("20000")
    panel.locator("[name=value_to_them]").fill("80000")
    panel.locator("[name=offered]").check()
    panel.locator("button.primary").click()
    rep.locator("#page-body > .message.success", has_text="交换表已保存。").wait_for()
    term_row = rep.locator("#section-negotiation .exchange-table tbody tr", has_text=TERM)
    assert "¥20,000" in term_row.inner_text() and "¥80,000" in term_row.inner_text()
    assert rep.locator("#panel-form").count() == 0  # the panel closed with the redraw
    assert loads == [] and rep.url == plan_url  # no page load: htmx swapped the plan in place

    rep.locator("form[action$='/plan/submit/'] button", has_text="提交审阅").click()
    rep.wait_for_url(f"{plan_url}v1/")
    assert "第 1 版已提交审阅。" in rep.locator(".messages").inner_text()
    assert rep.locator(".plan-status .badge.status-submitted").inner_text() == "待审阅"

    # ---- the team lead finds it on the review queue, comments on the section and returns it ------------
    lead_context, lead = signed_in_page(browser, live_server, "lead", viewport)
    lead.locator('nav.mainnav a[href="/reviews/"]').click()
    lead.wait_for_url(f"{base}/reviews/")
    row = lead.locator("table.responsive tbody tr", has_text="配电自动化项目")
    assert "v1" in row.inner_text() and "小张" in row.inner_text()
    row.locator("a").click()
    lead.wait_for_url(f"{plan_url}v1/")
    assert lead.locator("#plan-h").inner_text().startswith("第 1 版")
    assert TERM in lead.locator("#section-negotiation .exchange-table").inner_text()

    thread = lead.locator("#section-negotiation .review-thread")
    thread.locator("details.comment-form summary").click()
    thread.locator("#comment-negotiation").fill(COMMENT)
    thread.locator("button[type=submit]", has_text="添加意见").click()
    lead.wait_for_url(f"{plan_url}v1/#section-negotiation")
    assert "意见已添加。" in lead.locator(".messages").inner_text()
    assert lead.locator("#section-negotiation .comment-text").inner_text() == COMMENT

    record_decision(lead, "returned", REASON)
    lead.wait_for_url(f"{base}/reviews/")  # nothing else awaits review: back to the (empty) queue
    assert "第 1 版已退回给销售。" in lead.locator(".messages").inner_text()
    assert "没有待你审阅的计划。" in lead.locator("#queue-h + p").inner_text()

    # ---- the rep sees the reason and the comment beside its section, revises in place, resubmits -------
    rep.goto(plan_url)
    banner = rep.locator(".plan-head .alert.warning")
    assert "第 1 版被 王组长 退回：" in banner.inner_text() and REASON in banner.inner_text()
    assert "v1 · 已退回" in rep.locator(".plan-status").inner_text()
    comment = rep.locator("#section-negotiation .review-thread .comment")
    assert COMMENT in comment.inner_text() and "王组长" in comment.inner_text()
    assert "v1" in comment.locator(".badge.version").inner_text()
    assert rep.locator("#section-chain .review-thread .comment").count() == 0  # only beside its own section

    loads = document_loads(rep)
    rep.locator(f'#section-basics a[href="/projects/{project_id}/edit/?page=plan&part=basics"]').click()
    rep.locator("#panel-form [name=amount]").fill("4200000")
    rep.locator("#panel-form button.primary").click()
    rep.locator("#page-body > .message.success", has_text="项目已保存。").wait_for()
    assert "¥4,200,000" in rep.locator("#section-basics .head-facts").inner_text()
    assert loads == [] and rep.url == plan_url

    rep.locator("form[action$='/plan/submit/'] button", has_text="提交为第 2 版").click()
    rep.wait_for_url(f"{plan_url}v2/")
    assert "第 2 版已提交审阅。" in rep.locator(".messages").inner_text()

    # ---- the lead approves version 2 and downloads its PDF ---------------------------------------------
    lead.locator('nav.mainnav a[href="/reviews/"]').click()
    lead.wait_for_url(f"{base}/reviews/")
    lead.locator("a.button.primary", has_text="开始审阅").click()
    lead.wait_for_url(f"{plan_url}v2/")
    assert lead.locator("#plan-h").inner_text().startswith("第 2 版")
    assert "¥4,200,000" in lead.locator("#section-basics .head-facts").inner_text()
    assert COMMENT in lead.locator("#section-negotiation .comment-text").inner_text()  # the thread follows
    record_decision(lead, "approved")
    lead.wait_for_url(f"{base}/reviews/")
    assert "第 2 版已批准。" in lead.locator(".messages").inner_text()

    lead.goto(f"{plan_url}v2/")
    assert lead.locator(".plan-status .badge.status-approved").inner_text() == "已批准"
    assert lead.locator("form.decision-form").count() == 0
    # Chromium shows an inline PDF in its viewer, so the file behind the page's PDF button is fetched with
    # the lead's own session (the context's cookies) and read back.
    pdf_href = lead.locator(".head-actions a.button", has_text="PDF").get_attribute("href")
    assert pdf_href == f"/projects/{project_id}/plan.pdf?version=2"
    response = lead_context.request.get(base + pdf_href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert f'filename="plan-{project_id}-v2.pdf"' in response.headers["content-disposition"]
    body = response.body()
    assert body.startswith(b"%PDF") and len(body) > 10_000
    text = "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(body)).pages)
    for expected in ("配电自动化项目", "¥4,200,000", TERM, COMMENT):
        assert expected in text, expected

    # ---- the header's language switch: English, then back to Chinese ------------------------------------
    desk_link = lead.locator('nav.mainnav a[href="/"]')
    assert desk_link.inner_text() == "工作台"
    lead.locator("form.lang-switch button[value=en]").click()
    lead.locator('form.lang-switch button[value=en][aria-pressed="true"]').wait_for()
    assert lead.url == f"{plan_url}v2/"
    assert desk_link.inner_text() == "My desk"
    assert lead.locator("#plan-h").inner_text().startswith("Version 2")
    lead.locator("form.lang-switch button[value=zh-hans]").click()
    lead.locator('form.lang-switch button[value=zh-hans][aria-pressed="true"]').wait_for()
    assert desk_link.inner_text() == "工作台"
    assert lead.locator("#plan-h").inner_text().startswith("第 2 版")

    rep_context.close()
    lead_context.close()

    # ---- what was stored --------------------------------------------------------------------------------
    first, second = PlanSubmission.objects.filter(project=org.project).order_by("number")
    assert (first.number, first.status, first.decided_by, first.decision_reason) == (
        1,
        PlanStatus.RETURNED,
        org.lead,
        REASON,
    )
    assert (second.number, second.status, second.decided_by) == (2, PlanStatus.APPROVED, org.lead)
    assert first.submitted_by == second.submitted_by == org.rep
    # Each version froze the plan as it was: the revision is only in version 2.
    assert Decimal(first.snapshot["plan"]["amount"]) == Decimal("1000000")
    assert Decimal(second.snapshot["plan"]["amount"]) == Decimal("4200000")
    stored = ReviewComment.objects.get()
    assert (stored.submission, stored.section, stored.author, stored.text) == (
        first,
        "negotiation",
        org.lead,
        COMMENT,
    )
    term = NegotiationTerm.objects.get(project=org.project)
    assert (term.term, term.cost_to_us, term.value_to_them, term.offered) == (
        TERM,
        Decimal("20000"),
        Decimal("80000"),
        True,
    )
