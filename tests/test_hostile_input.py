"""Random, oversized, wrongly typed and hostile input posted to every form and htmx endpoint: never a 500,
and a refused request changes nothing."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .conftest import client_for
from .test_access import ids_by_kwarg, walk_patterns

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=20, max_size=80),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "-0.01",
            "1e309",
            "NaN",
            "99999999999999999999",
            "2026-02-30",
            "0000-00-00",
            "'; DROP TABLE accounts_contact; --",
            "<script>alert(1)</script>",
            "\x00\x01\x1b",
            "🙂" * 50,
            "true",
            "null",
            "[]",
            "{}",
            "../../etc/passwd",
            "%(name)s",
            "{{ 7*7 }}",
        ]
    ),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)
NAME_RE = re.compile(r'name="([^"]+)"')
REFUSED = {400, 403, 404, 405, 409, 413, 422, 429}
# auth/oidc/ is allauth's own OpenID Connect sign-in, named by a regex group this walk does not fill.
SKIP_ROUTES = ("login/", "logout/", "i18n/setlang/", "auth/oidc/")


def post_targets(org):
    """(url, field names) for every route of ours that accepts a POST, read from its GET form."""
    ids = ids_by_kwarg(org)
    owner, leader = client_for(org.rep), client_for(org.lead)
    for route, pattern in walk_patterns():
        if route.startswith(SKIP_ROUTES) or not pattern.name:
            continue
        if not set(pattern.pattern.converters) <= set(ids):
            continue  # the URL walk in test_access fails loudly until the new kind of id is added there
        kwargs = {name: ids[name] for name in pattern.pattern.converters}
        url = reverse(pattern.name, kwargs=kwargs)
        client = leader if "team_id" in kwargs else owner
        page = client.get(url)
        names = (
            sorted(set(NAME_RE.findall(page.content.decode(errors="replace"))))
            if page.status_code == 200
            else []
        )
        names = [n for n in names if n not in {"csrfmiddlewaretoken", "language", "next", "q"}]
        if page.status_code in (200, 405):
            yield url, names, client


def row_counts() -> dict:
    return {
        m._meta.label: m._default_manager.count() for m in apps.get_app_config("projects").get_models()
    } | {m._meta.label: m._default_manager.count() for m in apps.get_app_config("accounts").get_models()}


def attack(url: str, names: list[str], client):
    """Six hostile posts to one endpoint: a few fields each, so hypothesis never runs out of room."""

    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.generate],
    )
    @given(
        payload=st.fixed_dictionaries({name: HOSTILE for name in [*names, "unexpected"]}), htmx=st.booleans()
    )
    def run(payload, htmx):
        before = row_counts()
        response = client.post(url, payload, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
        assert response.status_code < 500, f"POST {url} → {response.status_code}"
        if response.status_code in REFUSED:
            assert row_counts() == before, f"POST {url} refused ({response.status_code}) but changed rows"

    run()


@pytest.mark.django_db
def test_hostile_input_never_breaks_a_page_and_refusals_save_nothing(org):
    targets = list(post_targets(org))
    assert len(targets) >= 15
    for url, names, client in targets:
        attack(url, names, client)
    print(f"\nhostile input: 6 random posts to each of {len(targets)} endpoints, no 500")
