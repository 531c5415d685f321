"""Warnings speak the user's language: no page a rep or a manager reads shows a raw code (NO_PAIN,
COACH_RISKY_TYPE…) — codes are for exports, the JSON and check_plan."""

import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from projects.stored_warnings.refresh import refresh_due
from projects.visits.models import VisitSheet
from projects.visits.schema import parse_form
from projects.visits.services import sheet_submit

from .conftest import client_for
from .test_visit_sheet import post

CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")  # NO_PAIN, CP1_MISSING, PARITY_GAP


class VisibleText(HTMLParser):
    """The words a reader sees: text outside script and style, and the attributes read aloud or hovered."""

    def __init__(self):
        super().__init__()
        self.words, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style", "template")
        self.words += [
            value or "" for name, value in attrs if name in ("title", "aria-label", "alt", "placeholder")
        ]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "template")

    def handle_data(self, data):
        if not self.hidden:
            self.words.append(data)


def raw_codes(page: str) -> set[str]:
    parser = VisibleText()
    parser.feed(page)
    return set(CODE.findall(" ".join(parser.words)))


@pytest.mark.django_db
def test_no_page_shows_a_warning_code(org):
    # 赵副总 (采购副总) held by the rep: parity, no pain; a visit with no reason and no hook.
    sheet = VisitSheet.objects.create(
        project=org.project,
        created_by=org.rep,
        data=parse_form(post(date=timezone.localdate().isoformat(), met__0__contact=org.boss.pk)),
    )
    sheet_submit(sheet_id=sheet.pk, by=org.rep)
    draft = VisitSheet.objects.create(
        project=org.project, created_by=org.rep, data=parse_form(post(met__0__contact=org.boss.pk))
    )
    refresh_due()
    pages = {
        org.rep: [
            "/",
            f"/projects/{org.project.pk}/",
            f"/projects/{org.project.pk}/plan/",
            f"/visits/{sheet.pk}/",
            f"/visits/{draft.pk}/edit/",
            f"/visits/{draft.pk}/submit/",
            f"/accounts/{org.account.pk}/",
        ],
        org.lead: ["/", "/team/", f"/projects/{org.project.pk}/plan/"],
    }
    seen = 0
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 422), url
            assert raw_codes(response.text) == set(), url
            seen += "warning" in response.text
    assert seen >= 6  # the walk read pages that do show warnings
