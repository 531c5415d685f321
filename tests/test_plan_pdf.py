"""The plan as an A4 PDF: Chinese in an embedded CJK font, every section, versions from their snapshot,
and nothing fetched from anywhere but our static files."""

import io
import logging
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from pypdf import PdfReader

from projects import printing
from projects.plans import pdf, review
from projects.plans.models import PLAN_SECTIONS
from projects.printing import StaticFileNotServed, static_path

from .factories import ChainMemberFactory, ContactFactory
from .plan_helpers import live, plan_rows


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def get_pdf(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return response.content


@pytest.mark.django_db
def test_the_pdf_holds_the_chain_every_section_and_the_review_comments(org, rep_client):
    plan_rows(org)  # competitors, tender, exchange table, v1 with a comment on the chain
    rep_client.cookies["django_language"] = "en"
    body = get_pdf(rep_client, f"/projects/{org.project.pk}/plan.pdf")
    text = pdf_text(body)
    for name in ("国网东北分部", "配电自动化项目", "刘组长", "赵副总", "采购组长", "友商A", "桥梁找对了"):
        assert name in text, name
    with translation.override("en"):
        for _code, label in PLAN_SECTIONS:
            assert str(label) in text, label
    assert "Relationship not at parity" in text and "PARITY_GAP" not in text  # warnings, in words
    assert "1 / " in text  # page numbers in the footer


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs poppler-utils' pdffonts")
def test_the_cjk_font_is_embedded_as_a_subset(org, rep_client, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(get_pdf(rep_client, f"/projects/{org.project.pk}/plan.pdf"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines() if "Noto-Sans-CJK" in line]
    assert rows, fonts
    # name type… emb sub uni: the font is embedded ("yes") as a subset (name prefixed "ABCDEF+").
    assert all(row[0][6] == "+" for row in rows)
    assert all(row[-5:-3] == ["yes", "yes"] for row in rows), fonts


@pytest.mark.django_db
def test_a_versions_pdf_renders_from_its_snapshot_and_never_changes(org, rep_client):
    review.plan_submit(project=org.project, by=org.rep)
    org.contact.name = "刘处长"
    org.contact.save()
    org.project.competitors.create(name="新友商")
    version = pdf_text(get_pdf(rep_client, f"/projects/{org.project.pk}/plan.pdf?version=1"))
    assert "刘组长" in version and "刘处长" not in version and "新友商" not in version
    current = pdf_text(get_pdf(rep_client, f"/projects/{org.project.pk}/plan.pdf"))
    assert "刘处长" in current and "新友商" in current


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["9", "abc", "-1"])
def test_an_unknown_version_is_404(org, rep_client, version):
    assert rep_client.get(f"/projects/{org.project.pk}/plan.pdf", {"version": version}).status_code == 404


@pytest.mark.django_db
def test_strangers_get_404(org):
    from .conftest import client_for

    for user in (org.stranger, org.teammate):
        assert client_for(user).get(f"/projects/{org.project.pk}/plan.pdf").status_code == 404


def test_weasyprint_is_only_ever_served_our_static_files():
    assert static_path("https://static.invalid/css/print.css").name == "print.css"
    for url in (
        "https://fonts.googleapis.com/css?family=Noto",
        "file:///etc/passwd",
        "https://static.invalid/../../etc/passwd",
        "https://static.invalid/css/missing.css",
    ):
        with pytest.raises(StaticFileNotServed):
            static_path(url)


def test_the_print_stylesheet_sets_chinese_in_noto_sans_cjk():
    css = static_path("https://static.invalid/css/print.css").read_text()
    assert '"Noto Sans CJK SC"' in css and "@page" in css and "counter(pages)" in css
    assert "table-header-group" in css and "break-inside: avoid" in css


@pytest.mark.django_db
def test_the_pdfs_anchors_are_unique_and_every_link_lands(org, rep_client, caplog):
    plan_rows(org)
    # Two warnings of one code on one section (no resource for either key contact) once shared an id.
    org.project.members.exclude(pk=org.member.pk).update(roles=["key"])
    other = ContactFactory(account=org.account, name="钱主任", title="主任", level=2, reports_to=org.boss)
    ChainMemberFactory(project=org.project, contact=other, roles=["key"])
    version = live(org.project)
    html = pdf.plan_html(version=version)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    links = re.findall(r' href="#([^"]+)"', html)
    assert links and set(links) <= set(ids)  # the chain cards link to their warnings in the list
    assert [w.code for w in version.warnings].count("KEY_CONTACT_NO_RESOURCE") == 2
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        get_pdf(rep_client, f"/projects/{org.project.pk}/plan.pdf")
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]


def test_weasyprint_gets_the_lighter_user_agent_stylesheet_and_still_numbers_lists():
    import weasyprint

    html_class = printing._html_class()
    # If this fails, WeasyPrint changed shape: PDFs still render, only slower (see printing._html_class).
    assert html_class is not weasyprint.HTML
    body = html_class(string="<ol><li>一</li><li>二</li></ol>").write_pdf()
    assert "2." in pdf_text(body)
