import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import Account, Contact
from salescamp.models import User

from .conftest import client_for


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "客户"), ("en", "Accounts")])
def test_pages_render_in_both_languages(org, rep_client, language, expected):
    rep_client.cookies["django_language"] = language
    for url in ("/", "/accounts/", f"/accounts/{org.account.pk}/", f"/contacts/{org.contact.pk}/edit/"):
        response = rep_client.get(url)
        assert response.status_code == 200, url
        assert expected in response.text
        assert f'<html lang="{language}">' in response.text


@pytest.mark.django_db
def test_chinese_is_the_default_and_english_is_one_click_away(org, rep_client):
    assert "工作台" in rep_client.get("/").text
    response = rep_client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/"})
    assert response.status_code == 302
    assert "Accounts" in rep_client.get("/accounts/").text


@pytest.mark.django_db
def test_sign_in_page_and_anonymous_redirect(client):
    assert client.get("/").status_code == 302
    assert client.get("/login/").status_code == 200
    assert client.get("/ping/").content == b"pong"


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_holds_the_lesson_12_example(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Account.objects.count(), Contact.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Account.objects.count(), Contact.objects.count()) == counts
    northeast = Account.objects.get(name="国网东北分部")
    names = set(northeast.contacts.values_list("name", flat=True))
    assert {"壁工", "A主任", "交采中心某工", "刘组长", "赵副总", "钱副总", "孙总"} <= names
    assert Contact.objects.get(name="壁工").reports_to.name == "A主任"
    assert User.objects.get(username="xiaozhang").rank == 1


@pytest.mark.django_db
def test_admin_lists_every_model(client):
    admin = User.objects.create_superuser("root", password="pw")
    client.force_login(admin)
    ours = [
        model
        for app in ("salescamp", "accounts", "projects")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]
    assert len(ours) >= 20
    for model in ours:
        path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_the_user_switches(org, rep_client):
    assert "工作台" in rep_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").text
    rep_client.cookies["django_language"] = "en"
    assert "My desk" in rep_client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").text


@pytest.mark.django_db
def test_password_guessing_is_throttled_after_five_failures(client):
    User.objects.create_user("victim", password="right-password-123")
    for _ in range(4):
        assert client.post("/login/", {"username": "victim", "password": "wrong"}).status_code == 200
    assert client.post("/login/", {"username": "victim", "password": "wrong"}).status_code == 429
    locked = client.post("/login/", {"username": "victim", "password": "right-password-123"})
    assert locked.status_code == 429
    assert "15" in locked.content.decode()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(org, rep_client):
    policy = rep_client.get("/").headers["Content-Security-Policy"]
    # No inline script may run; a nonce is added to the header only on pages that use one.
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_the_admin_is_for_staff_only(org, rep_client):
    response = rep_client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_every_message_of_the_chinese_catalogue_is_translated():
    """No msgid left empty or fuzzy (a fuzzy entry is not used: the page would show English)."""
    catalogue = (Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po").read_text()
    missing = []
    for entry in catalogue.split("\n\n")[1:]:  # the first is the header
        lines = entry.strip().splitlines()
        starts = [n for n, line in enumerate(lines) if line.startswith("msgstr")]
        if not starts:
            continue
        translated = "".join(re.findall(r'"(.*)"', "\n".join(lines[starts[0] :])))
        if "#, fuzzy" in entry or not translated:
            missing.append(entry)
    assert not missing, missing[:5]


@pytest.mark.django_db
@pytest.mark.parametrize("hops", [1, 2])
def test_behind_the_proxy_an_attacker_locks_out_only_themselves(client, settings, hops):
    """Behind the documented TLS proxy (BEHIND_TLS_PROXY), five wrong passwords from one address must not
    lock the real user out from another, whatever the attacker writes into X-Forwarded-For."""
    from salescamp.settings import client_address_settings

    for name, value in client_address_settings(True, hops).items():
        setattr(settings, name, value)
    User.objects.create_user("victim", password="right-password-123")
    proxies = ", ".join(["10.0.0.2"] * (hops - 1))

    def login(client_address: str, password: str, spoofed: str = ""):
        chain = ", ".join(part for part in (spoofed, client_address, proxies) if part)
        return client.post(
            "/login/",
            {"username": "victim", "password": password},
            REMOTE_ADDR="10.0.0.1",  # every request reaches the app from the proxy
            HTTP_X_FORWARDED_FOR=chain,
        )

    for _ in range(5):
        login("203.0.113.9", "wrong", spoofed="198.51.100.7")  # the attacker, pretending to be the victim
    assert login("203.0.113.9", "right-password-123").status_code == 429  # the attacker is locked out
    assert login("198.51.100.7", "right-password-123").status_code == 302  # the victim is not


def test_without_a_proxy_the_forwarded_header_is_not_believed():
    from salescamp.settings import client_address_settings

    assert client_address_settings(False, 1) == {"AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"]}


def test_redis_url_puts_the_shared_cache_in_redis_and_nothing_else_changes():
    import subprocess
    import sys

    from django.conf import settings as configured

    probe = "\n".join(
        [
            "import django",
            "django.setup()",
            "from django.conf import settings",
            "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
        ]
    )
    env = {**os.environ, "REDIS_URL": "redis://cache-host:6379/0"}
    env["DJANGO_SETTINGS_MODULE"] = "salescamp.settings"
    shown = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown == ["django.core.cache.backends.redis.RedisCache", "redis://cache-host:6379/0"]
    assert configured.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db
def test_an_unchosen_select_reads_in_chinese(org):
    # Django 6.1's "- Select an option -" has no Chinese in Django's catalogue yet; ours carries it.
    page = client_for(org.lead).get(f"/teams/{org.team.pk}/robots/").content.decode()
    assert "- 请选择 -" in page and "Select an option" not in page
