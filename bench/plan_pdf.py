"""How long the plan PDF of a big project takes: 60 contacts in the chain, 150 activities.

    .venv/bin/python bench/plan_pdf.py [--contacts 60] [--activities 150] [--runs 5] [--keep out.pdf]
                                       [--split]

Builds the project in a throwaway SQLite database (deleted afterwards), then renders the PDF the way the
view does (read the project, load the plan and its warnings of today, render the template, WeasyPrint)
`--runs` times and prints each time and the median. `--split` also times the template, WeasyPrint's layout
and its write_pdf (drawing, font subsetting) apart, by taking projects.printing.render_pdf's steps one by
one. The figure is reported in docs/performance.md.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(contacts: int, activities: int):
    from accounts.models import Account, Contact
    from projects.deals import services
    from projects.deals.models import (
        Activity,
        ChainMember,
        Competitor,
        InternalSale,
        NegotiationTerm,
        Pain,
        Project,
        ResourcePlanItem,
        TenderItem,
    )
    from salescamp.models import Membership, Team, User

    lead = User.objects.create(username="lead", display_name="王组长", rank=2)
    rep = User.objects.create(username="rep", display_name="小张", rank=1)
    director = User.objects.create(username="director", display_name="陈总监", rank=3)
    team = Team.objects.create(name="电网一组", leader=lead)
    for user in (lead, rep, director):
        Membership.objects.create(user=user, team=team)
    account = Account.objects.create(name="国网东北分部", team=team, industry="电力")
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
    titles = {1: "专责", 2: "主任", 3: "副总", 4: "总经理"}
    people, bosses = [], []
    for i in range(contacts):
        level = 4 if i == 0 else 3 if i < 4 else 2 if i < 16 else 1
        contact = Contact.objects.create(
            account=account,
            name=f"{surnames[i % len(surnames)]}{titles[level][0]}{i}",
            title=titles[level],
            level=level,
            function=["technical", "procurement", "user", "finance"][i % 4],
            reports_to=bosses[(i - 1) // 4] if i > 0 and (i - 1) // 4 < len(bosses) else None,
        )
        if level >= 2:
            bosses.append(contact)
        people.append(contact)
    project = services.project_create(
        project=Project(
            account=account,
            name="配电自动化集采项目",
            owner=rep,
            team=team,
            stage="negotiation",
            amount=Decimal("3800000"),
            state="S2",
            strategy="top_down",
            our_price=Decimal("3800000"),
            their_price=Decimal("3500000"),
        ),
        by=rep,
    )
    roles = [["bridge"], ["coach"], ["key"], ["general"], []]
    members = []
    for i, contact in enumerate(people):
        member = ChainMember.objects.create(
            project=project,
            contact=contact,
            roles=roles[i % len(roles)],
            depth=1 + i % 5,
            owner=director if contact.level >= 3 else None,
        )
        Pain.objects.create(member=member, text=f"关心可靠性与交付（{i}）", kind="reliability")
        members.append(member)
        if i % 3 == 0:
            ResourcePlanItem.objects.create(member=member, resource="info.success_case", note="华北案例")
    kinds = ["visit", "tech_exchange", "business_talk", "site_visit", "exec_meeting", "banquet"]
    start = date.today() - timedelta(days=200)
    for i in range(activities):
        activity = Activity.objects.create(
            project=project,
            kind=kinds[i % len(kinds)],
            date=start + timedelta(days=i * 2),
            done=i < activities * 2 // 3,
            goal=f"第 {i} 次：推进技术方案与商务条款",
            hook="下次带案例材料来",
            resources=["info.professional"] if i % 4 == 0 else [],
        )
        activity.contacts.set([people[i % contacts], people[(i * 7) % contacts]])
        activity.our_people.set([rep] if i % 5 else [rep, director])
    for i in range(3):
        competitor = Competitor.objects.create(project=project, name=f"友商{'ABC'[i]}", our_edge="可靠性数据")
        competitor.supporters.set(people[i * 5 : i * 5 + 2])
    for kind in ("advantage", "contract_department", "acceptance_department"):
        TenderItem.objects.create(project=project, kind=kind, text="可靠性指标写入技术规范")
    for i in range(5):
        NegotiationTerm.objects.create(
            project=project,
            term=f"条款 {i}",
            cost_to_us=Decimal(10000 * i),
            value_to_them=Decimal(30000 * i),
            offered=i % 2 == 0,
        )
    InternalSale.objects.create(
        project=project, target="presales", commitment="两名售前支持", status="committed"
    )
    return project


def page_count(body: bytes) -> str:
    try:
        from pypdf import PdfReader  # a test extra
    except ImportError:
        return "?"
    return str(len(PdfReader(io.BytesIO(body)).pages))


def split_render(pdf, version) -> tuple[bytes, dict[str, float]]:
    """pdf.plan_pdf without its cache, step by step: the template, WeasyPrint's layout, write_pdf."""
    from projects import printing

    started = time.perf_counter()
    html = pdf.plan_html(version=version)
    templated = time.perf_counter()
    stylesheets = [printing._stylesheet(name) for name in printing.STYLESHEETS]
    html_class = printing._html_class()
    document = html_class(string=html, base_url=printing.STATIC_BASE, url_fetcher=printing._fetcher())
    rendered = document.render(stylesheets=stylesheets)
    laid_out = time.perf_counter()
    body = rendered.write_pdf()
    written = time.perf_counter()
    steps = {"template": templated - started, "layout": laid_out - templated, "write": written - laid_out}
    return body, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=60)
    parser.add_argument("--activities", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="write the last PDF here")
    parser.add_argument("--cached", action="store_true", help="let repeated renders hit the PDF cache")
    parser.add_argument("--split", action="store_true", help="time template, layout and write_pdf apart")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="plan-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salescamp.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from projects.deals.access import project_for
    from projects.plans import pdf
    from projects.plans.selectors import live_version
    from salescamp.models import User

    try:
        call_command("migrate", verbosity=0)
        with translation.override("zh-hans"):
            project = build(args.contacts, args.activities)
            rep = User.objects.get(username="rep")
            times, cpu_times, splits, body = [], [], [], b""
            for run in range(args.runs):
                started = time.perf_counter()
                loaded = project_for(rep, project.pk)
                cpu = time.process_time()
                version = live_version(loaded)
                if args.split:
                    body, split = split_render(pdf, version)
                    splits.append(split)
                else:
                    body = pdf.plan_pdf(version=version, use_cache=args.cached)
                times.append(time.perf_counter() - started)
                cpu_times.append(time.process_time() - cpu)
                wall, cpu = times[-1], cpu_times[-1]
                steps = "".join(f", {name} {took:.2f}" for name, took in splits[-1].items()) if splits else ""
                print(f"run {run + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU{steps}, {len(body) // 1024} KiB")
        pages = page_count(body)
        print(
            f"plan PDF, {args.contacts} contacts, {args.activities} activities, {pages} pages: "
            f"median {statistics.median(times):.2f} s wall ({statistics.median(cpu_times):.2f} s CPU) "
            f"over {args.runs} runs{' (cache on)' if args.cached else ''}"
        )
        if splits:
            medians = {name: statistics.median(split[name] for split in splits) for name in splits[0]}
            print("median " + ", ".join(f"{name} {took:.2f} s" for name, took in medians.items()))
        if args.keep:
            Path(args.keep).write_bytes(body)
    finally:
        for leftover in Path(folder).glob("*"):
            leftover.unlink()
        os.rmdir(folder)


if __name__ == "__main__":
    main()
