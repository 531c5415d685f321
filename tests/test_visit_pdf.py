import shutil
import subprocess

import pytest

from projects.visits.services import sheet_submit

from .conftest import client_for
from .test_visit_sheet import full_sheet


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
