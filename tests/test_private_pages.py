"""Signed-in answers stay private (no cache keeps them, no powerful browser feature, a strict CSP on every
page kind); a sign-in ends after a working day idle and when the browser closes; users change their own
password; a GET never writes."""

import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from projects.visits.models import VisitSheet
from salescamp.middleware import RENEW_AFTER, RENEWED_KEY

from .conftest import client_for
from .test_access import ids_by_kwarg, walk_patterns


def every_get(org):
    """Each URL of ours (the admin aside) with real ids, as the team lead who may open all of them."""
    ids = {**ids_by_kwarg(org), "provider_id": "company"}  # the company sign-in's OpenID Connect server
    for route, pattern in walk_patterns():
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)  # path() converters and re_path() groups alike
        yield route, reverse(pattern.name, kwargs={name: ids[name] for name in names})


@pytest.mark.django_db
def test_every_answer_is_private_and_every_page_has_the_strict_policy(org):
    client = client_for(org.lead)
    pages = 0
    for route, url in every_get(org):
        response = client.get(url)
        cache = response.headers.get("Cache-Control", "")
        assert "no-store" in cache and "private" in cache, f"GET {url} ({route}): Cache-Control {cache!r}"
        assert "camera=()" in response.headers.get("Permissions-Policy", ""), f"GET {url} ({route})"
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            policy = response.headers.get("Content-Security-Policy", "")
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy, f"GET {url} ({route})"
            assert "frame-ancestors 'none'" in policy, f"GET {url} ({route})"
            pages += 1
    assert pages >= 20
    print(f"\n{pages} HTML pages, each private with the strict policy")


@pytest.mark.django_db
def test_exports_and_pdfs_are_not_kept_by_any_cache(org):
    client = client_for(org.lead)
    for url in (
        reverse("plan_pdf", args=[org.project.pk]),
        reverse("team_desk_csv"),
        reverse("team_desk_xlsx"),
        reverse("team_desk_pdf"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_a_sign_in_ends_when_the_browser_closes_and_after_eight_idle_hours(org):
    client = Client()
    client.post("/login/", {"username": "rep", "password": "pw-for-tests"})
    cookie = client.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    session = Session.objects.get()
    left = (session.expire_date - session.expire_date.now(session.expire_date.tzinfo)).total_seconds()
    assert 8 * 3600 - 60 < left <= 8 * 3600


@pytest.mark.django_db
def test_using_the_app_renews_the_sign_in_but_not_on_every_request(org):
    client = client_for(org.rep)
    session = client.session
    session[RENEWED_KEY] = int(time.time()) - RENEW_AFTER - 1
    session.save()
    Session.objects.update(expire_date=Session.objects.get().expire_date.replace(year=2000 + 30))
    before = Session.objects.get().expire_date

    client.get("/")
    renewed = Session.objects.get().expire_date
    assert renewed != before  # stamped afresh: eight hours from now

    client.get("/")
    assert Session.objects.get().expire_date == renewed  # a minute later: no write


@pytest.mark.django_db
def test_a_user_changes_their_password_and_other_devices_are_signed_out(org):
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        client.post("/login/", {"username": "rep", "password": "pw-for-tests"})
    assert here.get(reverse("password_change")).status_code == 200
    assert "修改密码" in here.get("/").content.decode()

    response = here.post(
        reverse("password_change"),
        {
            "old_password": "pw-for-tests",
            "new_password1": "春天的第一单-2026",
            "new_password2": "春天的第一单-2026",
        },
    )

    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302
    assert Client().post("/login/", {"username": "rep", "password": "春天的第一单-2026"}).status_code == 302


@pytest.mark.django_db
def test_opening_the_sixty_second_form_by_link_writes_nothing(org, rep_client):
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)

    assert rep_client.get(reverse("visit_edit", args=[sheet.pk]) + "?mode=quick").status_code == 200

    sheet.refresh_from_db()
    assert (sheet.quick, sheet.version, sheet.history.count()) == (False, 1, 1)
    response = rep_client.post(
        reverse("visit_edit", args=[sheet.pk]), {"version": 1, "mode": "quick", "reason_met": "聊到预算"}
    )
    sheet.refresh_from_db()
    assert response.status_code == 302 and sheet.quick and sheet.data["reason_met"] == "聊到预算"
