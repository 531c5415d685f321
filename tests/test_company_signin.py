"""Company sign-in: 钉钉, 飞书, 企业微信 or the company's own OpenID Connect server, each shown only when
configured; a person gets in only once an administrator linked their external id to a user — never by name
or email. The flows run against local fake providers (no network)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.test import Client

from salescamp.settings import providers_from_environment


class FakeProvider(BaseHTTPRequestHandler):
    """A company identity server on 127.0.0.1: OpenID Connect discovery, token and userinfo, and WeCom's
    gettoken and getuserinfo. `userinfo` is what it says about whoever signs in."""

    userinfo: dict = {}
    wecom_user: dict = {}
    calls: list = []

    def log_message(self, *args):
        pass

    def _json(self, body: dict, status: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        self.calls.append(url.path)
        base = f"http://127.0.0.1:{self.server.server_port}"
        if url.path == "/.well-known/openid-configuration":
            self._json(
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "userinfo_endpoint": f"{base}/userinfo",
                    "jwks_uri": f"{base}/jwks",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                }
            )
        elif url.path == "/userinfo":
            assert self.headers["Authorization"] == "Bearer token-for-abc"
            self._json(self.userinfo)
        elif url.path == "/cgi-bin/gettoken":
            ok = query.get("corpid") == ["ww-corp"] and query.get("corpsecret") == ["corp-secret"]
            self._json({"errcode": 0, "access_token": "corp-token"} if ok else {"errcode": 40001})
        elif url.path == "/cgi-bin/auth/getuserinfo":
            ok = query.get("access_token") == ["corp-token"] and query.get("code") == ["wecom-code"]
            self._json({"errcode": 0, **self.wecom_user} if ok else {"errcode": 40029, "errmsg": "bad code"})
        else:
            self._json({}, 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        self.calls.append(self.path)
        if self.path == "/token" and form.get("code") == ["abc"] and form.get("client_secret") == ["s3cret"]:
            self._json({"access_token": "token-for-abc", "token_type": "Bearer"})
        else:
            self._json({"error": "invalid_grant"}, 400)


@pytest.fixture
def fake_provider():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeProvider.calls = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def company_signin(settings, fake_provider):
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_environment(
        {
            "OIDC_SERVER_URL": fake_provider,
            "OIDC_NAME": "集团统一认证",
            "OIDC_CLIENT_ID": "salescamp",
            "OIDC_CLIENT_SECRET": "s3cret",
            "WECOM_CORP_ID": "ww-corp",
            "WECOM_SECRET": "corp-secret",
            "WECOM_AGENT_ID": "1000002",
        }
    )
    settings.SOCIALACCOUNT_PROVIDERS["wecom"]["APPS"][0]["settings"].update(
        login_base=fake_provider, api_base=fake_provider
    )
    return fake_provider


def sign_in(client: Client, provider_login: str, callback: str, code: str):
    """Press the company button on the sign-in page, come back from the provider with a code."""
    page = client.get("/login/").text
    assert f'action="{provider_login}' in page
    start = client.post(provider_login)
    assert start.status_code == 302
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    return start, client.get(callback, {"code": code, "state": state})


@pytest.mark.django_db
def test_the_sign_in_page_offers_only_what_is_configured(settings, company_signin):
    page = Client().get("/login/").text
    assert "集团统一认证" in page and "企业微信" in page and "钉钉" not in page and "飞书" not in page
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_environment(
        {"DINGTALK_CLIENT_ID": "ding", "FEISHU_APP_ID": "cli"}
    )
    page = Client().get("/login/").text
    assert "钉钉" in page and "飞书" in page
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert "company-signin" not in Client().get("/login/").text


@pytest.mark.django_db
def test_an_unlinked_person_is_refused_even_with_a_users_email_and_name(org, company_signin):
    FakeProvider.userinfo = {"sub": "emp-0042", "email": org.rep.email or "rep@example.com", "name": "小张"}
    org.rep.email = FakeProvider.userinfo["email"]
    org.rep.save()
    client = Client()

    start, done = sign_in(client, "/auth/oidc/company/login/", "/auth/oidc/company/login/callback/", "abc")

    assert start["Location"].startswith(f"{company_signin}/authorize?")
    assert done.status_code == 403 and "emp-0042" in done.text
    assert SESSION_KEY not in client.session
    assert not SocialAccount.objects.exists()
    assert FakeProvider.calls[-2:] == ["/token", "/userinfo"]


@pytest.mark.django_db
def test_once_linked_by_an_administrator_the_person_signs_in(org, company_signin):
    FakeProvider.userinfo = {"sub": "emp-0042", "name": "小张"}
    SocialAccount.objects.create(user=org.rep, provider="company", uid="emp-0042")
    client = Client()

    _start, done = sign_in(client, "/auth/oidc/company/login/", "/auth/oidc/company/login/callback/", "abc")

    assert done.status_code == 302 and done["Location"] == "/"
    assert client.session[SESSION_KEY] == str(org.rep.pk)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_deactivated_user_cannot_come_back_through_the_company(org, company_signin):
    FakeProvider.userinfo = {"sub": "emp-0042"}
    SocialAccount.objects.create(user=org.rep, provider="company", uid="emp-0042")
    org.rep.is_active = False
    org.rep.save()
    client = Client()
    _start, done = sign_in(client, "/auth/oidc/company/login/", "/auth/oidc/company/login/callback/", "abc")
    assert done.status_code == 403 and SESSION_KEY not in client.session


@pytest.mark.django_db
def test_wecom_members_sign_in_by_their_userid_and_outsiders_are_refused(org, company_signin):
    SocialAccount.objects.create(user=org.lead, provider="wecom", uid="WangZuZhang")
    FakeProvider.wecom_user = {"userid": "WangZuZhang"}
    client = Client()

    start, done = sign_in(client, "/auth/wecom/login/", "/auth/wecom/login/callback/", "wecom-code")

    sso = urlparse(start["Location"])
    assert sso.path == "/wwlogin/sso/login"
    assert parse_qs(sso.query)["appid"] == ["ww-corp"] and parse_qs(sso.query)["agentid"] == ["1000002"]
    assert done.status_code == 302 and client.session[SESSION_KEY] == str(org.lead.pk)

    FakeProvider.wecom_user = {"openid": "outsider"}  # someone outside the company
    outsider = Client()
    _start, refused = sign_in(outsider, "/auth/wecom/login/", "/auth/wecom/login/callback/", "wecom-code")
    assert SESSION_KEY not in outsider.session and refused.status_code == 401


@pytest.mark.django_db
def test_a_provider_that_fails_lands_on_a_page_that_says_so(org, company_signin):
    client = Client()
    _start, done = sign_in(client, "/auth/oidc/company/login/", "/auth/oidc/company/login/callback/", "wrong")
    assert SESSION_KEY not in client.session
    assert done.status_code == 401 and ("did not work" in done.text or "没有成功" in done.text)
