"""Projects (with their history), control points, engagement, the decision chains and their pains."""

from datetime import timedelta
from decimal import Decimal

from bench.dataset.base import Dataset
from bench.dataset.words import (
    BIG_CHAIN,
    HUGE_CHAIN,
    PAIN_KINDS,
    PAINS,
    PROJECT_WORDS,
    PROJECTS_PER_REP,
    REPS,
    STAGES,
)

PROJECT_COLUMNS = [
    "id", "account_id", "name", "owner_id", "team_id", "stage", "outcome_reason", "amount", "expected_close",
    "our_price", "their_price", "state", "state_signs", "strategy", "created_at", "updated_at", "version",
]  # fmt: skip
PROJECT_HISTORY_COLUMNS = [
    "id", "name", "stage", "outcome_reason", "amount", "expected_close", "our_price", "their_price", "state",
    "state_signs", "strategy", "account_id", "owner_id", "team_id", "history_id", "history_date",
    "history_change_reason", "history_type", "history_user_id",
]  # fmt: skip
MEMBER_COLUMNS = [
    "id", "project_id", "contact_id", "roles", "stance", "depth", "owner_id", "acquaintance", "added_on",
    "version",
]  # fmt: skip


def add_projects(d: Dataset) -> None:
    """About 100 projects per rep (rep50 has 10: a small desk, to check query counts do not grow); rep01's
    first is the big plan, rep02's first the 1,000-contact project."""
    rng, today, now = d.rng, d.today, d.now
    accounts_of_team: dict[int, list[int]] = {}
    for a in d.accounts:
        accounts_of_team.setdefault(a[1], []).append(a[0])
    per_rep = dict.fromkeys(d.reps, PROJECTS_PER_REP)
    per_rep[d.reps[-1]] = 10
    for i in range(PROJECTS_PER_REP - 10):
        per_rep[d.reps[1 + i % (REPS - 2)]] += 1
    special = {(d.reps[0], 0): (d.big_account, "negotiation"), (d.reps[1], 0): (d.huge_account, "tender")}
    for rep in d.reps:
        team = d.rep_team[rep]
        for k in range(per_rep[rep]):
            pid = len(d.projects) + 1
            account, stage = special.get((rep, k)) or (rng.choice(accounts_of_team[team]), rng.choice(STAGES))
            start = today - timedelta(days=rng.randrange(30, 700))
            d.projects.append((pid, account, rep, team, stage, start))
            if (rep, k) == (d.reps[0], 0):
                d.big_project = pid
            elif (rep, k) == (d.reps[1], 0):
                d.huge_project = pid
    account_name = {a[0]: a[2] for a in d.accounts}
    rows = []
    for p, account, owner, team, stage, start in d.projects:
        amount = Decimal(rng.randrange(20, 2000) * 10000)
        touched = now - timedelta(days=rng.randrange(0, 120), minutes=rng.randrange(1440))
        rows.append(
            (
                p, account, f"{account_name[account][:6]}{rng.choice(PROJECT_WORDS)}项目{p}", owner, team,
                stage, "项目复盘：价格与关系" if stage in ("won", "lost") else "", amount,
                start + timedelta(days=rng.randrange(60, 400)), amount, amount * Decimal("0.9"),
                rng.choice(["", "S1", "S2", "S2", "S3"]), [], rng.choice(["", "top_down", "bottom_up"]),
                d.at(start), touched, 1,
            )
        )  # fmt: skip
    d.put("projects_project", PROJECT_COLUMNS, rows)
    d.put(
        "projects_historicalproject",
        PROJECT_HISTORY_COLUMNS,
        (
            (r[0], r[2], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[1], r[3], r[4],
             i, r[14], None, "+", r[3])
            for i, r in enumerate(rows, start=1)
        ),
    )  # fmt: skip
    d.put(
        "projects_controlpoint",
        ["id", "project_id", "number", "status", "actions", "version"],
        (
            (
                4 * (p[0] - 1) + n,
                p[0],
                n,
                rng.choice(["not_started", "not_started", "in_progress", "held"]),
                "约高层会晤\n技术参数写入标书" if n < 3 else "",
                1,
            )
            for p in d.projects
            for n in (1, 2, 3, 4)
        ),
    )
    engagements = [(p[0], p[2], "项目负责人") for p in d.projects]
    engagements += [(p[0], d.team_lead[p[3]], "组长支持") for p in d.projects if rng.random() < 0.3]
    d.put(
        "projects_engagement",
        ["id", "project_id", "user_id", "part", "version"],
        ((i, *e, 1) for i, e in enumerate(engagements, start=1)),
    )


def add_chains(d: Dataset) -> None:
    """3–7 chain members a project (BIG_CHAIN in the big plan, HUGE_CHAIN in the 1,000-contact project),
    six in ten with a pain."""
    rng = d.rng
    sizes = {d.big_project: BIG_CHAIN, d.huge_project: HUGE_CHAIN}
    members = []  # (id, project, contact, level)
    rows = []
    for p, account, _owner, team, _stage, start in d.projects:
        chosen = rng.sample(d.contacts_of[account], sizes.get(p) or rng.randint(3, 7))
        d.chain_of[p] = [c[0] for c in chosen]
        for c, level, _name, _boss in chosen:
            mid = len(members) + 1
            members.append((mid, p, c, level))
            roles = rng.choice([[], ["general"], ["key"], ["coach"], ["bridge"], ["key", "coach"]])
            holder = d.team_lead[team] if level >= 3 and rng.random() < 0.4 else None
            rows.append(
                (
                    mid, p, c, roles, rng.choice(["support", "neutral", "neutral", "oppose", "competitor"]),
                    rng.randint(1, 5), holder, rng.choice(["", "", "朋友介绍", "EMBA同学"]),
                    start + timedelta(days=rng.randrange(0, 30)), 1,
                )
            )  # fmt: skip
    d.put("projects_chainmember", MEMBER_COLUMNS, rows)
    pains = (
        (i, m[0], rng.choice(PAINS), rng.choice(PAIN_KINDS), 1)
        for i, m in enumerate((m for m in members if rng.random() < 0.6), start=1)
    )
    d.put("projects_pain", ["id", "member_id", "text", "kind", "version"], pains)
