"""Our side (users, the team tree, memberships) and theirs (accounts, contacts, both with history)."""

from datetime import timedelta

from bench.dataset.base import Dataset
from bench.dataset.words import (
    ACCOUNTS,
    BIG_CHAIN,
    CONTACTS_PER_ACCOUNT,
    DEPARTMENTS,
    FUNCTIONS,
    HUGE_CHAIN,
    INDUSTRIES,
    ORG_WORDS,
    PAINS,
    PERSONALITIES,
    REGIONS,
    REPS,
    TEAMS,
    TITLES,
)

USER_COLUMNS = [
    "id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
    "is_active", "date_joined", "display_name", "rank", "weekly_visit_target",
]  # fmt: skip
CONTACT_COLUMNS = [
    "id", "account_id", "name", "title", "level", "function", "procurement_group", "reports_to_id",
    "personality", "phone", "wechat", "email", "notes", "created_at", "updated_at", "version", "department",
]  # fmt: skip
HISTORY_COLUMNS = ["history_id", "history_date", "history_change_reason", "history_type", "history_user_id"]


def add_people(d: Dataset, password: str) -> None:
    """A VP over the sales centre; director1 over 大客户事业部, which holds four teams and director2's
    能源行业部 with the other three: director1 manages all 50 reps (the team desk's big subject)."""
    rng = d.rng
    joined = d.now - timedelta(days=800)

    def add_user(username, display, rank, target=10):
        uid = len(d.users) + 1
        d.users.append((uid, username, display, rank, target))
        return uid

    vp = add_user("vp", "周副总", 4)
    directors = [add_user(f"director{i}", f"总监{i}", 3) for i in (1, 2)]
    leads = [add_user(f"lead{i}", f"组长{i}", 2) for i in range(1, TEAMS + 1)]
    d.reps = [
        add_user(f"rep{i:02d}", f"销售{d.person_name()}", 1, rng.choice([8, 10, 12]))
        for i in range(1, REPS + 1)
    ]
    d.put(
        "salescamp_user",
        USER_COLUMNS,
        (
            (i, password, False, u, "", "", f"{u}@example.com", False, True, joined, name, rank, target)
            for i, u, name, rank, target in d.users
        ),
    )
    teams = [
        (1, "销售中心", vp, None),
        (2, "大客户事业部", directors[0], 1),
        (3, "能源行业部", directors[1], 2),
    ]
    leaf_teams = []
    for i, lead in enumerate(leads):
        team_id = 4 + i
        teams.append((team_id, f"{INDUSTRIES[i]}{i + 1}组", lead, 2 if i < 4 else 3))
        leaf_teams.append(team_id)
    d.put("salescamp_team", ["id", "name", "leader_id", "parent_id"], teams)
    memberships = [(vp, 1), (directors[0], 2), (directors[1], 3)]
    memberships += [(lead, team) for lead, team in zip(leads, leaf_teams, strict=True)]
    d.rep_team = {rep: leaf_teams[i % TEAMS] for i, rep in enumerate(d.reps)}
    memberships += list(d.rep_team.items())
    d.team_lead = dict(zip(leaf_teams, leads, strict=True))
    d.put(
        "salescamp_membership",
        ["id", "user_id", "team_id", "joined_on"],
        ((i, u, t, joined.date()) for i, (u, t) in enumerate(memberships, start=1)),
    )


def add_accounts(d: Dataset) -> None:
    """2,000 accounts of 10 contacts each, except the big plan's (BIG_CHAIN + 10) and the 1,000-contact
    project's (HUGE_CHAIN + 10), with their history (the account page reads it)."""
    rng, created = d.rng, d.created
    leaf_teams = list(d.team_lead)
    for i in range(1, ACCOUNTS + 1):
        region, industry = REGIONS[i % len(REGIONS)], INDUSTRIES[(i // 7) % len(INDUSTRIES)]
        name = f"{region}{industry}{ORG_WORDS[i % len(ORG_WORDS)]}{i:04d}"
        d.accounts.append((i, leaf_teams[i % TEAMS], name, industry, region))
    d.put(
        "accounts_account",
        ["id", "name", "industry", "region", "parent_id", "team_id", "created_at", "updated_at", "version"],
        ((i, n, ind, reg, None, t, created, created, 1) for i, t, n, ind, reg in d.accounts),
    )
    rep01, rep02 = d.reps[0], d.reps[1]
    d.big_account = next(a for a in d.accounts if a[1] == d.rep_team[rep01])[0]
    d.huge_account = next(a for a in d.accounts if a[1] == d.rep_team[rep02] and a[0] != d.big_account)[0]
    extra = {d.big_account: BIG_CHAIN + 10, d.huge_account: HUGE_CHAIN + 10}
    cid = 0
    for account_id, *_rest in d.accounts:
        n = CONTACTS_PER_ACCOUNT + extra.get(account_id, 0)
        rows = []
        by_level: dict[int, list[int]] = {}
        for k in range(n):
            cid += 1
            level = 4 if k == 0 else 3 if k < 3 else 2 if k < 3 + n * 3 // 10 else 1
            bosses = by_level.get(level + 1)
            boss = rng.choice(bosses) if bosses else (rows[0][0] if rows else None)
            rows.append((cid, level, d.person_name(), boss))
            by_level.setdefault(level, []).append(cid)
        d.contacts_of[account_id] = rows
    contact_rows = [
        (
            c,
            account_id,
            name,
            rng.choice(TITLES[level]),
            level,
            rng.choice(FUNCTIONS),
            rng.choice(["", "", "", "executing", "leadership"]),
            boss,
            rng.choice(PERSONALITIES),
            f"139{rng.randrange(10**8):08d}",
            "",
            "",
            "客户关系备注：" + rng.choice(PAINS),
            created,
            created,
            1,
            DEPARTMENTS[c % len(DEPARTMENTS)],  # from the id: the random draws stay those of earlier runs
        )
        for account_id, rows in d.contacts_of.items()
        for c, level, name, boss in rows
    ]
    # Contacts reference each other; Django's foreign keys are checked at commit (deferred).
    d.put("accounts_contact", CONTACT_COLUMNS, contact_rows)
    _add_history(d, contact_rows)


def _add_history(d: Dataset, contact_rows: list[tuple]) -> None:
    rng, created = d.rng, d.created
    lead_of_account = {a[0]: d.team_lead[a[1]] for a in d.accounts}
    hist = 0

    def account_history():
        nonlocal hist
        for i, t, n, ind, reg in d.accounts:
            hist += 1
            yield (i, n, ind, reg, None, t, hist, created, None, "+", lead_of_account[i])
            if i % 3 == 0:
                hist += 1
                later = created + timedelta(days=30)
                yield (i, n, ind, reg, None, t, hist, later, None, "~", lead_of_account[i])

    d.put(
        "accounts_historicalaccount",
        ["id", "name", "industry", "region", "parent_id", "team_id", *HISTORY_COLUMNS],
        account_history(),
    )
    hist = 0

    def contact_history():
        nonlocal hist
        for r in contact_rows:
            c, account_id, name, title, level, function, group, boss, pers, phone = r[:10]
            notes, department = r[12], r[16]
            base = (c, name, title, level, function, group, pers, phone, "", "", notes, account_id, boss,
                    department)  # fmt: skip
            hist += 1
            yield (*base, hist, created, None, "+", lead_of_account[account_id])
            if c % 4 == 0:  # a title change later on
                hist += 1
                changed = (c, name, rng.choice(TITLES[level]), *base[3:])
                when = created + timedelta(days=rng.randrange(1, 700))
                yield (*changed, hist, when, None, "~", lead_of_account[account_id])

    d.put(
        "accounts_historicalcontact",
        [
            "id", "name", "title", "level", "function", "procurement_group", "personality", "phone",
            "wechat", "email", "notes", "account_id", "reports_to_id", "department", *HISTORY_COLUMNS,
        ],
        contact_history(),
    )  # fmt: skip
