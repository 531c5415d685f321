"""Fill an empty PostgreSQL database with a large, realistic dataset for the benchmark (bench/run.sh).

    DATABASE_URL=postgres://… .venv/bin/python bench/build_dataset.py [--out bench-info.json] [--seed 2026]

What it builds (deterministic for a given --seed; the parts are in bench/dataset/):
- our side: a VP, 2 directors and 7 team leads (10 managers) over a 4-level team tree, 50 reps in the 7
  teams; `director1` manages all of them (50 reps, 5,000 projects), `director2` three teams;
- 2,000 accounts, about 21,000 contacts (10 per account, with a reporting line), history for both;
- 5,000 projects (about 100 per rep; rep50 has 10) with their control points, engagement, ~26,000 chain
  members and ~15,000 pains;
- 100,000 activities with their people, contacts and asks, 20,000 of the done visits with a submitted visit
  information sheet (realistic `data`, and the activity it recorded) and the task its next step became;
- the "big plan", project 1 of `rep01`: 60 contacts in its chain, 150 activities;
- the 1,000-contact project of `rep02`: an account of 1,010 contacts, 1,000 of them in the chain, and
  1,000 activities.

Rows go in with PostgreSQL's COPY (ids assigned here, sequences reset afterwards): under a minute on two
cores. Then every project's warnings are evaluated and stored, as the daily `manage.py refresh_warnings`
leaves them (the desks and the team report read those rows): a few minutes more. The database must be
migrated and empty (no users). The last line printed is a JSON object with what bench/measure.py needs
(usernames, ids, a search term); --out also writes it to a file.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salescamp.settings")


def build(seed: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.dataset import activities, deals, org
    from bench.dataset.base import Dataset, reset_sequences
    from bench.dataset.words import PASSWORD
    from projects.stored_warnings.refresh import refresh
    from salescamp.models import User

    if connection.vendor != "postgresql":
        sys.exit("build_dataset.py needs PostgreSQL (set DATABASE_URL=postgres://…).")
    if User.objects.exists():
        sys.exit("The database already has users: build the dataset into a freshly migrated, empty database.")

    started = time.monotonic()
    d = Dataset(rng=random.Random(seed), today=timezone.localdate(), now=timezone.now())
    with transaction.atomic():
        org.add_people(d, make_password(PASSWORD))
        org.add_accounts(d)
        deals.add_projects(d)
        deals.add_chains(d)
        activities.add_visit_sheets(d, activities.add_activities(d))
        reset_sequences(d.tables)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    copied = time.monotonic() - started
    failed = refresh([p[0] for p in d.projects], today=d.today)  # what the daily refresh_warnings stores
    if failed:
        sys.exit(f"The warnings of {len(failed)} projects could not be evaluated: {failed[:20]}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE projects_currentwarning")
        cursor.execute("SELECT count(*) FROM projects_currentwarning")
        d.counts["projects_currentwarning (evaluated)"] = cursor.fetchone()[0]

    username = {u[0]: u[1] for u in d.users}
    by_name = {name: uid for uid, name in username.items()}
    rep, huge_owner = "rep01", "rep02"
    # A typical account of rep01's team (10 contacts), and a sheet of a typical project of rep01's.
    team = d.rep_team[by_name[rep]]
    typical_account = next(
        a[0] for a in d.accounts if a[1] == team and a[0] not in (d.big_account, d.huge_account)
    )
    typical_sheet = next(s[0] for s in d.sheets if s[1] != d.big_project and s[2] == by_name[rep])
    typical_project = next(p[0] for p in d.projects if p[2] == by_name[rep] and p[0] != d.big_project)
    return {
        "password": PASSWORD,
        "rep": rep,
        "manager": "lead1",
        "director": "director1",  # manages every team: 50 reps, 5,000 projects
        "small_rep": username[d.reps[-1]],
        "huge_owner": huge_owner,
        "big_project": d.big_project,
        "huge_project": d.huge_project,
        "big_account": d.big_account,
        "account": typical_account,
        "project": typical_project,
        "visit": typical_sheet,
        "big_visit": 1,  # the big plan's visits got the first sheet ids
        "search": "东北",  # every account of rep01's team is in 东北: a full page of 50 of 285 hits
        "search_rare": "0042",
        "reps_under_director": len(d.reps),
        "projects_under_director": len(d.projects),
        "huge_chain": len(d.chain_of[d.huge_project]),
        "seconds": round(copied, 1),
        "warnings_seconds": round(time.monotonic() - started - copied, 1),
        "rows": d.counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="also write the JSON summary to this file")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    import django

    django.setup()
    info = build(args.seed)
    total = sum(info["rows"].values())
    print(f"Built {total:,} rows in {info['seconds']} s, warnings stored in {info['warnings_seconds']} s:",
          file=sys.stderr)  # fmt: skip
    for table, n in info["rows"].items():
        print(f"  {table:40} {n:>9,}", file=sys.stderr)
    line = json.dumps(info, ensure_ascii=False)
    if args.out:
        Path(args.out).write_text(line + "\n", encoding="utf-8")
    print(line)


if __name__ == "__main__":
    main()
