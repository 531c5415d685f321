"""Measure the pages of a running server against the dataset of bench/build_dataset.py (bench/run.sh runs it).

    .venv/bin/python bench/measure.py --info bench-info.json --base http://127.0.0.1:8123 \
        [--duration 10s] [--connections 8] [--threads 2] [--only ping,desk]

1. SQL queries per page, drawn afresh and served again from the page cache, with Django's test client and
   CaptureQueriesContext in this process (same database, not through the server): each page for a small
   and a large subject (a rep with 10 projects and one with 100, a team lead and a director, an account of
   10 contacts and one of 80, a typical project and the big plan...). The goal: the same count for both
   (constant in data size) and at most MAX_QUERIES when drawn afresh. Also the time one request takes to
   draw each page afresh (what the first viewer after a change waits), median of 5.
2. Throughput and latency with wrk (loopback, `--latency`, a Lua `done` hook for p50/p95/p99), signed in
   through a session made here for the rep and the manager: each page warmed up for 2 s, then measured.
   Goals: every HTML page at least 1/20 of ping's requests/s in the same run, and p95 under 100 ms.

3. The big plan's PDF: laid out afresh five times the way the view does it (median; goal under
   MAX_PDF_SECONDS), then downloaded through the server twice (the second a cache hit).

Needs the server's environment (DATABASE_URL, SECRET_KEY: the session's auth hash is signed with it).
Prints a table; exits 1 if a goal is missed (the table says which).
"""

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salescamp.settings")

MAX_QUERIES = 15
MIN_RATIO = 1 / 20
MAX_P95_MS = 100.0

LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Page:
    key: str
    label: str
    user: str | None  # who is signed in (None: nobody)
    path: str  # the one measured with wrk (the large subject)
    small_path: str | None = None  # the same page for a small subject (query counts)
    small_user: str | None = None
    html: bool = True
    queries: tuple[int | None, int | None, int | None] = (None, None, None)  # cold, warm, small subject
    drawn_ms: float | None = None  # one request drawing the page from nothing (median), in this process
    redrawn_ms: float | None = None  # the same with the projects' warnings of the day kept
    result: dict = field(default_factory=dict)
    note: str = ""


def pages(info: dict) -> list[Page]:
    q, rare = quote(info["search"]), quote(info["search_rare"])
    return [
        Page("ping", "ping (bare view)", None, "/ping/", "/ping/", html=False),
        Page("desk", "rep desk /", info["rep"], "/", "/", small_user=info["small_rep"]),
        Page("team", "manager desk /team/", info["manager"], "/team/", "/team/", small_user=info["director"]),
        Page("search", "accounts ?q=", info["rep"], f"/accounts/?q={q}", f"/accounts/?q={rare}"),
        Page("account", "account page", info["rep"], f"/accounts/{info['account']}/",
             f"/accounts/{info['big_account']}/"),
        Page("project", "project page (big plan)", info["rep"], f"/projects/{info['big_project']}/",
             f"/projects/{info['project']}/"),
        Page("plan", "plan page (big plan)", info["rep"], f"/projects/{info['big_project']}/plan/",
             f"/projects/{info['project']}/plan/"),
        Page("visit", "visit sheet", info["rep"], f"/visits/{info['visit']}/",
             f"/visits/{info['big_visit']}/"),
    ]  # fmt: skip


def session_cookies(usernames: set[str]) -> dict[str, str]:
    """A signed-in session per user, made the way django.contrib.auth.login makes one."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from salescamp.models import User

    cookies = {}
    for user in User.objects.filter(username__in=usernames):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        # A browser also sends back the CSRF cookie the first page set; the pages' forms are drawn for it.
        cookies[user.username] = (
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
        )
    return cookies


def count_queries(page: Page) -> tuple[int | None, int | None, int | None]:
    """The page drawn afresh (cold) and served again from the page cache (warm), for the large subject;
    cold for the small one."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from projects.desks.selectors import KEPT_WARNINGS

    from salescamp.models import User

    def one(username, path):
        client = Client(SERVER_NAME="127.0.0.1")
        if username:
            client.force_login(User.objects.get(username=username))
        client.get(path)  # caches filled on first use (content types, translations) are not the page's
        caches["pages"].clear()
        KEPT_WARNINGS.clear()  # drawn from nothing: no page, no project's warnings kept
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} as {username}: HTTP {response.status_code}")
            counts.append(len(captured))
        return counts

    cold, warm = one(page.user, page.path)
    small = one(page.small_user or page.user, page.small_path)[0] if page.small_path else None
    return cold, warm, small


def drawn_ms(page: Page, runs: int = 5, keep_warnings: bool = False) -> float:
    """How long one request takes when the page must be drawn afresh: from nothing (after a restart), or
    with each project's warnings of the day still kept (`keep_warnings`: what the first viewer after a
    change to one project waits on a desk). Median of `runs`, test client in this process."""
    import statistics
    import time

    from django.core.cache import caches
    from django.test import Client
    from projects.desks.selectors import KEPT_WARNINGS

    from salescamp.models import User

    client = Client(SERVER_NAME="127.0.0.1")
    if page.user:
        client.force_login(User.objects.get(username=page.user))
    client.get(page.path)
    times = []
    for _ in range(runs):
        caches["pages"].clear()
        if not keep_warnings:
            KEPT_WARNINGS.clear()
        started = time.perf_counter()
        client.get(page.path)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


MAX_PDF_SECONDS = 1.5


def pdf_export(info: dict, base: str, cookie: str, runs: int = 5) -> dict:
    """The big plan's PDF: laid out afresh `runs` times in this process the way the view does it (the PDF
    cache bypassed: median), then downloaded through the server twice (the second is the cache hit a
    repeat download gets)."""
    import statistics
    import time

    from projects.plans.plan import load_plan, plan_snapshot

    from projects.deals.access import project_for
    from projects.plans.pdf import plan_pdf
    from projects.plans.review import comments_by_section
    from salescamp.models import User

    user = User.objects.get(username=info["rep"])
    times = []
    for _ in range(runs + 1):  # the first loads WeasyPrint, Pango and the fonts: not counted
        started = time.perf_counter()
        project = project_for(user, info["big_project"])
        snapshot = plan_snapshot(load_plan(project))
        plan_pdf(project=project, snapshot=snapshot, comments=comments_by_section(project), use_cache=False)
        times.append(time.perf_counter() - started)
    downloads = []
    for _ in range(2):
        started = time.perf_counter()
        status = status_of(base, f"/projects/{info['big_project']}/plan.pdf", cookie, timeout=120)
        downloads.append(time.perf_counter() - started)
        if status != 200:
            sys.exit(f"plan.pdf: HTTP {status} from the server (expected 200)")
    times = times[1:]
    return {"cold_median_s": statistics.median(times), "runs_s": times, "download_s": downloads}


def status_of(base: str, path: str, cookie: str | None, timeout: float = 30) -> int:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    status = conn.getresponse().status
    conn.close()
    return status


def drain(base: str) -> None:
    """Wait for the requests wrk left queued: sync workers answer them after wrk has hung up, and they
    would slow the next page's run. One ping is answered after them."""
    status_of(base, "/ping/", None, timeout=600)


def run_wrk(base: str, path: str, cookie: str | None, args, duration: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}", "--latency",
               "--timeout", "10s", "-s", script.name]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, base + path], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50, p95, p99, bad_status, socket_errors = map(int, line.split()[1:])
    return {
        "rps": requests / (duration_us / 1e6),
        "requests": requests,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": bad_status + socket_errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--info", required=True, help="the JSON written by build_dataset.py --out")
    parser.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8123")
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated page keys (ping is always measured)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")

    import django

    django.setup()
    info = json.loads(Path(args.info).read_text(encoding="utf-8"))
    selected = pages(info)
    if args.only:
        keep = {"ping", *args.only.split(",")}
        selected = [page for page in selected if page.key in keep]
    cookies = session_cookies({page.user for page in selected if page.user})

    for page in selected:
        status = status_of(args.base, page.path, cookies.get(page.user))
        if page.key == "plan" and status == 404:
            page.note = "skipped: no plan page in this build"
            continue
        if status != 200:
            sys.exit(f"{page.path} as {page.user}: HTTP {status} from the server (expected 200)")
        page.queries = count_queries(page)
        page.drawn_ms = drawn_ms(page)
        page.redrawn_ms = drawn_ms(page, keep_warnings=True)
        cold, warm, small = page.queries
        drawn = f"drawn in {page.drawn_ms:.0f} ms ({page.redrawn_ms:.0f} with warnings kept)"
        print(f"queries  {page.label:26} {cold:>3} drawn, {warm:>3} cached (small: {small}); {drawn}")

    # Before the load runs: the machine is quiet, as for a manager downloading one PDF.
    export = None
    if not args.only or "pdf" in args.only.split(","):
        export = pdf_export(
            info, args.base, cookies.get(info["rep"]) or session_cookies({info["rep"]})[info["rep"]]
        )
        runs = ", ".join(f"{t:.2f}" for t in export["runs_s"])
        first, again = export["download_s"]
        print(f"pdf      plan PDF (big plan) laid out in {runs} s; downloaded in {first:.2f}, {again:.2f} s")

    for page in selected:
        if page.note:
            continue
        cookie = cookies.get(page.user)
        run_wrk(args.base, page.path, cookie, args, "2s")  # warm-up, not recorded
        drain(args.base)
        page.result = run_wrk(args.base, page.path, cookie, args, args.duration)
        drain(args.base)
        r = page.result
        print(f"wrk      {page.label:26} {r['rps']:8.1f} req/s  p50 {r['p50']:6.1f}  p95 {r['p95']:6.1f}  "
              f"p99 {r['p99']:6.1f} ms  errors {r['errors']}", flush=True)  # fmt: skip

    ping = next(page for page in selected if page.key == "ping").result["rps"]
    print()
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration} on {args.base}; goals: queries ≤ "
          f"{MAX_QUERIES} and constant; HTML ≥ 1/20 of ping's req/s, p95 < {MAX_P95_MS:.0f} ms")  # fmt: skip
    header = (
        f"| {'page':26} | {'req/s':>7} | {'× ping':>6} | {'p50 ms':>6} | {'p95 ms':>6} | {'p99 ms':>6} | "
    )
    header += f"{'queries drawn/cached (small)':>28} | {'drawn ms':>8} | {'redrawn ms':>10} | goals |"
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    missed = []
    for page in selected:
        if page.note:
            print(f"| {page.label:26} | {page.note} |")
            continue
        r = page.result
        ratio = r["rps"] / ping
        large, warm, small = page.queries
        problems = []
        if large is not None and (large > MAX_QUERIES or (small is not None and small != large)):
            problems.append("queries")
        if page.html and ratio < MIN_RATIO:
            problems.append("throughput")
        if page.html and r["p95"] >= MAX_P95_MS:
            problems.append("p95")
        if r["errors"]:
            problems.append("errors")
        verdict = "met" if not problems else "MISSED: " + ", ".join(problems)
        if problems:
            missed.append(page.key)
        q = f"{large}/{warm}" + (f" ({small})" if small is not None else "")
        times = f"{page.drawn_ms:8.0f} | {page.redrawn_ms:10.0f}"
        print(f"| {page.label:26} | {r['rps']:7.1f} | {ratio:6.3f} | {r['p50']:6.1f} | {r['p95']:6.1f} | "
              f"{r['p99']:6.1f} | {q:>28} | {times} | {verdict} |")  # fmt: skip
        page.result.update(ratio=ratio, queries=large, queries_cached=warm, queries_small=small)
        page.result.update(drawn_ms=page.drawn_ms, redrawn_ms=page.redrawn_ms)
        page.result["verdict"] = verdict
    if export:
        met = export["cold_median_s"] < MAX_PDF_SECONDS
        print(f"Plan PDF of the big plan, laid out afresh: median {export['cold_median_s']:.2f} s over 5 "
              f"(goal < {MAX_PDF_SECONDS} s: {'met' if met else 'MISSED'}); a repeat download "
              f"{export['download_s'][1] * 1000:.0f} ms")  # fmt: skip
        if not met:
            missed.append("pdf")
    if args.json:
        Path(args.json).write_text(
            json.dumps({**{p.key: p.result or {"note": p.note} for p in selected}, "pdf": export}, indent=2),
            encoding="utf-8",
        )
    print()
    print("All goals met." if not missed else f"Goals missed by: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
