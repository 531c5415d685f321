"""Cross-site request forgery: a signed-in user's browser, sent a POST by another site, carries the session
cookie but not the page's token. Every URL of ours (walked from the URLconf, so a new one is covered as it
is added) answers such a POST 403 and changes nothing; the same POST with the token gets through."""

import re

import pytest
from django.apps import apps
from django.test import Client

from .html_forms import read_form
from .test_access import endpoints

TOKEN = "csrfmiddlewaretoken"
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def database_state() -> dict:
    """Every row of every table (sessions aside: a sign-in's own bookkeeping), to see that nothing changed."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.app_label != "sessions"
    }


def browser(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def page_form(client, url: str) -> tuple[dict[str, list[str]], str]:
    """The fields of the page's form as a browser would send them (no token), and the page's token (from
    any form of it, or of the desk when it has none: a plain-text answer, say)."""
    page = client.get(url)
    html = page.content.decode(errors="replace") if page.status_code == 200 else ""
    fields: dict[str, list[str]] = {}
    for name, value, _kind in read_form(html):
        if name != TOKEN:
            fields.setdefault(name, []).append(value)
    token = TOKEN_RE.search(html) or TOKEN_RE.search(client.get("/").content.decode())
    return fields, token.group(1)


@pytest.mark.django_db
def test_every_post_without_the_token_is_refused_and_changes_nothing(org):
    someone_elses_token = page_form(browser(org.teammate), "/")[1]
    refused = passed = 0
    for endpoint in endpoints(org):
        client = browser(org.lead if endpoint.by_leader else org.rep)
        fields, token = page_form(client, endpoint.form_url)
        before = database_state()
        for forged in (fields, {**fields, TOKEN: [someone_elses_token]}):
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = client.post(endpoint.url, forged, **headers)
                assert response.status_code == 403, (
                    f"POST {endpoint.url} without its token: {response.status_code}"
                )
                refused += 1
        assert database_state() == before, f"POST {endpoint.url} was refused but changed the database"
        assert client.get("/").status_code == 200, (
            f"POST {endpoint.url} without its token signed the user out"
        )
        # With the page's token the same request passes the check (whatever the view then answers).
        response = client.post(endpoint.url, {**fields, TOKEN: [token]})
        assert response.status_code != 403, f"POST {endpoint.url} with its token: 403"
        passed += 1
    assert passed >= 50
    print(f"\nCSRF walk: {refused} forged posts to {passed} URLs, all 403 and nothing changed")


@pytest.mark.django_db
def test_a_forged_sign_in_is_refused(org):
    """Login CSRF: another site signing the victim's browser in to the attacker's account."""
    client = browser()
    fields, token = page_form(client, "/login/")
    credentials = {**fields, "username": ["rep"], "password": ["pw-for-tests"]}
    assert client.post("/login/", credentials).status_code == 403
    assert client.get("/").status_code == 302  # still signed out
    assert client.post("/login/", {**credentials, TOKEN: [token]}).status_code == 302
    assert client.get("/").status_code == 200
