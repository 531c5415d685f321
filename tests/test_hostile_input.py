"""Random, oversized, wrongly typed and hostile input posted to every form and htmx endpoint, under the
names its form uses and under names no form uses, and visit sheets whose stored drafts hold hostile values
submitted: never a 500, and a refused request changes nothing.

Each endpoint draws from its own generator, seeded with HOSTILE_SEED and the URL's name, so a failure
names the seed and replays exactly: `HOSTILE_SEED=<seed> pytest tests/test_hostile_input.py`.
"""

import os
import random
from urllib.parse import quote

import pytest
from django.apps import apps
from django.utils import timezone

from projects.visits.models import VisitSheet

from .conftest import client_for
from .html_forms import read_form
from .test_access import FORM_ON, endpoints

SEED = os.environ.get("HOSTILE_SEED", "2026-12")
POSTS_PER_ENDPOINT = 6
HOSTILE_DRAFTS = 24

HUGE_NUMBER = "9" * 5000
NUMBERS = [
    "",
    " ",
    "0",
    "-1",
    "-0.01",
    "0.005",
    "1e309",
    "NaN",
    "Infinity",
    "100000000",
    "99999999999999999999",
    HUGE_NUMBER,
    str(2**63),
    "²",
    "٣",
    "１２",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
]
TEXTS = [
    "'; DROP TABLE accounts_contact; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x")',
    "\x00",
    "a\x00b",
    "\x01\x1b[31m\x7f",
    "\u202eevil\u202c",
    "\u200b\u200d\ufeff",
    "e\u0301\u0301\u0301",
    "\u2028\u2029",
    "🙂" * 50,
    "true",
    "null",
    "[]",
    '{"a": 1}',
    "../../etc/passwd",
    "%(name)s",
    "%s%s%s%n",
    "{{ 7*7 }}",
    "{% debug %}",
    "\ud800",  # a lone surrogate: sent as the bytes no UTF-8 decoder accepts
]
SAMPLES = NUMBERS + TEXTS
ODD_NAMES = [
    "unexpected",
    "pick",
    "version",
    "device",
    "force",
    "mode",
    "action",
    "delete",
    "page",
    "back",
    "next",
    "remove",
    "col-0",
    "row-2",
    "__proto__",
    "a" * 1000,
    "custom-\x00",
    "custom-" + "q" * 500,
    "met-٣-contact",
    "met--1-contact",
    "met-1e3-new_name",
    "met-9999-new_name",
    "met-10000-new_name",
    f"met-{HUGE_NUMBER}-contact",
    f"gifts-{HUGE_NUMBER}",
    f"new-{HUGE_NUMBER}",
    "form-TOTAL_FORMS",
    "form-0-text",
    "asks-TOTAL_FORMS",
]
REFUSED = {400, 403, 404, 405, 409, 413, 422, 429}
SKIP_ROUTES = ("login", "logout", "set_language")  # signing in and out and the language: not our data
NAME_ATTRIBUTE = 'name="'


def hostile_value(rng: random.Random) -> str:
    value = any_hostile_value(rng)
    if rng.random() < 0.25:  # PostgreSQL refuses NUL anywhere in text: slip one in
        cut = rng.randrange(len(value) + 1)
        value = value[:cut] + "\x00" + value[cut:]
    return value


def any_hostile_value(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(SAMPLES)
    if kind == 1:  # any characters but lone surrogates (TEXTS has one)
        return "".join(
            chr(rng.choice([rng.randrange(32, 0xD800), rng.randrange(0xE000, 0x110000)]))
            for _ in range(rng.randrange(1, 60))
        )
    if kind == 2:  # long: beyond every field's limit, some beyond the upload limit (refused with 400)
        return rng.choice([*TEXTS, "拜访", "x"]) * rng.choice([51, 101, 301, 2001, 20000])
    if kind == 3:  # numbers no database column holds (int() refuses more than 4,300 digits)
        number = rng.choice([str(rng.randint(-(2**70), 2**70)), HUGE_NUMBER])
        return rng.choice([number, f"{number}:1", f"0:{number}", f"-{number}"])
    if kind == 4:
        return "".join(rng.choice(["\x00", "\t", "\n", "\r", "\x1f", "\x7f", "\x85", " "]) for _ in range(8))
    return rng.choice(SAMPLES) + rng.choice(SAMPLES)


def form_body(fields: list[tuple[str, str]]) -> bytes:
    """urlencoded as a browser sends it, except that lone surrogates become bytes that are not UTF-8."""

    def encode(text: str) -> str:
        return quote(text.encode("utf-8", "surrogatepass"), safe="")

    return "&".join(f"{encode(name)}={encode(value)}" for name, value in fields).encode()


def hostile_payload(
    rng: random.Random, names: list[str], untouched: dict[str, str], odd_names: list[str]
) -> list[tuple[str, str]]:
    """The form as a browser would send it (`untouched`), most of its fields and of the page's other field
    names given hostile values, plus names that no form has."""
    payload = []
    for name in names:
        keep = 0.8 if name.rsplit("-", 1)[-1] == "version" else 0.4
        if rng.random() > keep:
            payload.append((name, hostile_value(rng)))
        elif name in untouched:  # e.g. the version the form was opened at, so saves get through
            payload.append((name, untouched[name]))
    payload.append((hostile_value(rng)[:200], hostile_value(rng)))  # a hostile name
    # An odd name always carries something visible: a blank value would be skipped before it could harm.
    return payload + [(name, visible(hostile_value(rng))) for name in odd_names]


def visible(value: str) -> str:
    return value if any(ch.isprintable() and not ch.isspace() for ch in value) else value + "1"


def odd_names_per_post(rng: random.Random, posts: int) -> list[list[str]]:
    """Every odd name once over an endpoint's posts, in a random order."""
    names = rng.sample(ODD_NAMES, k=len(ODD_NAMES))
    return [names[i::posts] for i in range(posts)]


def form_names(html: str) -> list[str]:
    names = {part.split('"', 1)[0] for part in html.split(NAME_ATTRIBUTE)[1:]}
    return sorted(names - {"csrfmiddlewaretoken", "language", "q"})


def post_targets(org):
    """(url name, url, the url of the page whose form posts there, client) for every endpoint of ours that
    takes a POST."""
    owner, leader = client_for(org.rep), client_for(org.lead)
    for endpoint in endpoints(org):
        if endpoint.name in SKIP_ROUTES:
            continue
        client = leader if endpoint.by_leader else owner
        status = client.get(endpoint.url).status_code
        if status == 405:
            assert endpoint.name in FORM_ON, (
                f"{endpoint.name} takes only POSTs: add its form's page to FORM_ON"
            )
        if status in (200, 405):
            yield endpoint.name, endpoint.url, endpoint.form_url, client


def opened(client, url: str) -> tuple[list[str], dict[str, str]]:
    """The field names on the page (every form of it), and its main form as a browser would send it."""
    page = client.get(url)
    if page.status_code != 200:
        return [], {}
    html = page.content.decode(errors="replace")
    return form_names(html), {name: value for name, value, _kind in read_form(html)}


def row_counts() -> dict:
    return {
        model._meta.label: model._default_manager.count()
        for label in ("projects", "accounts", "salescamp")
        for model in apps.get_app_config(label).get_models()
    }


def replay_hint(url_name: str, example: int) -> str:
    return f"HOSTILE_SEED={SEED!r}, endpoint {url_name!r}, example {example}"


def check_post(client, url: str, body: bytes, htmx: bool, hint: str):
    # A crash answers 500 with the seed in the message (its traceback is logged).
    client.raise_request_exception = False
    before = row_counts()
    response = client.post(
        url,
        body,
        content_type="application/x-www-form-urlencoded",
        **({"HTTP_HX_REQUEST": "true"} if htmx else {}),
    )
    assert response.status_code < 500, f"POST {url} → {response.status_code} ({hint})"
    if response.status_code in REFUSED:
        assert row_counts() == before, (
            f"POST {url} refused ({response.status_code}) but changed rows ({hint})"
        )
    return response


@pytest.mark.django_db
def test_hostile_posts_to_every_endpoint_never_break_it_and_refusals_save_nothing(org):
    targets = list(post_targets(org))
    assert len(targets) >= 40
    posts = saved = 0
    for url_name, url, form_url, client in targets:
        rng = random.Random(f"{SEED}:{url_name}")
        odd = odd_names_per_post(rng, POSTS_PER_ENDPOINT)
        names, untouched = opened(client, form_url)
        for example in range(POSTS_PER_ENDPOINT):
            body = form_body(hostile_payload(rng, names, untouched, odd[example]))
            response = check_post(client, url, body, rng.random() < 0.5, replay_hint(url_name, example))
            posts += 1
            if response.status_code not in REFUSED:  # saved: the form now holds a new version
                saved += 1
                names, untouched = opened(client, form_url)
    assert saved >= 20  # the walk reaches the saves, not only the refusals
    print(
        f"\nhostile input (seed {SEED!r}): {posts} posts to {len(targets)} endpoints, {saved} saved, no 500"
    )


def valid_sheet_fields(org) -> dict[str, str]:
    """A sheet that submits: the hostile values go into it, so submit reaches the database with them."""
    return {
        "date": timezone.localdate().isoformat(),
        "purpose": "了解需求",
        "reason_met": "想了解其他网省的做法",
        "hooks": "下周送案例",
        "state": "S2",
        "met-0-contact": str(org.contact.pk),
        "met-0-role": "bridge",
        "met-0-depth": "2",
        "met-0-pains": "可靠性",
        "met-1-new_name": "钱工",
        "met-1-new_title": "专责",
        "met-1-new_level": "1",
        "met-1-new_reports_to": str(org.contact.pk),
        "our_people": str(org.rep.pk),
        "next_steps-0-text": "技术交流",
        "next_steps-0-owner": str(org.rep.pk),
        "asks-0-text": "请引荐",
        "asks-0-contact": str(org.contact.pk),
        "gifts-0-kind": "logo_souvenir",
        "gifts-0-value": "80",
        "gifts-0-contact": str(org.contact.pk),
        "competitors-0-name": "友商A",
        "competitors-0-how_seen": "台历",
        "custom-q1": "十二座",
        "device": "phone",
    }


@pytest.mark.django_db
def test_visit_sheets_with_hostile_drafts_are_refused_or_submitted_never_a_500(org):
    """A draft is kept as typed, so whatever a hostile post stored must still be refused by submit beside
    its field, or applied: never a 500, and a refused submit changes nothing."""
    client = client_for(org.rep)
    base = valid_sheet_fields(org)
    rng = random.Random(f"{SEED}:visit_submit")
    outcomes = {"submitted": 0, "refused": 0}
    for example in range(HOSTILE_DRAFTS):
        hint = replay_hint("visit_submit", example)
        sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
        fields = {**base, "met-1-new_name": f"钱工{example}"}  # a new person each time, not a duplicate
        for name in rng.sample(sorted(base), k=rng.randrange(1, 4)):
            fields[name] = hostile_value(rng)
        odd = hostile_payload(rng, [], {}, rng.sample(ODD_NAMES, k=3)) if rng.random() < 0.3 else []
        payload = [("version", "1"), *fields.items(), *odd]
        check_post(client, f"/visits/{sheet.pk}/edit/", form_body(payload), False, hint)
        sheet.refresh_from_db()
        preview = client.get(f"/visits/{sheet.pk}/submit/")
        assert preview.status_code in (200, 422), f"GET submit → {preview.status_code} ({hint})"
        response = check_post(
            client, f"/visits/{sheet.pk}/submit/", form_body([("version", str(sheet.version))]), False, hint
        )
        sheet.refresh_from_db()
        outcomes["submitted" if sheet.status == "submitted" else "refused"] += 1
        assert response.status_code in (302, 422), f"submit → {response.status_code} ({hint})"
        shown = client.get(f"/visits/{sheet.pk}/")
        assert shown.status_code == 200, f"the sheet → {shown.status_code} ({hint})"
    assert outcomes["submitted"] and outcomes["refused"], outcomes
    print(f"\nhostile drafts (seed {SEED!r}): {outcomes}, no 500")
