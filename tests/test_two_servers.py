"""Two application servers on one PostgreSQL: a change written through one is what the other shows on the
very next request. Nothing a page shows is kept inside a web process."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from projects.deals.models import Project

from .test_editors import read_form

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    """gunicorn with production settings (DEBUG off) on a free port, against the test database."""

    def __init__(self):
        self.port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "FAST_PASSWORD_HASHER": "1",
        }
        # No control socket: two gunicorns on one machine would share its default path.
        command = [sys.executable, "-m", "gunicorn", "salescamp.wsgi:application", "--no-control-socket"]
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop(), after the server)
        self.process = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self) -> None:
        # Generous: on a busy two-core CI machine a worker's first import of Django and the app takes a while.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                urllib.request.urlopen(self.url("/ping/"), timeout=5).read()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.log.seek(0)
        raise AssertionError(f"gunicorn did not start:\n{self.log.read().decode(errors='replace')[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


def fetch(url: str, cookies: dict, data: dict | None = None) -> tuple[int, str, dict]:
    """One request with our own cookie header (the session cookie is Secure, and this is plain HTTP)."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    request = urllib.request.Request(url, data=body, headers={"Cookie": cookie})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=20)
    except urllib.error.HTTPError as error:
        response = error
    new = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, value = header.split(";", 1)[0].split("=", 1)
        new[name] = value
    return response.status, response.read().decode(), new


@pytest.fixture
def servers():
    if connection.vendor != "postgresql":
        pytest.skip("two servers share one PostgreSQL; the test database here is not one")
    pair = [Server(), Server()]
    try:
        for server in pair:
            server.wait()
        yield pair
    finally:
        for server in pair:
            server.stop()


def test_a_change_through_one_server_shows_on_the_other_at_once(org, servers):
    first, second = servers
    signed_in = Client()
    signed_in.force_login(org.rep)
    cookies = {"sessionid": signed_in.cookies["sessionid"].value}
    page = f"/projects/{org.project.pk}/"
    status, html, _ = fetch(second.url(page), cookies)
    assert status == 200 and org.project.name in html  # the second server has drawn the page once

    edit = f"/projects/{org.project.pk}/edit/?part=basics"
    status, form, new_cookies = fetch(first.url(edit), cookies)
    assert status == 200
    cookies.update(new_cookies)
    data = {name: value for name, value, _kind in read_form(form)}
    data["name"] = "配电自动化项目（二期）"
    status, _body, _ = fetch(first.url(edit), cookies, data)
    assert status in (200, 302), _body[:500]
    assert Project.objects.get(pk=org.project.pk).name == "配电自动化项目（二期）"

    status, html, _ = fetch(second.url(page), cookies)
    assert status == 200 and "配电自动化项目（二期）" in html
    status, html, _ = fetch(second.url("/projects/"), cookies)
    assert "配电自动化项目（二期）" in html
