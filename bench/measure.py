"""Measure the pages of a running server against the dataset of bench/build_dataset.py (bench/run.sh runs it).

    .venv/bin/python bench/measure.py --info bench-info.json --base http://127.0.0.1:8123 \
        [--duration 10s] [--connections 8] [--threads 2] [--only desk,team,pdf,hugepdf] [--json out.json]

Every page is drawn afresh on every request: the application keeps no drawn copies. Two yardsticks are
measured in the same run: `ping` (a bare view) and the reference page (bench/reference_urls.py: a plain
Django ListView of 200 contacts in a minimal template, signed in like the other pages).

1. SQL queries per page with Django's test client and CaptureQueriesContext in this process (same
   database, not through the server), for a large and a small subject: rep01 (100 projects) and rep50
   (10), director1 (50 reps, 5,000 projects) and lead1 (one team), an account of 80 contacts and one of
   10, the big plan and a typical project, the 1,000-contact project and a typical one. Goal: the same
   count for both, at most MAX_QUERIES. Also the time one request takes to draw each page (median of 5)
   and the size of what it sends; for the 1,000-contact project also its long lists asked for in full
   (`?all=chain|activities|warnings`, as htmx asks for them).
2. The big plan's PDF (60 contacts, 150 activities): laid out afresh five times the way the view does it
   (median), then downloaded through the server twice (the second a cache hit). Timed before the load
   runs: a manager's single download on a quiet server. The 1,000-contact project's PDF (`hugepdf`):
   the summary a manager gets by default (median of 3) and the full listing (`?full=1`, once).
3. Throughput and latency with wrk (loopback, `--latency`, p50/p95/p99 from a Lua `done` hook), signed
   in through sessions made here: each page warmed up for 2 s, then measured for --duration (at least
   SLOW_SECONDS for a page drawn in over SLOW_MS alone); ping again at the end, to show how steady the
   machine was.

Goals (the table says which are met): every HTML page ≥ 1/20 of ping's requests/s and ≥ 1/2 of the
reference page's, p95 < 100 ms, ≤ MAX_QUERIES queries and the same for small and large subjects; the
director's team desk drawn in ≤ 3× the reference page's time; the 1,000-contact project page drawn in
< 1 s; the big plan's PDF laid out in ≤ 1.5 s; the 1,000-contact project's default PDF laid out in
< 15 s. Exits 1 if one is missed. Each wrk run records the load average (1 min) at its end: the machine
may be shared, and the table says how busy it was.

Needs the server's environment (DATABASE_URL, SECRET_KEY: the session's auth hash is signed with it).
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The reference page is only in the benchmark's URLconf.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from bench.load import drain, run_wrk, status_of  # noqa: E402

MAX_QUERIES = 15
MIN_PING_RATIO = 1 / 20
MIN_REFERENCE_RATIO = 1 / 2
MAX_P95_MS = 100.0
MAX_TEAM_DESK_TIMES_REFERENCE = 3.0
MAX_HUGE_PROJECT_MS = 1000.0
MAX_PDF_SECONDS = 1.5
MAX_HUGE_PDF_SECONDS = 15.0
DRAW_RUNS = 5
# A page that takes this long alone answers a handful of requests in a 10 s run at 8 connections: it runs
# for SLOW_SECONDS at least, so its percentiles rest on a few dozen.
SLOW_MS = 500
SLOW_SECONDS = 30


@dataclass
class Page:
    key: str
    label: str
    user: str | None  # who is signed in (None: nobody)
    path: str  # the large subject: measured with wrk
    small_path: str | None = None  # the same page for a small subject (query counts)
    small_user: str | None = None
    html: bool = True
    yardstick: bool = False  # ping and the reference page: measured, not judged
    queries: tuple[int | None, int | None] = (None, None)  # large subject, small subject
    drawn_ms: float | None = None  # one request drawing the page (median of DRAW_RUNS), in this process
    kb: float | None = None  # the size of the page it sends
    result: dict = field(default_factory=dict)


def pages(info: dict) -> list[Page]:
    from bench.reference_urls import REFERENCE_PATH

    q, rare = quote(info["search"]), quote(info["search_rare"])
    return [
        Page("ping", "ping (bare view)", None, "/ping/", "/ping/", html=False, yardstick=True),
        Page("reference", "reference: ListView, 200 rows", info["rep"], REFERENCE_PATH, REFERENCE_PATH,
             yardstick=True),
        Page("desk", "rep desk /", info["rep"], "/", "/", small_user=info["small_rep"]),
        Page("team", "team desk, director (50 reps)", info["director"], "/team/", "/team/",
             small_user=info["manager"]),
        Page("search", "accounts ?q=", info["rep"], f"/accounts/?q={q}", f"/accounts/?q={rare}"),
        Page("account", "account page (80 contacts)", info["rep"], f"/accounts/{info['big_account']}/",
             f"/accounts/{info['account']}/"),
        Page("project", "project page (big plan)", info["rep"], f"/projects/{info['big_project']}/",
             f"/projects/{info['project']}/"),
        Page("plan", "plan page (big plan)", info["rep"], f"/projects/{info['big_project']}/plan/",
             f"/projects/{info['project']}/plan/"),
        Page("huge", "project page (1,000 contacts)", info["huge_owner"],
             f"/projects/{info['huge_project']}/", f"/projects/{info['project']}/", small_user=info["rep"]),
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


def client_for(username: str | None):
    from django.test import Client

    from salescamp.models import User

    client = Client(SERVER_NAME="127.0.0.1")
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def count_queries(username: str | None, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(username)
    client.get(path)  # what a process reads once (content types, translations) is not the page's
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} as {username}: HTTP {response.status_code}")
    return len(captured)


def drawn_ms(
    user: str | None, path: str, runs: int = DRAW_RUNS, headers: dict | None = None
) -> tuple[float, float]:
    """How long one request takes on a quiet server (test client in this process): median of `runs`; and
    the size of the body in KB."""
    client = client_for(user)
    client.get(path, headers=headers)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(response.content) / 1024


def huge_partials(info: dict) -> dict[str, tuple[float, float]]:
    """The 1,000-contact project's long lists asked for in full, as htmx asks (only that part is drawn)."""
    path = f"/projects/{info['huge_project']}/"
    return {
        part: drawn_ms(info["huge_owner"], f"{path}?all={part}", headers={"HX-Request": "true"})
        for part in ("chain", "activities", "warnings")
    }


def director_scope(username: str) -> tuple[int, int]:
    """(reps, projects) the director's team desk covers, by the application's own access rules."""
    from projects.deals.access import visible_projects
    from salescamp.models import Membership, User

    user = User.objects.get(username=username)
    teams = user.managed_team_ids()
    reps = Membership.objects.filter(team_id__in=teams, user__rank=1).values("user").distinct().count()
    return reps, visible_projects(user).filter(team_id__in=teams).count()


def pdf_export(info: dict, base: str, cookie: str, runs: int = 5) -> dict:
    """The big plan's PDF: laid out afresh `runs` times in this process as the view does it (the PDF
    cache bypassed: median), then downloaded through the server twice (the second is the cache hit a
    repeat download gets)."""
    from projects.deals.access import project_for
    from projects.plans.pdf import plan_pdf
    from projects.plans.selectors import comments_by_section, live_version
    from salescamp.models import User

    user = User.objects.get(username=info["rep"])
    times = []
    for _ in range(runs + 1):  # the first loads WeasyPrint, Pango and the fonts: not counted
        started = time.perf_counter()
        project = project_for(user, info["big_project"])
        version = live_version(project)
        plan_pdf(version=version, comments=comments_by_section(project), use_cache=False)
        times.append(time.perf_counter() - started)
    downloads = []
    for _ in range(2):
        started = time.perf_counter()
        status = status_of(base, f"/projects/{info['big_project']}/plan.pdf", cookie, timeout=120)
        downloads.append(time.perf_counter() - started)
        if status != 200:
            sys.exit(f"plan.pdf: HTTP {status} from the server (expected 200)")
    times = times[1:]
    return {"median_s": statistics.median(times), "runs_s": times, "download_s": downloads}


def huge_pdf(info: dict, base: str, cookie: str, runs: int = 3) -> dict:
    """The 1,000-contact project's PDF laid out afresh as the view does it: the summary a manager gets by
    default (median of `runs`, then one download through the server) and the full listing (?full=1), once:
    it takes tens of seconds."""
    from projects.deals.access import project_for
    from projects.plans.pdf import plan_pdf
    from projects.plans.selectors import comments_by_section, live_version
    from salescamp.models import User

    user = User.objects.get(username=info["huge_owner"])

    def lay_out(full: bool) -> tuple[float, int]:
        started = time.perf_counter()
        project = project_for(user, info["huge_project"])
        body = plan_pdf(version=live_version(project), comments=comments_by_section(project), full=full,
                        use_cache=False)  # fmt: skip
        return time.perf_counter() - started, len(body)

    summary = [lay_out(False) for _ in range(runs)]
    started = time.perf_counter()
    status = status_of(base, f"/projects/{info['huge_project']}/plan.pdf", cookie, timeout=120)
    download = time.perf_counter() - started
    if status != 200:
        sys.exit(f"plan.pdf of the 1,000-contact project: HTTP {status} from the server (expected 200)")
    full_s, full_bytes = lay_out(True)
    return {
        "summary_s": statistics.median(t for t, _ in summary),
        "summary_runs_s": [t for t, _ in summary],
        "summary_kb": summary[0][1] / 1024,
        "summary_download_s": download,
        "full_s": full_s,
        "full_kb": full_bytes / 1024,
        "load": os.getloadavg()[0],
    }


def seconds(duration: str) -> float:
    """wrk's duration (10s, 2m, 1h, or plain seconds) in seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    return float(duration[:-1]) * units[duration[-1]] if duration[-1] in units else float(duration)


def verdict(page: Page, ping: float, reference: float) -> list[str]:
    """The general goals this page misses (none for the yardsticks)."""
    if page.yardstick:
        return []
    r, (large, small) = page.result, page.queries
    problems = []
    if large is not None and (large > MAX_QUERIES or (small is not None and small != large)):
        problems.append("queries")
    if page.html and r["rps"] < MIN_PING_RATIO * ping:
        problems.append("× ping")
    if page.html and r["rps"] < MIN_REFERENCE_RATIO * reference:
        problems.append("× reference")
    if page.html and r["p95"] >= MAX_P95_MS:
        problems.append("p95")
    if r["errors"]:
        problems.append("errors")
    if not r["requests"]:
        problems.append(f"none answered in {r['duration']}")
    return problems


def print_table(selected: list[Page], ping: float, reference: float) -> list[str]:
    header = (
        f"| {'page':30} | {'req/s':>7} | {'× ping':>6} | {'× ref':>6} | {'p50 ms':>6} | {'p95 ms':>6} | "
        f"{'p99 ms':>6} | {'queries (small)':>15} | {'drawn ms':>8} | {'KB':>5} | {'load':>4} | goals |"
    )
    print(header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|")
    missed = []
    for page in selected:
        r = page.result
        problems = verdict(page, ping, reference)
        if problems:
            missed.append(page.key)
        large, small = page.queries
        q = f"{large} ({small})" if small is not None else str(large)
        shown = "yardstick" if page.yardstick else "met" if not problems else "MISSED: " + ", ".join(problems)
        r.update(ping_ratio=r["rps"] / ping, reference_ratio=r["rps"] / reference, queries=large,
                 queries_small=small, drawn_ms=page.drawn_ms, kb=page.kb, verdict=shown)  # fmt: skip
        cells = [f"{r[key]:6.1f}" if r["requests"] else f"{'—':>6}" for key in ("p50", "p95", "p99")]
        latencies = " | ".join(cells)
        print(f"| {page.label:30} | {r['rps']:7.1f} | {r['ping_ratio']:6.3f} | {r['reference_ratio']:6.3f} | "
              f"{latencies} | {q:>15} | {page.drawn_ms:8.0f} | {page.kb:5.0f} | {r['load']:4.1f} | "
              f"{shown} |")  # fmt: skip
    return missed


def special_goals(
    by_key: dict[str, Page], export: dict | None, scope: tuple[int, int] | None, huge_export: dict | None
) -> list[str]:
    """The goals of the director's team desk, the 1,000-contact project and the PDFs; prints each."""
    missed = []

    def report(key: str, text: str, met: bool) -> None:
        print(f"{text}: {'met' if met else 'MISSED'}")
        if not met:
            missed.append(key)

    reference = by_key["reference"]
    if "team" in by_key:
        team = by_key["team"]
        times = team.drawn_ms / reference.drawn_ms
        under_load = team.result["p50"] / reference.result["p50"] if team.result["requests"] else float("nan")
        reps, projects = scope
        report("team-time", f"Team desk of a director over {reps} reps and {projects:,} projects, drawn "
               f"afresh: {team.drawn_ms:.0f} ms = {times:.1f}× the reference page's {reference.drawn_ms:.1f} "
               f"ms (p50 under load {under_load:.1f}×; goal ≤ {MAX_TEAM_DESK_TIMES_REFERENCE:.0f}×)",
               times <= MAX_TEAM_DESK_TIMES_REFERENCE)  # fmt: skip
    if "huge" in by_key:
        huge = by_key["huge"]
        report("huge-time", f"Project page of the 1,000-contact project, drawn afresh: {huge.drawn_ms:.0f} "
               f"ms, {huge.kb:.0f} KB (goal < {MAX_HUGE_PROJECT_MS:.0f} ms)",
               huge.drawn_ms < MAX_HUGE_PROJECT_MS)  # fmt: skip
    if export:
        runs = ", ".join(f"{t:.2f}" for t in export["runs_s"])
        again = export["download_s"][1] * 1000
        report("pdf", f"Plan PDF of the big plan, laid out afresh: median {export['median_s']:.2f} s of "
               f"{runs} (goal ≤ {MAX_PDF_SECONDS} s; a repeat download {again:.0f} ms)",
               export["median_s"] <= MAX_PDF_SECONDS)  # fmt: skip
    if huge_export:
        h = huge_export
        runs = ", ".join(f"{t:.2f}" for t in h["summary_runs_s"])
        report("huge-pdf", f"PDF of the 1,000-contact project: the summary (default) laid out in median "
               f"{h['summary_s']:.2f} s of {runs} ({h['summary_kb']:.0f} KB; downloaded in "
               f"{h['summary_download_s']:.2f} s), the full listing (?full=1) in {h['full_s']:.1f} s "
               f"({h['full_kb']:.0f} KB); load {h['load']:.1f} (goal: the default < "
               f"{MAX_HUGE_PDF_SECONDS:.0f} s)",
               h["summary_s"] < MAX_HUGE_PDF_SECONDS)  # fmt: skip
    return missed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--info", required=True, help="the JSON written by build_dataset.py --out")
    parser.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8123")
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated page keys and/or pdf (ping and reference "
                        "are always measured)")  # fmt: skip
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")

    import django

    django.setup()
    info = json.loads(Path(args.info).read_text(encoding="utf-8"))
    only = set(args.only.split(",")) - {""}
    selected = [page for page in pages(info) if not only or page.yardstick or page.key in only]
    by_key = {page.key: page for page in selected}
    cookies = session_cookies({page.user for page in selected if page.user} | {info["rep"]})
    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    scope = director_scope(info["director"]) if "team" in by_key else None

    for page in selected:
        status = status_of(args.base, page.path, cookies.get(page.user))
        if status != 200:
            sys.exit(f"{page.path} as {page.user}: HTTP {status} from the server (expected 200)")
        large = count_queries(page.user, page.path)
        small = count_queries(page.small_user or page.user, page.small_path) if page.small_path else None
        page.queries = (large, small)
        page.drawn_ms, page.kb = drawn_ms(page.user, page.path)
        print(f"queries  {page.label:30} {large:>3} (small: {small}); drawn in {page.drawn_ms:.0f} ms, "
              f"{page.kb:.0f} KB; load {os.getloadavg()[0]:.2f}")  # fmt: skip
    partials = huge_partials(info) if "huge" in by_key else {}
    for part, (ms, kb) in partials.items():
        print(f"partial  1,000-contact project ?all={part:10} drawn in {ms:.0f} ms, {kb:.0f} KB")

    export = None
    if not only or "pdf" in only:
        export = pdf_export(info, args.base, cookies[info["rep"]])
        first, again = export["download_s"]
        runs = ", ".join(f"{t:.2f}" for t in export["runs_s"])
        print(f"pdf      plan PDF (big plan) laid out in {runs} s; downloaded in {first:.2f}, {again:.2f} s")
    huge_export = None
    if not only or "hugepdf" in only:
        huge_export = huge_pdf(info, args.base, cookies[info["huge_owner"]])
        print(f"pdf      1,000-contact project: summary {huge_export['summary_s']:.2f} s, "
              f"full {huge_export['full_s']:.1f} s")  # fmt: skip

    def measure(page: Page) -> dict:
        cookie = cookies.get(page.user)
        options = {"threads": args.threads, "connections": args.connections}
        warm_up = run_wrk(args.base, page.path, cookie, duration="2s", **options)  # not recorded
        drain(args.base, warm_up)
        duration = args.duration
        if page.drawn_ms and page.drawn_ms > SLOW_MS and seconds(duration) < SLOW_SECONDS:
            duration = f"{SLOW_SECONDS}s"
        result = run_wrk(args.base, page.path, cookie, duration=duration, **options)
        drain(args.base, result)
        result["load"] = os.getloadavg()[0]
        r = result
        latency = f"p50 {r['p50']:7.1f}  p95 {r['p95']:7.1f}  p99 {r['p99']:7.1f} ms"
        print(f"wrk      {page.label:30} {r['rps']:8.1f} req/s ({r['requests']} in {duration})  {latency}  "
              f"errors {r['errors']}  load {r['load']:.2f}")  # fmt: skip
        return result

    for page in selected:
        page.result = measure(page)
    ping_again = measure(by_key["ping"])
    load_after = os.getloadavg()

    ping, reference = by_key["ping"].result["rps"], by_key["reference"].result["rps"]
    print()
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration} (at least {SLOW_SECONDS}s for pages "
          f"drawn in over {SLOW_MS} ms) on {args.base}; ping {ping:.0f} "
          f"req/s at the start, {ping_again['rps']:.0f} at the end; load average {load_before[0]:.2f} "
          f"before, {load_after[0]:.2f} after (1 min)")  # fmt: skip
    print(f"General goals: queries ≤ {MAX_QUERIES} and the same for the small subject; HTML ≥ 1/20 of "
          f"ping's req/s and ≥ 1/2 of the reference page's; p95 < {MAX_P95_MS:.0f} ms. Every page is "
          "drawn afresh.")  # fmt: skip
    missed = print_table(selected, ping, reference)
    print()
    missed += special_goals(by_key, export, scope, huge_export)
    if args.json:
        figures = {page.key: page.result for page in selected}
        figures.update(pdf=export, huge_pdf=huge_export, huge_partials=partials, ping_again=ping_again,
                       load_before=load_before, load_after=load_after, director_scope=scope)  # fmt: skip
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print()
    print("All goals met." if not missed else f"Goals missed by: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
