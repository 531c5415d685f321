import datetime
import html
import shutil
import subprocess

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from projects.deals.labels import label
from projects.visits.models import VisitSheet, VisitTemplate
from projects.visits.schema import (
    AFTER_TEXT,
    BEFORE_TEXT,
    LABELS,
    SMALL_ACTIVITIES,
    STALL_REASONS,
    parse_form,
)
from projects.visits.services import sheet_submit

from .conftest import client_for
from .test_visit_sheet import full_sheet, post

TODAY = timezone.localdate()


@pytest.mark.django_db
def test_a_submitted_sheet_prints_to_a_pdf_with_the_chinese_font_embedded(org, tmp_path):
    sheet = full_sheet(org)
    sheet_submit(sheet_id=sheet.pk, by=org.rep)
    response = client_for(org.rep).get(f"/visits/{sheet.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "visit.pdf"
    path.write_bytes(response.content)
    assert shutil.which("pdffonts") and shutil.which("pdftotext"), (
        "poppler-utils is needed (./test.sh installs it)"
    )
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-CJK" in fonts and " yes yes " in fonts  # embedded, subset
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "刘组长" in text and "钱工" in text and "想了解其他网省的做法" in text


@pytest.mark.django_db
def test_another_teams_user_gets_404_for_the_pdf(org):
    sheet = full_sheet(org)
    assert client_for(org.stranger).get(f"/visits/{sheet.pk}.pdf").status_code == 404


def every_field(org) -> tuple[dict, list[str]]:
    """A sheet with every field of the schema filled, and the words each must show as."""
    fields, expected = {}, []
    for i, name in enumerate(BEFORE_TEXT + AFTER_TEXT):
        fields[name] = f"文字{i:02d}号"
        expected.append(fields[name])
    fields["date"] = TODAY.isoformat()
    expected.append(date_format(TODAY, "MONTH_DAY_FORMAT"))
    fields["state"], fields["stalled"] = "S2", "wrong_venue"
    expected += [label("state", "S2"), str(dict(STALL_REASONS)["wrong_venue"])]
    choices = {
        "state_signs": ("s2_grateful", label("sign", "s2_grateful")),
        "topics": ("roi", label("topic", "roi")),
        "other_departments": ("finance", label("function", "finance")),
        "small_activities": ("shared_car", str(dict(SMALL_ACTIVITIES)["shared_car"])),
        "resources": ("info.success_case", label("resource", "info.success_case")),
    }
    for name, (code, words) in choices.items():
        fields[name] = [code]
        expected.append(words)
    fields["our_people"], fields["our_people_before"] = [org.lead.pk], [org.director.pk]
    expected += ["王组长", "陈总监"]
    rows = {
        "must_learn__0__text": "问清预算",
        "must_learn__0__done": "1",
        "met__0__contact": org.contact.pk,
        "met__0__role": "bridge",
        "met__0__stance": "support",
        "met__0__depth": 3,
        "met__0__pains": "集采框架重谈",
        "met__0__pain_kind": "commercial",
        "met__1__new_name": "马工",
        "met__1__new_title": "物资部采购专责",
        "met__1__new_level": 1,
        "met__1__new_function": "procurement",
        "met__1__new_personality": "peacock",
        "met__1__new_reports_to": org.contact.pk,
        "next_steps__0__text": "送报告给陈处长",
        "next_steps__0__date": (TODAY + datetime.timedelta(days=6)).isoformat(),
        "next_steps__0__owner": org.director.pk,
        "next_steps__0__contact": org.boss.pk,
        "competitors__0__name": "友商甲",
        "competitors__0__how_seen": "桌上的台历",
        "asks__0__kind": "introduction",
        "asks__0__contact": org.contact.pk,
        "asks__0__text": "请引荐技术副总",
        "gifts__0__kind": "logo_souvenir",
        "gifts__0__value": "80",
        "gifts__0__contact": org.boss.pk,
        "custom-q1": "三十座变电站",
    }
    fields.update(rows)
    expected += [
        "✓ 问清预算",
        "刘组长（采购组长）",
        label("role", "bridge"),
        label("stance", "support"),
        label("depth", 3),
        "集采框架重谈",
        label("pain_kind", "commercial"),
        "马工",
        "物资部采购专责",
        label("level", 1),
        label("function", "procurement"),
        label("personality", "peacock"),
        "送报告给陈处长",
        date_format(TODAY + datetime.timedelta(days=6), "MONTH_DAY_FORMAT"),
        "赵副总（采购副总）",
        "友商甲",
        "桌上的台历",
        label("ask_kind", "introduction"),
        "请引荐技术副总",
        label("gift_kind", "logo_souvenir"),
        "¥80",
        "变电站数量？",
        "三十座变电站",
        *[str(LABELS[key]) for key in ("bant_budget", "bant_authority", "bant_need", "bant_timeline")],
    ]
    return fields, expected


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.django_db
def test_every_field_entered_shows_on_the_submitted_sheet_and_its_pdf(org, tmp_path):
    VisitTemplate.objects.create(
        team=org.team, sections=[], questions=[{"key": "q1", "text": "变电站数量？"}]
    )
    fields, expected = every_field(org)
    sheet = VisitSheet.objects.create(
        project=org.project, created_by=org.rep, data=parse_form(post(**fields))
    )
    sheet_submit(sheet_id=sheet.pk, by=org.rep)
    client = client_for(org.rep)
    page = squeezed(html.unescape(client.get(f"/visits/{sheet.pk}/").text))
    path = tmp_path / "visit.pdf"
    path.write_bytes(client.get(f"/visits/{sheet.pk}.pdf").content)
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split("\f")
    # Nothing on a page of its own by accident: every page carries a real share of the sheet.
    assert min(len(page.split()) for page in pages if page.strip()) >= 10
    text = squeezed("".join(pages))
    assert [words for words in expected if squeezed(words) not in page] == []
    assert [words for words in expected if squeezed(words) not in text] == []
    assert "-" + TODAY.strftime("%m") + "-" not in page  # no ISO dates


@pytest.mark.django_db
def test_a_sixty_second_capture_prints_on_one_page(org, tmp_path):
    fields = {
        "date": TODAY.isoformat(),
        "met__0__contact": org.contact.pk,
        "reason_met": "想了解其他网省的做法",
    }
    sheet = VisitSheet.objects.create(
        project=org.project, created_by=org.rep, quick=True, data=parse_form(post(**fields))
    )
    sheet_submit(sheet_id=sheet.pk, by=org.rep)
    path = tmp_path / "visit.pdf"
    path.write_bytes(client_for(org.rep).get(f"/visits/{sheet.pk}.pdf").content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
