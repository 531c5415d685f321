"""Crafted numbers and control characters, as only a hand-made request sends them: a 5,000-digit id in a
field's name, in a form value or in a query string is no such thing (never a 500: Python refuses to turn
more than 4,300 digits into an int), and a NUL byte never reaches PostgreSQL, which refuses it."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from projects.visits.models import VisitSheet
from salescamp.editing import MAX_ID, parse_id

from .conftest import client_for
from .plan_helpers import plan_rows

HUGE = "9" * 5000


def post_form(client, url: str, fields: dict):
    """As a browser posts a form (urlencoded): a 5,000-digit field name fits, unlike in a multipart header."""
    return client.post(url, urlencode(fields, doseq=True), content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("42", 42),
        (" 42 ", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        (HUGE, None),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("1e3", None),
        ("", None),
        (None, None),
    ],
)
def test_an_id_typed_by_a_browser_is_ascii_digits_the_database_can_hold(typed, read):
    assert parse_id(typed) == read


@pytest.mark.django_db
def test_a_5000_digit_row_number_or_pick_in_a_sheet_is_ignored_and_the_draft_is_saved(org):
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    client = client_for(org.rep)
    fields = {
        "version": sheet.version,
        "purpose": "了解需求",
        f"met-{HUGE}-new_name": "王工",
        f"met-{HUGE}": "x",
        "met-0-contact": org.contact.pk,
    }
    for which, pick in enumerate((f"{HUGE}:{org.contact.pk}", f"0:{HUGE}", f"{HUGE}:{HUGE}")):
        sheet.refresh_from_db()
        response = post_form(
            client, f"/visits/{sheet.pk}/edit/", {**fields, "version": sheet.version, "pick": pick}
        )
        assert response.status_code == 302, f"pick number {which}"
        sheet.refresh_from_db()
        assert sheet.data["purpose"] == "了解需求"
        assert sheet.data["met"] == [{**sheet.data["met"][0], "contact": str(org.contact.pk)}]
    saved = post_form(client, f"/visits/{sheet.pk}/autosave/", {**fields, "version": sheet.version})
    assert saved.status_code == 200
    stale = post_form(client, f"/visits/{sheet.pk}/autosave/", {**fields, "version": HUGE})
    assert stale.status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "param", "expected"),
    [
        # A team one does not manage is 404 (whether or not it exists); a rep not in it, a note on the page.
        ("team_desk", "team", 404),
        ("team_desk_csv", "team", 404),
        ("team_desk_xlsx", "team", 404),
        ("team_desk_pdf", "team", 404),
        ("team_desk", "rep", 200),
        ("team_desk_csv", "rep", 200),
        ("plan_compare", "a", 404),
        ("plan_compare", "b", 404),
        ("plan_pdf", "version", 404),
        ("project_create", "account", 200),
        ("member_add", "contact", 200),
        ("account_list", "page", 200),
    ],
)
def test_a_5000_digit_id_in_a_query_string_finds_nothing_and_never_breaks_the_page(
    org, name, param, expected
):
    rows = plan_rows(org)
    kwargs = {"project_id": org.project.pk} if name in ("plan_compare", "plan_pdf", "member_add") else {}
    client = client_for(org.lead)
    assert client.get(reverse(name, kwargs=kwargs), {param: HUGE}).status_code == expected
    real = {
        "team": org.team.pk,
        "rep": org.rep.pk,
        "a": rows["submission"].number,
        "b": rows["submission"].number,
        "version": rows["submission"].number,
        "account": org.account.pk,
        "contact": org.contact.pk,
        "page": 1,
    }
    # The real id is read, so the page is not simply refusing every input.
    assert client.get(reverse(name, kwargs=kwargs), {param: real[param]}).status_code == 200


@pytest.mark.django_db
def test_a_nul_in_a_custom_question_or_the_device_name_never_reaches_the_database(org):
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    client = client_for(org.rep)
    response = client.post(
        f"/visits/{sheet.pk}/edit/",
        {"version": 1, "custom-q\x001": "变电站\x00 12 座", "device": "pho\x00ne", "note": "a\x00b"},
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.data["custom"] == {"q1": "变电站 12 座"}
    assert sheet.data["_device"] == "phone" and sheet.data["note"] == "ab"
    saved = client.post(
        f"/visits/{sheet.pk}/autosave/",
        {"version": sheet.version, "custom-\x00q2": "\x00有", "device": "phone\x00"},
    )
    assert saved.status_code == 200
    sheet.refresh_from_db()
    assert sheet.data["custom"] == {"q2": "有"} and sheet.data["_device"] == "phone"
