"""An outside attack on a running 大客户作战台, as an attacker with a browser's tools would make it: plain
HTTP requests (no Django inside), plus the two command-line doors an operator opens (check_plan, import_plan).

It expects the server docs/security.md describes: DEBUG off, gunicorn, PostgreSQL, `manage.py seed_demo`
data, and two extra users (xiaowang: a rep of 电网一组 who owns nothing; nobody: in no team). A second
server of the same database behind a pretend proxy (BEHIND_TLS_PROXY=1) lets the lockout be tried the way
production runs. Every attempt is counted by category; what did not hold is listed; exit 1 if anything.

    python docs/security/attack.py --base http://127.0.0.1:8961 --proxy-base http://127.0.0.1:8962
"""

import argparse
import concurrent.futures
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from html import unescape
from html.parser import HTMLParser

import requests

PASSWORD = "demo-2026"
OWNER, LEAD, DIRECTOR = "xiaozhang", "wangzuzhang", "chenzongjian"
OTHER_TEAM, SAME_TEAM, NO_TEAM = "xiaoli", "xiaowang", "nobody"
# What the demo's 电网一组 holds: shown to anyone outside the team, it is a leak.
TEAM_ONE = [
    "国网东北分部",
    "国网辽宁电力",
    "国网吉林电力",
    "配电自动化集采项目",
    "变电站巡检机器人",
    "钱副总",
    "交采中心某工",
]
# What only those who see 小张's projects may read (a teammate of his sees the accounts, not the deals).
PROJECT_ONLY = [
    "配电自动化集采项目",
    "变电站巡检机器人",
    "配网故障指示器",
    "配网运维平台",
    "只希望这个项目能够平安落地",
]
SKIP = ("/logout/", "/static/", "/i18n/", "/admin/", "/login/", "/password/")
LINK_RE = re.compile(r'(?:href|hx-get|hx-post|action|data-autosave-url)="(/[^"#]*)"')
HUGE = "9" * 5000
EVIL = "https://evil.example/x"


# ---- the attacker's browser ------------------------------------------------------------------------------


class Browser:
    """A cookie-keeping HTTP client. The server marks its cookies Secure (DEBUG is off) and this attack speaks
    plain HTTP to the app's port, so the cookies are sent back regardless, as any hand-made client can."""

    def __init__(self, base: str, username: str | None = None, headers: dict | None = None):
        self.base, self.username = base, username
        self.session = requests.Session()
        self.session.headers.update(headers or {})
        if username:
            self.login(username)

    def request(self, method: str, path: str, headers: dict | None = None, **kwargs) -> requests.Response:
        response = self.session.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=180, **kwargs
        )
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def token(self) -> str:
        if "csrftoken" not in self.session.cookies:
            self.get("/login/")
        return self.session.cookies.get("csrftoken", "")

    def post(self, path: str, data=None, *, token: str | None = "mine", htmx=False, headers=None, **kw):
        sent = dict(headers or {})
        if token == "mine":
            token = self.token()
        if token:
            sent["X-CSRFToken"] = token
        if htmx:
            sent["HX-Request"] = "true"
        return self.request("POST", path, data=data, headers=sent, **kw)

    def login(self, username: str, password: str = PASSWORD, headers: dict | None = None):
        self.get("/login/")
        response = self.post("/login/", {"username": username, "password": password}, headers=headers)
        if username == self.username and response.status_code != 302:
            raise SystemExit(f"cannot sign in as {username}: {response.status_code}")
        return response


class Forms(HTMLParser):
    """Every POST form of a page: its action and its fields as a browser would send them untouched, with
    the text fields and their maxlength."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form = self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.form = {"action": a.get("action") or "", "fields": [], "texts": {}}
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.form["fields"].append([a["name"], a.get("value") or ""])
                if kind in ("text", "search", "email", "tel", "url") and "__i__" not in a["name"]:
                    self.form["texts"][a["name"]] = int(a.get("maxlength") or 10_000)
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], "", int(a.get("maxlength") or 100_000)]
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, False]
        elif tag == "option" and self.select:
            if self.select[1] is None:
                self.select[1] = a.get("value") or ""
            if "selected" in a:
                self.form["fields"].append([self.select[0], a.get("value") or ""])
                self.select[2] = True

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None and self.form is not None:
            name, value, limit = self.textarea
            self.form["fields"].append([name, value.strip("\n")])
            if "__i__" not in name:
                self.form["texts"][name] = limit
            self.textarea = None
        elif tag == "select" and self.select:
            if not self.select[2] and self.select[1] and self.form is not None:
                self.form["fields"].append([self.select[0], self.select[1]])
            self.select = None
        elif tag == "form":
            self.form = None


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return [f for f in parser.forms if not f["action"].startswith(("/logout/", "/i18n/"))]


# ---- the tally -------------------------------------------------------------------------------------------


class Tally:
    def __init__(self, verbose: bool = False):
        self.verbose = verbose
        self.attempts: Counter = Counter()
        self.failures: dict[str, list[str]] = defaultdict(list)

    def check(self, category: str, held: bool, what: str) -> bool:
        self.attempts[category] += 1
        if self.verbose:
            print(f"  {'held' if held else 'DID NOT HOLD'} [{category}] {what}", flush=True)
        elif not held:
            self.failures[category].append(what)
            print(f"  DID NOT HOLD [{category}] {what}", flush=True)
        return held

    def report(self) -> bool:
        print("\ncategory                attempts  did not hold")
        for category, count in self.attempts.items():
            print(f"{category:<22} {count:>9}  {len(self.failures[category]):>12}")
        print(f"{'total':<22} {sum(self.attempts.values()):>9}  {sum(map(len, self.failures.values())):>12}")
        return not any(self.failures.values())


def fine(response) -> bool:
    return response.status_code < 500


# ---- 1. access control -----------------------------------------------------------------------------------


def crawl(browser: Browser, starts, limit=600) -> set[str]:
    """Every URL of ours the pages link to (links, htmx, form actions), following HTML pages only."""
    seen, queue = set(), list(starts)
    while queue and len(seen) < limit:
        url = unescape(queue.pop(0))
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = browser.get(url)
        if response.status_code == 200 and response.headers.get("Content-Type", "").startswith("text/html"):
            queue += [u for u in LINK_RE.findall(response.text) if unescape(u) not in seen]
    return seen


def kind_of(url: str) -> str:
    path = url.split("?")[0]
    if re.match(
        r"^/(projects/\d+|(chain|pains|activities|engagement|internal-selling|resources|competitors"
        r"|tender|negotiation|visits|tasks|notices|accounts/import)/\d+)",
        path,
    ):
        return "project"  # a project's, or one person's own (a notice, an import): 404 to all the others
    if re.match(r"^/(accounts|contacts)/\d+", path):
        return "account"
    if re.match(r"^/teams/\d+", path):
        return "team"
    return "general"


def shows(response, markers) -> list[str]:
    if not response.headers.get("Content-Type", "").startswith(("text/", "application/json")):
        return []
    return [m for m in markers if m in response.text]


def attack_access(args, tally: Tally) -> set[str]:
    print("1. access control", flush=True)
    urls = crawl(Browser(args.base, OWNER), ["/", "/projects/", "/accounts/"])
    urls |= crawl(
        Browser(args.base, LEAD), ["/team/", "/reviews/"] + [f"/teams/{t}/thresholds/" for t in range(1, 6)]
    )
    urls |= {"/projects/new/", "/accounts/new/", "/team/export.csv", "/team/export.xlsx", "/team/report.pdf"}
    print(f"   {len(urls)} URLs of 电网一组 found by crawling as its rep and its lead", flush=True)
    attackers = {
        "another team's rep": (Browser(args.base, OTHER_TEAM), TEAM_ONE, {"project", "account", "team"}),
        "a teammate who owns nothing": (Browser(args.base, SAME_TEAM), PROJECT_ONLY, {"project", "team"}),
        "a user in no team": (Browser(args.base, NO_TEAM), TEAM_ONE, {"project", "account", "team"}),
    }
    for who, (browser, markers, closed) in attackers.items():
        for url in sorted(urls):
            kind = kind_of(url)
            for method in ("GET", "POST"):
                response = browser.get(url) if method == "GET" else browser.post(url, {})
                leaked = shows(response, markers)
                held = response.status_code == 404 if kind in closed else fine(response)
                tally.check(
                    "access", held and not leaked, f"{method} {url} by {who}: {response.status_code} {leaked}"
                )
    anonymous = Browser(args.base)
    for url in sorted(urls):
        for method in ("GET", "POST"):
            response = anonymous.get(url) if method == "GET" else anonymous.post(url, {})
            to_login = response.status_code == 302 and response.headers["Location"].startswith("/login/")
            tally.check("access", to_login, f"{method} {url} anonymous: {response.status_code}")
    return urls


# ---- 2. stored XSS, template and formula injection ---------------------------------------------------------


def payload(n: int, room: int) -> str:
    full = f"<script>X{n}</script><img src=x onerror=X{n}>{{{{7*191}}}}"
    if room >= len(full):
        return full
    short = f"<b>X{n}</b>{{{{7*191}}}}"
    return short if room >= len(short) else f"<X{n}"[:room]


def fill_and_post(browser: Browser, page_url: str, form: dict, counter: list[int], tally: Tally) -> list[int]:
    """Every text field of the form gets a numbered payload; the rest is sent as the form holds it."""
    data, used = [], []
    for name, value in form["fields"]:
        if name in form["texts"] and name not in ("q", "device", "client_key", "page", "version", "next"):
            counter[0] += 1
            value = payload(counter[0], form["texts"][name])
            used.append(counter[0])
        data.append((name, value))
    action = form["action"] or page_url
    response = browser.post(action, data, htmx="/edit/" in page_url or "/add/" in page_url)
    tally.check("xss", fine(response), f"POST {action} with payloads: {response.status_code}")
    return used if response.status_code in (200, 302) else []


def attack_xss(args, tally: Tally, urls: set[str]) -> None:
    print("2. stored XSS into every text field, then every page, partial, export and PDF", flush=True)
    owner, lead = Browser(args.base, OWNER), Browser(args.base, LEAD)
    counter, stored = [0], []
    # A new account, contact and project of the rep's, so that names carry payloads too.
    for browser, url in [(owner, "/accounts/new/"), (owner, "/projects/new/")]:
        for form in forms_of(browser.get(url).text)[:1]:
            stored += fill_and_post(browser, url, form, counter, tally)
    editors = sorted(u for u in urls if re.search(r"/(edit|add|new)/(\?|$)", u) or u.startswith("/teams/"))
    for url in editors:
        browser = lead if "/teams/" in url else owner
        page = browser.get(url, headers={"HX-Request": "true"} if "/teams/" not in url else None)
        if page.status_code != 200:
            continue
        for form in forms_of(page.text)[:1]:
            stored += fill_and_post(browser, url, form, counter, tally)
    # A visit sheet with every text field hostile, submitted: the payloads reach the plan.
    start = owner.post("/projects/1/visits/new/", {"client_key": str(uuid.uuid4())})
    sheet_url = start.headers.get("Location", "")
    if sheet_url:
        form = forms_of(owner.get(sheet_url).text)[0]
        data = []
        for name, value in form["fields"]:
            if name in form["texts"] and name not in ("device", "version"):
                counter[0] += 1
                value = payload(counter[0], 50 if "new_name" in name else form["texts"][name])
                stored.append(counter[0])
            data.append((name, value))
        today = time.strftime("%Y-%m-%d")
        data += [("date", today), ("met-0-contact", "1"), ("gifts-0-kind", "logo_souvenir")]
        saved = owner.post(sheet_url, data)
        tally.check("xss", fine(saved), f"visit sheet with payloads: {saved.status_code}")
        sheet_id = re.search(r"/visits/(\d+)/", sheet_url).group(1)
        version = re.search(r'name="version" value="(\d+)"', owner.get(sheet_url).text)
        submitted = owner.post(
            f"/visits/{sheet_id}/submit/", {"version": version.group(1) if version else ""}
        )
        tally.check("xss", fine(submitted), f"visit submit with payloads: {submitted.status_code}")
        autosave = owner.post(f"/visits/{sheet_id}/autosave/", data)
        check_page(tally, f"/visits/{sheet_id}/autosave/", autosave)
    # The review: a comment and a reason on the latest version.
    owner.post("/projects/1/plan/submit/")
    numbers = [int(n) for n in re.findall(r"/projects/1/plan/v(\d+)/", owner.get("/projects/1/plan/").text)]
    if numbers:
        version_url = f"/projects/1/plan/v{max(numbers)}/"
        counter[0] += 1
        stored.append(counter[0])
        lead.post(version_url + "comment/", {"section": "chain", "text": payload(counter[0], 2000)})
        counter[0] += 1
        stored.append(counter[0])
        lead.post(version_url + "decide/", {"decision": "returned", "reason": payload(counter[0], 2000)})
    print(f"   {len(stored)} payloads stored", flush=True)
    # Every page as the rep and the lead: no payload runs, every one is shown as text.
    pages = crawl(owner, ["/", "/projects/", "/accounts/"]) | crawl(lead, ["/team/", "/reviews/"])
    pages |= {u for u in urls if kind_of(u) != "general"}
    for browser in (owner, lead):
        for url in sorted(pages):
            check_page(tally, url, browser.get(url))
            if "/edit/" in url or "/add/" in url:
                check_page(tally, url + " (htmx)", browser.get(url, headers={"HX-Request": "true"}))
    shown_anywhere = " ".join(owner.get(u).text for u in ("/projects/1/", "/projects/1/plan/"))
    shown = sum(1 for n in stored if f"X{n}" in shown_anywhere)
    print(f"   {shown} of {len(stored)} payloads seen on the project and plan pages, escaped", flush=True)
    attack_exports(tally, lead, owner)


def check_page(tally: Tally, url: str, response) -> None:
    kind = response.headers.get("Content-Type", "")
    if not kind.startswith(("text/html", "application/json")):
        return
    body = response.text
    raw = re.findall(r"<script>X\d+|<img src=x onerror=X\d+|<b>X\d+", body)
    if kind.startswith("application/json"):
        raw = re.findall(
            r"<script>X\d+|<img src=x onerror=X\d+|<b>X\d+", json.dumps(response.json(), ensure_ascii=False)
        )
    injected = re.search(r"X\d+\S{0,40}?1337", body) is not None  # {{7*191}} evaluated
    tally.check("xss", fine(response) and not raw, f"GET {url}: {response.status_code}, unescaped {raw[:3]}")
    tally.check("xss", not injected, f"GET {url}: a template tag ran")


def attack_exports(tally: Tally, lead: Browser, owner: Browser) -> None:
    csv_response = lead.get("/team/export.csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    formulas = [
        c
        for c in cells
        if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not re.match(r"^-?[\d.,%]*$", c))
    ]
    tally.check(
        "xss",
        csv_response.status_code == 200 and not formulas,
        f"CSV cells that a spreadsheet runs: {formulas[:3]}",
    )
    xlsx = lead.get("/team/export.xlsx")
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(xlsx.content))
        typed = [c.value for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]
        tally.check("xss", not typed, f"XLSX formulas: {typed[:3]}")
    except ImportError:
        print("   (openpyxl missing: XLSX not read back)")
    sheets = re.findall(r"/visits/(\d+)/", owner.get("/projects/1/").text)[:3]
    for url in ("/projects/1/plan.pdf", "/team/report.pdf", *(f"/visits/{v}.pdf" for v in sheets)):
        response = (lead if "team" in url else owner).get(url)
        ok = response.status_code == 200 and response.content.startswith(b"%PDF")
        text = pdf_text(response.content) if ok else ""
        # Markup typed as text is printed as text: the tag shows; were it markup, it would have vanished.
        vanished = [
            n
            for n in re.findall(r"X(\d+)", text)
            if f"<script>X{n}" not in text and f"<b>X{n}" not in text and f"<X{n}" not in text
        ]
        tally.check(
            "xss",
            ok and not vanished,
            f"GET {url}: {response.status_code}, markup interpreted for {vanished[:3]}",
        )


def pdf_text(body: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        return ""
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(body)).pages)


# ---- 3. CSRF -----------------------------------------------------------------------------------------------


def attack_csrf(args, tally: Tally, urls: set[str]) -> None:
    print(
        "3. CSRF: every form's POST without the token, with another session's, from another origin",
        flush=True,
    )
    victim, other = Browser(args.base, OWNER), Browser(args.base, OTHER_TEAM)
    foreign_token = other.token()
    targets = {}  # one form per route: the check is the middleware's, the same for every row
    for url in by_route(urls):
        page = victim.get(url)
        if page.status_code == 200 and page.headers.get("Content-Type", "").startswith("text/html"):
            for form in forms_of(page.text):
                targets.setdefault(
                    re.sub(r"\d+", "N", form["action"] or url), (form["action"] or url, form["fields"])
                )
            for action in re.findall(r'(?:hx-post|data-autosave-url)="(/[^"]+)"', page.text):
                targets.setdefault(re.sub(r"\d+", "N", action), (unescape(action), []))
    targets["logout"] = ("/logout/", [])
    targets["setlang"] = ("/i18n/setlang/", [("language", "en"), ("next", "/")])
    targets["password"] = ("/password/", [])
    for action, fields in targets.values():
        data = [(k, v) for k, v in fields if k != "csrfmiddlewaretoken"]
        for name, response in (
            ("no token", victim.post(action, data, token=None)),
            ("no token, htmx", victim.post(action, data, token=None, htmx=True)),
            ("another session's token", victim.post(action, data, token=foreign_token)),
            ("a forged origin", victim.post(action, data, headers={"Origin": "https://evil.example"})),
        ):
            tally.check(
                "csrf", response.status_code == 403, f"POST {action} with {name}: {response.status_code}"
            )
    tally.check("csrf", victim.get("/").status_code == 200, "the forged posts signed the victim out")
    print(f"   {len(targets)} POST targets", flush=True)


# ---- 4. open redirects -------------------------------------------------------------------------------------


REDIRECTS = [
    EVIL,
    "NaN",
    "desk",
    "project_detail",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "http:/evil.example",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    " //evil.example",
    "https://127.0.0.1.evil.example/",
    "https://evil.example@127.0.0.1/",
]


def local(base: str, location: str) -> bool:
    """Where a browser would go: it drops tabs and newlines and reads a backslash as a slash."""
    from urllib.parse import urljoin, urlsplit

    target = urlsplit(urljoin(base + "/login/", re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip()))
    return target.scheme in ("http", "https") and target.netloc == urlsplit(base).netloc


def attack_redirects(args, tally: Tally) -> None:
    print("4. open redirects through next= and Referer", flush=True)
    for target in REDIRECTS:
        browser = Browser(args.base)
        browser.get("/login/", params={"next": target})
        tries = {
            "login next": lambda b=browser, t=target: b.post(
                "/login/", {"username": OWNER, "password": PASSWORD, "next": t}
            ),
            "setlang next": lambda b=browser, t=target: b.post(
                "/i18n/setlang/", {"language": "en", "next": t}
            ),
            "setlang Referer": lambda b=browser, t=target: b.post(
                "/i18n/setlang/", {"language": "zh-hans"}, headers={"Referer": t}
            ),
            "logout next": lambda b=browser, t=target: b.post(
                f"/logout/?next={requests.utils.quote(t)}", {"next": t}
            ),
        }
        # After deleting a draft or ticking a task, the form's next: a path of ours or the desk.
        owner = Browser(args.base, OWNER)
        sheet = owner.post("/projects/2/visits/new/", {"client_key": str(uuid.uuid4())}).headers.get(
            "Location", ""
        )
        sheet_id = re.search(r"/visits/(\d+)/", sheet)
        if sheet_id:
            tries["visit delete next"] = lambda b=owner, t=target, s=sheet_id[1]: b.post(
                f"/visits/{s}/delete/", {"next": t}
            )
        task = re.search(r"/tasks/(\d+)/done/", owner.get("/projects/1/").text)
        if task:
            tries["task tick next"] = lambda b=owner, t=target, n=task[1]: b.post(
                f"/tasks/{n}/done/", {"next": t, "done": "0"}
            )
        for name, attempt in tries.items():
            try:
                response = attempt()
            except requests.exceptions.InvalidHeader:
                continue  # not a header any client can send
            location = response.headers.get("Location", "/")
            tally.check(
                "redirect",
                fine(response) and local(args.base, location),
                f"{name}={target!r} → {response.status_code} {location}",
            )


# ---- 5. races ----------------------------------------------------------------------------------------------


def together(calls, n=6) -> list:
    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return [f.result() for f in [pool.submit(call) for call in calls]]


def attack_races(args, tally: Tally) -> None:
    print("5. races: the same thing sent six times at once", flush=True)
    tabs = [Browser(args.base, OWNER) for _ in range(6)]
    owner = tabs[0]

    # Six starts of one sheet at once (taps on a page that holds no version yet): one sheet; the others are
    # told another copy exists (409) or open it, never a 500.
    key = str(uuid.uuid4())
    typed = {"client_key": key, "date": time.strftime("%Y-%m-%d"), "reason_met": "并发"}
    answers = together([lambda b=b: b.post("/projects/2/visits/new/", typed) for b in tabs])
    places = {a.headers.get("Location") for a in answers if a.status_code == 302}
    codes = Counter(a.status_code for a in answers)
    tally.check(
        "race", len(places) == 1 and codes[302] + codes[409] == 6, f"visit_new ×6: {dict(codes)} {places}"
    )
    sheet = places.pop() if places else owner.post("/projects/2/visits/new/", typed).headers["Location"]
    sheet_id = re.search(r"/visits/(\d+)/", sheet).group(1)
    contact = re.search(r'name="add_met"[^>]*value="(\d+)"', owner.get(sheet).text).group(
        1
    )  # a chip of the chain
    # Six autosaves from one version: one saves, the rest are told another copy exists.
    answers = together(
        [
            lambda b=b, i=i: b.post(
                f"/visits/{sheet_id}/autosave/", {"version": "1", "purpose": f"第{i}台", "device": f"d{i}"}
            )
            for i, b in enumerate(tabs)
        ]
    )
    codes = Counter(a.status_code for a in answers)
    tally.check("race", codes[200] == 1 and codes[409] == 5, f"autosave ×6: {dict(codes)}")
    version = re.search(r'name="version" value="(\d+)"', owner.get(sheet).text).group(1)
    owner.post(
        sheet,
        {
            "version": version,
            "date": time.strftime("%Y-%m-%d"),
            "met-0-contact": contact,
            "purpose": "并发提交",
        },
    )
    version = re.search(r'name="version" value="(\d+)"', owner.get(sheet).text).group(1)
    answers = together(
        [lambda b=b: b.post(f"/visits/{sheet_id}/submit/", {"version": version}) for b in tabs]
    )
    landed = Counter(a.headers.get("Location") for a in answers)
    filed = [place for place in landed if "#activity-" in str(place)]  # the first: the activity it filed
    rest = set(landed) - set(filed)  # the others: the sheet, already submitted
    tally.check(
        "race",
        all(a.status_code == 302 for a in answers) and len(filed) == 1 and rest <= {f"/visits/{sheet_id}/"},
        f"visit submit ×6: {[a.status_code for a in answers]}, landed on {dict(landed)}",
    )
    # Six taps on "add to the decision chain" for one contact.
    page = owner.get("/projects/2/chain/add/", headers={"HX-Request": "true"}).text
    option = re.search(r'name="contact"[^>]*>.*?<option value="(\d+)"', page, re.S)
    if option:
        form = dict(f for f in forms_of(page)[0]["fields"])
        form["contact"] = option.group(1)
        answers = together([lambda b=b: b.post("/projects/2/chain/add/", form, htmx=True) for b in tabs])
        codes = Counter(a.status_code for a in answers)
        tally.check(
            "race",
            codes[200] + codes[302] == 1 and all(c < 500 for c in codes),
            f"chain add ×6: {dict(codes)}",
        )
    # Six submits of the plan for review: one version.
    answers = together([lambda b=b: b.post("/projects/2/plan/submit/") for b in tabs])
    codes = Counter(a.status_code for a in answers)
    tally.check("race", codes[302] == 1 and codes[409] == 5, f"plan submit ×6: {dict(codes)}")
    # The lead approves while the director returns: one decision stands.
    version_url = next(a.headers["Location"] for a in answers if a.status_code == 302)
    managers = [Browser(args.base, LEAD), Browser(args.base, DIRECTOR)] * 3
    answers = together(
        [
            lambda b=b, i=i: b.post(
                version_url + "decide/", {"decision": "approved" if i % 2 else "returned", "reason": "并发"}
            )
            for i, b in enumerate(managers)
        ]
    )
    codes = Counter(a.status_code for a in answers)
    tally.check("race", codes[302] == 1 and codes[409] == 5, f"decide ×6 by two managers: {dict(codes)}")
    # Six saves of the project's basics from one version: one saves, five are refused as stale.
    form = forms_of(owner.get("/projects/2/edit/?part=basics", headers={"HX-Request": "true"}).text)[0]
    form["fields"] = [
        (k, v) for k, v in form["fields"] if k != "csrfmiddlewaretoken"
    ]  # each tab sends its own
    answers = together(
        [
            lambda b=b, i=i: b.post(
                "/projects/2/edit/?part=basics",
                [(k, f"并发{i}" if k.endswith("name") else v) for k, v in form["fields"]],
                htmx=True,
            )
            for i, b in enumerate(tabs)
        ]
    )
    codes = Counter(a.status_code for a in answers)
    tally.check("race", codes[200] + codes[302] == 1 and codes[409] == 5, f"project edit ×6: {dict(codes)}")


# ---- 6. huge and odd input ---------------------------------------------------------------------------------


ODD = [
    "\x00",
    "a\x00b",
    "\u202e反转\u202c",
    "\u200b\u200d\ufeff",
    "e\u0301\u0301",
    "🙂" * 30,
    "１２３",
    "٣",
    "²",
    "\ud800",
    HUGE,
    "-" + HUGE,
    f"{HUGE}:1",
    "1e309",
    "NaN",
    "-1",
    "x" * 100_000,
]


def by_route(urls) -> list[str]:
    """One URL per route (ids aside), so that each view is tried, not each row."""
    chosen = {}
    for url in sorted(urls):
        chosen.setdefault(re.sub(r"\d+", "N", url), url)
    return sorted(chosen.values())


def encode(fields) -> bytes:
    from urllib.parse import quote

    def part(text) -> str:
        return quote(str(text).encode("utf-8", "surrogatepass"), safe="")

    return "&".join(f"{part(k)}={part(v)}" for k, v in fields).encode()


def attack_input(args, tally: Tally, urls: set[str]) -> None:
    print("6. huge and odd input in every form, query string and path", flush=True)
    owner, lead = Browser(args.base, OWNER), Browser(args.base, LEAD)
    form_pages = by_route(
        u for u in urls if kind_of(u) != "general" or u.startswith(("/projects/new/", "/accounts/new/"))
    )
    for url in form_pages:
        browser = lead if "/teams/" in url else owner
        page = browser.get(url)
        if page.status_code != 200 or not page.headers.get("Content-Type", "").startswith("text/html"):
            continue
        for form in forms_of(page.text)[:1]:
            action = form["action"] or url.split("?")[0]
            for odd in ODD:
                fields = [(k, odd if k not in ("csrfmiddlewaretoken",) else v) for k, v in form["fields"]]
                fields += [(f"met-{HUGE}-contact", odd), ("pick", f"{HUGE}:1"), (f"custom-{odd[:50]}", "答")]
                response = browser.post(
                    action, encode(fields), headers={"Content-Type": "application/x-www-form-urlencoded"}
                )
                tally.check(
                    "input", fine(response), f"POST {action} with {odd[:12]!r}…: {response.status_code}"
                )
    for url in by_route(urls):
        for param in (
            "team",
            "rep",
            "a",
            "b",
            "version",
            "account",
            "contact",
            "page",
            "q",
            "type",
            "part",
            "from",
            "stage",
        ):
            for value in (HUGE, "\x00", "²"):
                response = lead.get(url.split("?")[0], params={param: value})
                tally.check(
                    "input", fine(response), f"GET {url}?{param}={value[:8]!r}: {response.status_code}"
                )
    for path in (
        f"/projects/{HUGE}/",
        f"/accounts/{HUGE}/",
        f"/visits/{HUGE}.pdf",
        "/projects/%00/",
        "/accounts/%ff%fe/",
        "/projects/1/plan/v0/",
        f"/projects/1/plan/v{HUGE}/",
        "/projects/-1/",
        "/%2e%2e/%2e%2e/etc/passwd",
    ):
        response = owner.get(path)
        tally.check(
            "input", response.status_code in (400, 404, 414), f"GET {path[:40]}: {response.status_code}"
        )
    too_many = [(f"f{i}", "x") for i in range(1500)]
    for name, body in (("1,500 fields", encode(too_many)), ("3 MB", encode([("purpose", "长" * 1_100_000)]))):
        response = owner.post(
            "/projects/1/edit/?part=basics",
            body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        tally.check("input", response.status_code in (400, 413), f"POST {name}: {response.status_code}")
    for method in ("PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"):
        for url in ("/projects/1/", "/projects/1/edit/", "/visits/1/autosave/", "/team/"):
            response = owner.request(method, url, headers={"X-CSRFToken": owner.token()})
            tally.check(
                "input", response.status_code in (403, 404, 405), f"{method} {url}: {response.status_code}"
            )
    for host in ("evil.example", "127.0.0.1.evil.example", "127.0.0.1:80@evil.example"):
        response = owner.get("/", headers={"Host": host})
        tally.check("input", response.status_code == 400, f"Host: {host}: {response.status_code}")
    response = owner.post(
        "/projects/1/edit/",
        json.dumps({"name": "x"}),
        headers={"Content-Type": "application/json"},
        htmx=True,
    )
    tally.check("input", fine(response), f"a JSON body: {response.status_code}")


# ---- 7. headers and cookies --------------------------------------------------------------------------------


def attack_headers(args, tally: Tally, urls: set[str]) -> None:
    print("7. headers of every page, cookies", flush=True)
    lead = Browser(args.base, LEAD)
    for url in sorted(urls):
        response = lead.get(url)
        h = response.headers
        problems = [
            name
            for name, ok in (
                (
                    "no-store",
                    "no-store" in h.get("Cache-Control", "") and "private" in h.get("Cache-Control", ""),
                ),
                (
                    "CSP",
                    "script-src 'self'" in h.get("Content-Security-Policy", "")
                    or not h.get("Content-Type", "").startswith("text/html"),
                ),
                ("frame", h.get("X-Frame-Options") == "DENY"),
                ("nosniff", h.get("X-Content-Type-Options") == "nosniff"),
                ("server version", not re.search(r"\d", h.get("Server", ""))),
            )
            if not ok
        ]
        tally.check("headers", not problems, f"GET {url}: {problems}")
    browser = Browser(args.base)
    browser.get("/login/")
    response = browser.post("/login/", {"username": OWNER, "password": PASSWORD})
    for cookie in response.raw.headers.getlist("Set-Cookie"):
        name = cookie.split("=", 1)[0]
        flags = cookie.lower()
        ok = "secure" in flags and "samesite=lax" in flags and ("httponly" in flags or name == "csrftoken")
        tally.check("headers", ok, f"cookie {name}: {cookie.split(';', 1)[1] if ';' in cookie else ''}")


# ---- 8. lockout ------------------------------------------------------------------------------------------


def attack_lockout(args, tally: Tally) -> None:
    print("8. lockout: guessing, spoofed client addresses, locking out someone else", flush=True)
    guesser = Browser(args.base)
    for i in range(6):  # a different made-up client address each time: ignored without a proxy
        guesser.login(OTHER_TEAM, "wrong", headers={"X-Forwarded-For": f"10.0.{i}.{i}"})
        tally.attempts["lockout"] += 1
    right = guesser.login(OTHER_TEAM, PASSWORD, headers={"X-Forwarded-For": "10.9.9.9"})
    tally.check(
        "lockout",
        right.status_code in (403, 429),
        f"after 6 guesses the right password from a new XFF: {right.status_code}",
    )
    tally.check(
        "lockout",
        Browser(args.base).login(OWNER).status_code == 302,
        "another user from the same address is not locked",
    )
    if not args.proxy_base:
        return
    attacker_via_proxy = {
        "X-Forwarded-For": "10.0.0.7, 10.6.6.6"
    }  # claims the victim's address, proxy appends its own
    guesser = Browser(args.proxy_base)
    for _ in range(6):
        guesser.login(DIRECTOR, "wrong", headers=attacker_via_proxy)
        tally.attempts["lockout"] += 1
    victim = Browser(args.proxy_base)
    response = victim.login(DIRECTOR, PASSWORD, headers={"X-Forwarded-For": "10.0.0.7"})
    tally.check(
        "lockout",
        response.status_code == 302,
        f"behind the proxy the real user still signs in: {response.status_code}",
    )
    response = guesser.login(DIRECTOR, PASSWORD, headers=attacker_via_proxy)
    tally.check(
        "lockout",
        response.status_code in (403, 429),
        f"behind the proxy the guesser is locked: {response.status_code}",
    )


# ---- 9. hostile plan files ---------------------------------------------------------------------------------


# Files that are valid plans (odd, not broken): the rest must be refused with exit 2 and a path, never a
# traceback. check_plan has no database, so it cannot know that a username belongs to another team.
VALID_FILES = {
    "check_plan": {"markup", "duplicate keys", "sharing with another team"},
    "import_plan": {"markup", "duplicate keys"},
}
EITHER = {"10,000 characters", "a 3,000-contact reporting line"}  # accepted whole, or refused by a limit


def attack_plan_files(args, tally: Tally) -> None:
    print("9. hostile plan files through check_plan and import_plan", flush=True)
    manage = args.manage.split()
    with tempfile.TemporaryDirectory() as folder:
        good = os.path.join(folder, "good.json")
        subprocess.run([*manage, "export_plan", "4", "-o", good], check=True, capture_output=True)
        with open(good, encoding="utf-8") as exported:
            doc = json.load(exported)
        doc["account"]["name"] = f"导入攻击{uuid.uuid4().hex[:6]}"  # imported into an account of its own
        header = '{"format": "salescamp.plan", "version": 1, "project": '
        texts = {
            "nested a million deep": header + "[" * 1_000_000 + "]" * 1_000_000 + "}",
            "a 5000-digit number": header + "1" * 5000 + "}",
            "1e999": header + "1e999}",
            "NaN": header + "NaN}",
            "empty": "",
            "not JSON": "<plan/>",
            "a BOM and garbage": "\ufeff{,}",
            "a list": "[]",
            "a 20 MB string": header + '"' + "长" * 7_000_000 + '"}',
        }
        raw = json.dumps(doc, ensure_ascii=False)
        name = doc["project"]["name"]
        for label, bad in (
            ("NUL in a string", "配电\\u0000"),
            ("a lone surrogate", "\\ud800"),
            ("markup", "<script>X</script>"),
            ("10,000 characters", "长" * 10_000),
        ):
            texts[label] = raw.replace(json.dumps(name, ensure_ascii=False), f'"{bad}"', 1)
        texts["NUL in a key"] = raw.replace('"name"', '"na\\u0000me"', 1)
        texts["a surrogate in a key"] = raw.replace('"name"', '"\\udc00"', 1)
        texts["duplicate keys"] = raw.replace('"name"', '"name": "甲", "name"', 1)
        texts["wrong types"] = json.dumps({**doc, "contacts": {"a": 1}, "project": [1]}, ensure_ascii=False)
        first = doc["contacts"][0]
        loop = json.loads(raw)
        loop["contacts"] = [
            {**first, "reports_to": "k2"},
            {**first, "key": "k2", "name": "环", "reports_to": first["key"]},
        ]
        texts["a reports-to loop"] = json.dumps(loop, ensure_ascii=False)
        line = json.loads(raw)
        line["contacts"] = [first] + [
            {**first, "key": f"k{i}", "name": f"人{i}", "reports_to": first["key"] if i == 1 else f"k{i - 1}"}
            for i in range(1, 3000)
        ]
        texts["a 3,000-contact reporting line"] = json.dumps(line, ensure_ascii=False)
        shared = json.loads(raw)
        shared["project"]["shared_with"] = [OTHER_TEAM]
        shared.setdefault("people", []).append({"username": OTHER_TEAM, "display_name": "小李", "rank": 1})
        texts["sharing with another team"] = json.dumps(shared, ensure_ascii=False)
        for label, text in texts.items():
            path = os.path.join(folder, "hostile.json")
            with open(path, "w", encoding="utf-8", errors="surrogatepass") as out:
                out.write(text)
            for command in ("check_plan", "import_plan"):
                started = time.monotonic()
                done = subprocess.run([*manage, command, path], capture_output=True, text=True, timeout=300)
                took = time.monotonic() - started
                clean = "Traceback" not in done.stderr and done.returncode in (0, 2)
                expected = (
                    {0} if label in VALID_FILES.get(command, ()) else {0, 2} if label in EITHER else {2}
                )
                tally.check(
                    "plan-file",
                    clean and done.returncode in expected and took < 60,
                    f"{command} {label}: exit {done.returncode} in {took:.0f}s {done.stderr.strip()[:160]!r}",
                )
        with open(os.path.join(folder, "invalid-utf8.json"), "wb") as out:
            out.write(b'{"format": "salescamp.plan", "\xff\xfe": 1}')
        for command in ("check_plan", "import_plan"):
            done = subprocess.run(
                [*manage, command, os.path.join(folder, "invalid-utf8.json")], capture_output=True, text=True
            )
            tally.check(
                "plan-file",
                done.returncode == 2 and "Traceback" not in done.stderr,
                f"{command} invalid UTF-8: exit {done.returncode}",
            )


# ---- 10. the newer surfaces: calendar feeds, notices, group robots, customer import, company sign-in ------


def attack_calendar(args, tally: Tally) -> None:
    print("10. calendar feeds: the secret address is the only key", flush=True)
    owner, other = Browser(args.base, OWNER), Browser(args.base, OTHER_TEAM)

    def new_address(browser: Browser, action: str = "new") -> str:
        page = browser.post("/calendar/", {"action": action}, headers={"Referer": args.base + "/calendar/"})
        found = re.search(r'value="https?://[^"/]+(/calendar/[^"]+\.ics)"', page.text)
        return unescape(found.group(1)) if found else ""

    first = new_address(owner)
    anonymous = Browser(args.base)
    shown = anonymous.get(first) if first else None
    tally.check(
        "calendar",
        shown is not None and shown.status_code == 200 and shown.text.startswith("BEGIN:VCALENDAR"),
        f"the owner's own address opens without signing in: {shown.status_code if shown else 'no address'}",
    )
    token = first.removeprefix("/calendar/").removesuffix(".ics")
    guesses = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token.upper(),
        token + "x",
        token[:20],
        "x" * 43,
        "",
        "..%2f..%2fetc%2fpasswd",
        "%00",
        "%ff%fe",
        HUGE,
        token + "%00",
        " " + token,
        "null",
        "None",
    ]
    for guess in guesses:
        for browser in (anonymous, other):
            response = browser.get(f"/calendar/{guess}.ics")
            tally.check(
                "calendar",
                response.status_code in (400, 404, 414),
                f"GET a guessed address {guess[:16]!r}: {response.status_code}",
            )
    for method in ("POST", "PUT", "DELETE"):
        response = anonymous.request(method, first)
        tally.check(
            "calendar",
            response.status_code in (403, 404, 405),
            f"{method} the address: {response.status_code}",
        )
    # What the feed shows: only the owner's own activities, and text that cannot start an event of its own.
    injected = "周会\r\nBEGIN:VEVENT\r\nSUMMARY:INJECTED\r\nEND:VEVENT\r\nX-INJ:1"
    page = owner.get("/projects/1/activities/add/", headers={"HX-Request": "true"})
    forms = forms_of(page.text) if page.status_code == 200 else []
    if forms:
        data = [(k, v) for k, v in forms[0]["fields"] if k not in ("goal", "date", "kind", "done")]
        data += [("goal", injected), ("date", time.strftime("%Y-%m-%d")), ("kind", "visit")]
        contact = re.search(
            r'name="contacts"[^>]*value="(\d+)"|name="contacts"[^>]*>\s*<option value="(\d+)"', page.text
        )
        if contact:
            data.append(("contacts", contact.group(1) or contact.group(2)))
        saved = owner.post("/projects/1/activities/add/", data, htmx=True)
        tally.check(
            "calendar", fine(saved), f"an activity whose goal carries iCalendar lines: {saved.status_code}"
        )
    feed = anonymous.get(first).text if first else ""
    lines = feed.replace("\r\n ", "").split("\r\n")
    tally.check(
        "calendar",
        "SUMMARY:INJECTED" not in lines
        and "X-INJ:1" not in lines
        and feed.count("BEGIN:VEVENT") == feed.count("END:VEVENT"),
        "a goal's line breaks start no event",
    )
    theirs = other_address = new_address(other)
    other_feed = anonymous.get(theirs).text if theirs else ""
    leaked = [m for m in PROJECT_ONLY if m in other_feed]
    tally.check("calendar", bool(other_address) and not leaked, f"another team's rep's feed shows {leaked}")
    # A new address revokes the old one; stopping revokes the new one.
    second = new_address(owner)
    tally.check("calendar", anonymous.get(first).status_code == 404, "the replaced address is 404")
    tally.check("calendar", anonymous.get(second).status_code == 200, "the new address opens")
    new_address(owner, "stop")
    tally.check("calendar", anonymous.get(second).status_code == 404, "the stopped address is 404")
    tally.check(
        "calendar",
        owner.get("/calendar/").status_code == 200
        and "/calendar/"
        not in re.sub(r'action="[^"]*"|href="[^"]*"', "", owner.get("/calendar/").text.split("<main", 1)[-1]),
        "the settings page never shows an address again",
    )


def attack_notices(args, tally: Tally) -> None:
    print("11. notices: the bell, opening, settings", flush=True)
    owner, other, lead = Browser(args.base, OWNER), Browser(args.base, OTHER_TEAM), Browser(args.base, LEAD)
    mine = sorted({int(n) for n in re.findall(r"/notices/(\d+)/open/", owner.get("/notices/").text)})
    mine += sorted({int(n) for n in re.findall(r"/notices/(\d+)/open/", lead.get("/notices/").text)})
    for number in set(mine) | set(range(1, 40)):
        response = other.post(f"/notices/{number}/open/")
        tally.check(
            "notices",
            response.status_code == 404 or number not in mine,
            f"another's notice {number} opened: {response.status_code}",
        )
        tally.check(
            "notices", not shows(response, TEAM_ONE), f"notice {number} shows 电网一组 to another team"
        )
    for number in mine[:5]:
        browser = owner if number in mine[: len(mine)] else lead
        response = browser.post(f"/notices/{number}/open/")
        location = response.headers.get("Location", "/")
        tally.check(
            "notices",
            response.status_code in (302, 404) and local(args.base, location),
            f"open {number} → {location}",
        )
        tally.check(
            "notices",
            browser.get(f"/notices/{number}/open/").status_code in (404, 405),
            f"GET open {number} writes nothing",
        )
    hostile = [
        {"email": "a@example.com\r\nBcc: all@evil.example"},
        {"email": "<script>X</script>@x.cn"},
        {"email": "x" * 5000 + "@example.com"},
        {"quiet_from": "25:61"},
        {"quiet_from": "\x00"},
        {"quiet_until": HUGE},
        {"kind_plan_returned": "sms"},
        {"kind_digest": "robot"},
        {"kind_unknown": "email"},
        {
            "email": "rep@example.com",
            "kind_plan_returned": ["email", "robot"],
            "quiet_from": "22:00",
            "quiet_until": "07:30",
        },
    ]
    for fields in hostile:
        response = owner.post("/notices/settings/", fields)
        tally.check(
            "notices",
            response.status_code in (302, 422),
            f"settings {str(fields)[:50]}: {response.status_code}",
        )
    for url in (
        "/notices/",
        "/notices/count/",
        "/notices/?page=" + HUGE,
        "/notices/?page=-1",
        "/notices/?page=%00",
    ):
        response = owner.get(url)
        held = response.status_code == 200 or (
            response.status_code == 414 and HUGE in url
        )  # gunicorn's limit
        tally.check("notices", held, f"GET {url[:30]}: {response.status_code}")
    response = owner.get("/notices/read/")
    tally.check(
        "notices",
        response.status_code == 405,
        f"GET /notices/read/ (writes only on POST): {response.status_code}",
    )


ROBOT_ADDRESSES = [
    "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a",
    "https://qyapi.weixin.qq.com.evil.example/x",
    "https://qyapi.weixin.qq.com@evil.example/x",
    "https://evil.example#@qyapi.weixin.qq.com/",
    "https://127.0.0.1\\@qyapi.weixin.qq.com/cgi-bin/webhook/send",
    "https://user:pw@qyapi.weixin.qq.com/x",
    "https://qyapi.weixin.qq.com:8443/x",
    "https://127.0.0.1:8961/logout/",
    "https://[::1]/",
    "https://10.0.0.1/",
    "https://169.254.169.254/latest/meta-data/",
    "https://localhost/",
    "https://0x7f000001/",
    "file:///etc/passwd",
    "gopher://qyapi.weixin.qq.com/",
    "https://oapi.dingtalk.com/robot/send?access_token=a",
    "javascript:alert(1)",
    "https://qyapi.weixin.qq.com/" + "x" * 600,
    "https://qyapi.weixin.qq.com/\x00",
]


def attack_robots(args, tally: Tally) -> None:
    print("12. group robots: only the platforms' hosts, write-only, the team's own", flush=True)
    lead, director = Browser(args.base, LEAD), Browser(args.base, DIRECTOR)
    teams = {
        name: int(n)
        for n, name in re.findall(r'href="/team/\?team=(\d+)"[^>]*>([^<]+)<', director.get("/team/").text)
    }
    ours, theirs = teams.get("电网一组", 3), teams.get("电网二组", 4)
    url = f"/teams/{ours}/robots/"

    def listed(browser: Browser, team: int) -> list[str]:
        return re.findall(r'name="remove" value="(\d+)"', browser.get(f"/teams/{team}/robots/").text)

    before = listed(lead, ours)
    for address in ROBOT_ADDRESSES:
        response = lead.post(url, {"name": "群", "kind": "wecom", "url": address, "secret": ""})
        tally.check(
            "robots", response.status_code == 422, f"robot address {address[:48]!r}: {response.status_code}"
        )
    tally.check("robots", listed(lead, ours) == before, "a refused address added a robot")
    secret_url = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET{uuid.uuid4().hex[:8]}"
    response = lead.post(url, {"name": "<b>X群</b>", "kind": "wecom", "url": secret_url, "secret": "SECshh"})
    tally.check(
        "robots",
        response.status_code == 302,
        f"a platform's robot address is accepted: {response.status_code}",
    )
    page = lead.get(url).text
    tally.check(
        "robots",
        "SECRET" not in page and "SECshh" not in page and "<b>X群</b>" not in page,
        "the address or secret is shown",
    )
    director.post(
        f"/teams/{theirs}/robots/",
        {"name": "二组群", "kind": "feishu", "url": "https://open.feishu.cn/open-apis/bot/v2/hook/x"},
    )
    their_robots = listed(director, theirs)
    for odd in ["²", "٣", HUGE, str(2**63), "-1", "\x00", "1e3", *their_robots]:
        response = lead.post(url, {"remove": odd})
        tally.check("robots", fine(response), f"remove={odd[:10]!r}: {response.status_code}")
    tally.check("robots", listed(director, theirs) == their_robots, "a lead removed another team's robot")
    for who in (OWNER, OTHER_TEAM, SAME_TEAM, NO_TEAM):
        browser = Browser(args.base, who)
        for method in ("GET", "POST"):
            response = (
                browser.get(url) if method == "GET" else browser.post(url, {"remove": listed(lead, ours)[0]})
            )
            tally.check(
                "robots", response.status_code == 404, f"{method} {url} by {who}: {response.status_code}"
            )
    tally.check("robots", listed(lead, ours), "someone else removed the team's robot")


def xlsx_bytes(rows, transform=None) -> bytes:
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if transform is None:
        return buffer.getvalue()
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            archive.writestr(item, transform(item.filename, data))
    return out.getvalue()


def hostile_workbooks() -> dict[str, tuple[str, bytes]]:
    import zipfile

    header = ["客户名称", "联系人", "职务", "上级"]
    good = [header, ["导入客户甲", "张三", "处长", ""], ["导入客户甲", "李四", "专责", "张三"]]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 300_000_000)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
    )
    external = (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>'
    )

    def with_shared(replacement: bytes):
        def transform(name: str, data: bytes) -> bytes:
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace("<is><t>导入客户甲</t></is>".encode(), b"<v>0</v>", 1).replace(
                    b't="inlineStr"><v>0', b't="s"><v>0', 1
                )
            if name == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings"'
                    b' Target="sharedStrings.xml"/></Relationships>',
                )
            return data

        book = xlsx_bytes(good, transform)
        source, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in source.infolist():
                archive.writestr(item, source.read(item.filename))
            archive.writestr("xl/sharedStrings.xml", replacement)
        return out.getvalue()

    formulas = [
        header,
        ['=HYPERLINK("https://evil.example","点我")', "=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0"],
        ["导入客户乙", "-2+3", "=cmd|' /C calc'!A0", ""],
    ]
    csv_rows = lambda rows: "\n".join(",".join(f'"{c}"' for c in row) for row in rows)  # noqa: E731
    return {
        "a good workbook": ("客户.xlsx", xlsx_bytes(good)),
        "formulas in cells": ("公式.xlsx", xlsx_bytes(formulas)),
        "a zip bomb": ("bomb.xlsx", bomb.getvalue()),
        "billion laughs": ("laughs.xlsx", with_shared(laughs)),
        "an external entity": ("xxe.xlsx", with_shared(external)),
        "damaged": ("坏.xlsx", b"PK\x03\x04" + os.urandom(3000)),
        "an .xlsx that is text": ("伪装.xlsx", "客户名称,联系人\n甲,乙\n".encode()),
        "the last row far away": (
            "far.xlsx",
            xlsx_bytes(
                good,
                lambda n, d: (
                    d.replace(
                        b"</sheetData>",
                        b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                        b"<is><t>x</t></is></c></row></sheetData>",
                    )
                    if n.endswith("sheet1.xml")
                    else d
                ),
            ),
        ),
        "a reports-to loop": (
            "环.csv",
            csv_rows([header, ["环客户", "甲", "处长", "乙"], ["环客户", "乙", "处长", "甲"]]).encode(),
        ),
        "CSV in GBK": ("gbk.csv", csv_rows(good).encode("gb18030")),
        "CSV with NUL": ("nul.csv", csv_rows(good).encode() + b"\x00\x00"),
        "CSV formulas": ("f.csv", csv_rows(formulas).encode()),
        "CSV with markup": (
            "<img src=x onerror=X1>.csv",
            csv_rows([header, ["<script>X1</script>", "<b>X2</b>", "{{7*191}}", ""]]).encode(),
        ),
        "CSV a 200,000-character cell": (
            "long.csv",
            csv_rows([header, ["长" * 200_000, "甲", "", ""]]).encode(),
        ),
        "CSV 10,000 columns": (
            "wide.csv",
            (",".join(header + ["x"] * 10_000) + "\n" + ",".join(["宽客户"] * 10_004)).encode(),
        ),
        "CSV 20,001 rows": (
            "rows.csv",
            (",".join(header) + "\n" + "".join(f"多客户{i},人{i},,\n" for i in range(20_001))).encode(),
        ),
        "CSV unbalanced quotes": ("q.csv", ('客户名称,联系人\n"甲,乙\n' + '"' * 5000).encode()),
        "CSV only a header": ("h.csv", ",".join(header).encode()),
        "CSV invalid UTF-8 and GBK": ("bad.csv", b"\xff\xfe\xfd" * 100),
        "11 MB": ("big.csv", (",".join(header) + "\n").encode() + b"x,y,,\n" * 1_900_000),
        "empty": ("empty.csv", b""),
        "a name with NUL and a path": ("../../etc/pa\x00sswd.csv", csv_rows(good).encode()),
    }


def attack_import(args, tally: Tally) -> None:
    print("13. customer import: hostile workbooks and CSV, someone else's list", flush=True)
    owner = Browser(args.base, OWNER)
    page = owner.get("/accounts/import/").text
    team = (
        re.search(r'<option value="(\d+)"[^>]*selected', page) or re.search(r'<option value="(\d+)"', page)
    ).group(1)
    batches = []
    for label, (name, content) in hostile_workbooks().items():
        started = time.monotonic()
        try:
            response = owner.post("/accounts/import/", {"team": team}, files={"file": (name, content)})
        except requests.exceptions.RequestException as error:
            tally.check("import", False, f"upload {label}: {type(error).__name__}")
            continue
        took = time.monotonic() - started
        tally.check(
            "import",
            response.status_code in (302, 400, 413, 422) and took < 30,
            f"upload {label}: {response.status_code} in {took:.0f}s",
        )
        if response.status_code == 302:
            batches.append((label, response.headers["Location"]))
        elif response.status_code == 422:
            tally.check("import", "errorlist" in response.text, f"upload {label}: refused without saying why")
        check_page(tally, f"upload {label}", response)
    for label, url in batches:
        preview = owner.get(url)
        tally.check("import", preview.status_code == 200, f"preview {label}: {preview.status_code}")
        check_page(tally, f"preview {label}", preview)
        tally.check(
            "import",
            "root:x:0" not in preview.text and "lollollol" not in preview.text,
            f"preview {label} expanded an entity",
        )
        for who in (SAME_TEAM, OTHER_TEAM, NO_TEAM):
            other = Browser(args.base, who)
            for method in ("GET", "POST"):
                response = other.get(url) if method == "GET" else other.post(url, {"action": "apply"})
                tally.check(
                    "import",
                    response.status_code == 404,
                    f"{method} {label}'s preview by {who}: {response.status_code}",
                )
        for data in (
            {"action": "map", "col-0": "nonsense", "col-99999": "name", f"col-{HUGE}": "name"},
            {"action": "map", "col-0": "account", "col-1": "name", "col-2": "title", "col-3": "reports_to"},
            {"action": "apply", "duplicates": "update", "row-2": "\x00"},
        ):
            response = owner.post(url, data)
            tally.check(
                "import",
                response.status_code in (200, 302, 422),
                f"{data['action']} {label}: {response.status_code}",
            )
    response = owner.post("/accounts/import/", {"team": str(int(team) + 1)}, files={"file": ("a.csv", b"x")})
    tally.check(
        "import", response.status_code == 422, f"into another team's accounts: {response.status_code}"
    )
    for name in ("导入客户乙", "环客户"):
        listing = owner.get("/accounts/", params={"q": name})
        tally.check("import", listing.status_code == 200, f"the accounts list after importing {name}")
    lead = Browser(args.base, LEAD)
    attack_exports(tally, lead, owner)  # imported formulas and markup reach the exports as text


SIGNIN_PATHS = [
    "/auth/dingtalk/login/",
    "/auth/dingtalk/login/callback/?code=x&state=y",
    "/auth/feishu/login/",
    "/auth/feishu/login/callback/?code=x&state=y",
    "/auth/wecom/login/",
    "/auth/wecom/login/callback/?code=x",
    "/auth/oidc/company/login/",
    "/auth/oidc/company/login/callback/?code=x&state=y",
    "/auth/oidc/evil/login/",
    "/auth/signup/",
    "/auth/login/",
    "/auth/password/reset/",
    "/auth/email/",
    "/auth/3rdparty/",
    "/auth/social/connections/",
]


def attack_signin(args, tally: Tally) -> None:
    print("14. company sign-in URLs while no provider is configured", flush=True)
    for browser, who in ((Browser(args.base), "anonymous"), (Browser(args.base, OWNER), OWNER)):
        for path in SIGNIN_PATHS:
            for method in ("GET", "POST"):
                response = browser.get(path) if method == "GET" else browser.post(path, {"process": "login"})
                tally.check(
                    "signin", response.status_code == 404, f"{method} {path} {who}: {response.status_code}"
                )
        for path in ("/auth/cancelled/", "/auth/error/"):
            response = browser.get(path)
            tally.check("signin", response.status_code == 200, f"GET {path} {who}: {response.status_code}")
    login = Browser(args.base).get("/login/").text
    tally.check("signin", "/auth/" not in login, "the sign-in page offers an unconfigured company sign-in")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8961")
    parser.add_argument("--proxy-base", help="the same app behind a pretend proxy (BEHIND_TLS_PROXY=1)")
    parser.add_argument(
        "--manage",
        default=f"{sys.executable} manage.py",
        help="how to run manage.py against the server's database",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every attempt, not only failures")
    parser.add_argument(
        "--only",
        help="comma-separated categories: access,xss,csrf,redirect,race,input,headers,lockout,plan-file,"
        "calendar,notices,robots,import,signin",
    )
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    tally = Tally(args.verbose)
    started = time.monotonic()
    subprocess.run([*args.manage.split(), "axes_reset"], check=True, capture_output=True)  # an earlier run's
    urls = (
        attack_access(args, tally)
        if not only or "access" in only
        else crawl(Browser(args.base, OWNER), ["/", "/projects/", "/accounts/"])
    )
    # The plan files first (they export a project the XSS step renames), the lockout last (it locks).
    steps = [
        ("plan-file", attack_plan_files),
        ("csrf", attack_csrf),
        ("redirect", attack_redirects),
        ("xss", attack_xss),
        ("calendar", attack_calendar),
        ("notices", attack_notices),
        ("robots", attack_robots),
        ("import", attack_import),
        ("signin", attack_signin),
        ("race", attack_races),
        ("input", attack_input),
        ("headers", attack_headers),
        ("lockout", attack_lockout),
    ]
    for name, step in steps:
        if only and name not in only:
            continue
        if step in (attack_csrf, attack_xss, attack_input, attack_headers):
            step(args, tally, urls)
        else:
            step(args, tally)
    print(f"\n{time.monotonic() - started:.0f} s")
    sys.exit(0 if tally.report() else 1)


if __name__ == "__main__":
    main()
