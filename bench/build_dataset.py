"""Fill an empty PostgreSQL database with a large, realistic dataset for the benchmark (bench/run.sh).

    DATABASE_URL=postgres://… .venv/bin/python bench/build_dataset.py [--out bench-info.json] [--seed 2026]

What it builds (deterministic for a given --seed):
- our side: a VP, 2 directors and 7 team leads (10 managers) over a 3-level team tree, 50 reps in the 7 teams;
- 2,000 accounts, 20,000 contacts (10 per account, with a reporting line), history records for both;
- 5,000 projects (about 100 per rep; rep50 has 10) with their control points, engagement, ~25,000 chain
  members and ~15,000 pains;
- 100,000 activities with their people, contacts and asks, 20,000 of the done visits with a submitted visit
  information sheet (realistic `data`);
- one "big plan" project of rep `rep01`: 60 contacts in its chain, 150 activities.

Rows go in with PostgreSQL's COPY (ids assigned here, sequences reset afterwards): a few minutes at most on
two cores. The database must be migrated and empty (no users). The last line printed is a JSON object
with what bench/measure.py needs (usernames, ids, a search term); --out also writes it to a file.
"""

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salescamp.settings")

REPS = 50
TEAMS = 7
ACCOUNTS = 2_000
CONTACTS_PER_ACCOUNT = 10
PROJECTS_PER_REP = 100
ACTIVITIES = 100_000
VISIT_SHEETS = 20_000
BIG_CHAIN = 60
BIG_ACTIVITIES = 150
PASSWORD = "bench-2026"
SHANGHAI = ZoneInfo("Asia/Shanghai")

SURNAMES = (
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章云苏潘葛范彭郎鲁韦马"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海波宁鹏飞"
REGIONS = ["东北", "华北", "华东", "华南", "华中", "西南", "西北"]
INDUSTRIES = ["电力", "电网", "石化", "煤炭", "轨道交通", "水务", "冶金", "通信"]
ORG_WORDS = ["分公司", "集团", "研究院", "供电局", "检修公司", "建设公司", "物资公司", "设计院"]
TITLES = {
    4: ["总经理", "董事长"],
    3: ["副总经理", "总工程师", "总会计师"],
    2: ["主任", "处长", "部长"],
    1: ["专责", "工程师", "主管"],
}
FUNCTIONS = ["technical", "procurement", "user", "finance", "planning", "management"]
PERSONALITIES = ["unknown", "peacock", "tiger", "owl", "koala"]
STAGES = ["lead"] * 2 + ["opportunity"] * 3 + ["tender"] * 2 + ["negotiation"] * 2 + ["signed", "delivery"]
STAGES += ["won"] * 2 + ["lost"] * 2
KINDS = (
    ["visit"] * 10
    + ["phone"] * 3
    + ["tech_exchange"] * 2
    + ["business_talk"] * 2
    + [
        "site_visit",
        "exec_meeting",
        "banquet",
        "dinner",
        "gift",
    ]
)
TOPICS = ["product_features", "roi", "long_term_value", "peer_competition", "success_case", "private"]
RESOURCES = ["info.success_case", "info.professional", "info.competitive", "enterprise.project_success"]
PAIN_KINDS = ["reliability", "innovation", "commercial", "career", "risk", "efficiency", "other"]
PAINS = [
    "设备故障率偏高，年度考核压力大",
    "新项目需要出成果、发论文",
    "预算紧，价格必须有竞争力",
    "明年想提副处，需要亮点项目",
    "怕出事，要一个稳妥的方案",
    "运维人手不够，希望降本增效",
]
HOOKS = ["下周送成功案例资料", "约技术交流会", "带总监拜访", "安排考察样板工程", "回复报价细节", ""]
PROJECT_WORDS = ["配网自动化", "变电站改造", "智能巡检", "集采框架", "数字化平台"]
GOALS = ["了解需求", "建立关系", "推动技术交流", "确认采购流程", "争取参数写入标书", "高层会晤铺垫"]


def copy_rows(table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples in `columns` order) into `table`; dicts and lists go in as JSON."""
    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for v in row]
                )
                count += 1
    return count


def reset_sequences(tables: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            column = "history_id" if "_historical" in table else "id"
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({column}), 1)) FROM {table}",
                [table, column],
            )


def build(seed: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from projects.visits.schema import GROUPS, empty_sheet
    from salescamp.models import User

    if connection.vendor != "postgresql":
        sys.exit("build_dataset.py needs PostgreSQL (set DATABASE_URL=postgres://…).")
    if User.objects.exists():
        sys.exit("The database already has users: build the dataset into a freshly migrated, empty database.")

    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    started = time.monotonic()
    counts: dict[str, int] = {}

    def at(day: date, hour: int = 10) -> datetime:
        return datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=SHANGHAI)

    def person_name() -> str:
        return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")

    def put(table, columns, rows):
        counts[table] = counts.get(table, 0) + copy_rows(table, columns, rows)

    password = make_password(PASSWORD)
    joined = now - timedelta(days=800)
    with transaction.atomic():
        # ---- our side: users, teams, memberships
        users = []  # (id, username, display_name, rank, target)
        uid = 0

        def add_user(username, display, rank, target=10):
            nonlocal uid
            uid += 1
            users.append((uid, username, display, rank, target))
            return uid

        vp = add_user("vp", "周副总", 4)
        directors = [add_user(f"director{i}", f"总监{i}", 3) for i in (1, 2)]
        leads = [add_user(f"lead{i}", f"组长{i}", 2) for i in range(1, TEAMS + 1)]
        reps = [
            add_user(f"rep{i:02d}", f"销售{person_name()}", 1, rng.choice([8, 10, 12]))
            for i in range(1, REPS + 1)
        ]
        put(
            "salescamp_user",
            [
                "id",
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
                "display_name",
                "rank",
                "weekly_visit_target",
                "revision",
            ],
            (
                (i, password, False, u, "", "", f"{u}@example.com", False, True, joined, d, r, t, 1)
                for i, u, d, r, t in users
            ),
        )
        teams = [
            (1, "销售中心", vp, None),
            (2, "大客户一部", directors[0], 1),
            (3, "大客户二部", directors[1], 1),
        ]
        leaf_teams = []
        for i, lead in enumerate(leads):
            team_id = 4 + i
            teams.append((team_id, f"{INDUSTRIES[i]}{i + 1}组", lead, 2 if i < 4 else 3))
            leaf_teams.append(team_id)
        put("salescamp_team", ["id", "name", "leader_id", "parent_id"], teams)
        memberships = [(vp, 1), (directors[0], 2), (directors[1], 3)]
        memberships += [(lead, team) for lead, team in zip(leads, leaf_teams, strict=True)]
        rep_team = {rep: leaf_teams[i % TEAMS] for i, rep in enumerate(reps)}
        memberships += list(rep_team.items())
        team_lead = dict(zip(leaf_teams, leads, strict=True))
        put(
            "salescamp_membership",
            ["id", "user_id", "team_id", "joined_on"],
            ((i, u, t, joined.date()) for i, (u, t) in enumerate(memberships, start=1)),
        )

        # ---- accounts and contacts (with history: the account page reads it)
        accounts = []  # (id, team_id, name, industry)
        for i in range(1, ACCOUNTS + 1):
            region, industry = REGIONS[i % len(REGIONS)], INDUSTRIES[(i // 7) % len(INDUSTRIES)]
            name = f"{region}{industry}{ORG_WORDS[i % len(ORG_WORDS)]}{i:04d}"
            accounts.append((i, leaf_teams[i % TEAMS], name, industry, region))
        created = now - timedelta(days=760)
        put(
            "accounts_account",
            [
                "id",
                "name",
                "industry",
                "region",
                "parent_id",
                "team_id",
                "created_at",
                "updated_at",
                "version",
                "revision",
            ],
            ((i, n, ind, reg, None, t, created, created, 1, 1) for i, t, n, ind, reg in accounts),
        )
        contacts_of: dict[int, list[tuple]] = {}  # account → [(id, level, name, reports_to)]
        cid = 0
        big_account = next(a for a in accounts if a[1] == rep_team[reps[0]])[0]
        for account_id, *_rest in accounts:
            n = CONTACTS_PER_ACCOUNT + (BIG_CHAIN + 10 if account_id == big_account else 0)
            rows = []
            for k in range(n):
                cid += 1
                level = 4 if k == 0 else 3 if k < 3 else 2 if k < 3 + n * 3 // 10 else 1
                bosses = [r for r in rows if r[1] == level + 1]
                boss = rng.choice(bosses)[0] if bosses else (rows[0][0] if rows else None)
                rows.append((cid, level, person_name(), boss))
            contacts_of[account_id] = rows
        contact_cols = [
            "id",
            "account_id",
            "name",
            "title",
            "level",
            "function",
            "procurement_group",
            "reports_to_id",
            "personality",
            "phone",
            "wechat",
            "email",
            "notes",
            "created_at",
            "updated_at",
            "version",
        ]
        contact_rows = []
        for account_id, rows in contacts_of.items():
            for c, level, name, boss in rows:
                contact_rows.append(
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
                    )
                )
        # Contacts reference each other; Django's foreign keys are checked at commit (deferred).
        put("accounts_contact", contact_cols, contact_rows)
        hist = 0
        lead_of_account = {a[0]: team_lead[a[1]] for a in accounts}

        def account_history():
            nonlocal hist
            for i, t, n, ind, reg in accounts:
                hist += 1
                yield (i, n, ind, reg, None, t, hist, created, None, "+", lead_of_account[i])
                if i % 3 == 0:
                    hist += 1
                    yield (
                        i,
                        n,
                        ind,
                        reg,
                        None,
                        t,
                        hist,
                        created + timedelta(days=30),
                        None,
                        "~",
                        lead_of_account[i],
                    )

        put(
            "accounts_historicalaccount",
            [
                "id",
                "name",
                "industry",
                "region",
                "parent_id",
                "team_id",
                "history_id",
                "history_date",
                "history_change_reason",
                "history_type",
                "history_user_id",
            ],
            account_history(),
        )
        hist = 0

        def contact_history():
            nonlocal hist
            for r in contact_rows:
                c, account_id, name, title, level, function, group, boss, pers, phone = r[:10]
                base = (c, name, title, level, function, group, pers, phone, "", "", r[12], account_id, boss)
                hist += 1
                yield (*base, hist, created, None, "+", lead_of_account[account_id])
                if c % 4 == 0:  # a title change later on
                    hist += 1
                    changed = (c, name, rng.choice(TITLES[level]), *base[3:])
                    when = created + timedelta(days=rng.randrange(1, 700))
                    yield (*changed, hist, when, None, "~", lead_of_account[account_id])

        put(
            "accounts_historicalcontact",
            [
                "id",
                "name",
                "title",
                "level",
                "function",
                "procurement_group",
                "personality",
                "phone",
                "wechat",
                "email",
                "notes",
                "account_id",
                "reports_to_id",
                "history_id",
                "history_date",
                "history_change_reason",
                "history_type",
                "history_user_id",
            ],
            contact_history(),
        )

        # ---- projects, control points, engagement
        accounts_of_team: dict[int, list[int]] = {}
        for a in accounts:
            accounts_of_team.setdefault(a[1], []).append(a[0])
        projects = []  # (id, account, owner, team, stage, created_day)
        pid = 0
        # 100 projects each, except the last rep's 10 (a small desk, to check query counts do not grow).
        per_rep = dict.fromkeys(reps, PROJECTS_PER_REP)
        per_rep[reps[-1]] = 10
        for i in range(PROJECTS_PER_REP - 10):
            per_rep[reps[1 + i % (REPS - 2)]] += 1
        for rep in reps:
            team = rep_team[rep]
            for k in range(per_rep[rep]):
                pid += 1
                account = big_account if (rep == reps[0] and k == 0) else rng.choice(accounts_of_team[team])
                stage = "negotiation" if (rep == reps[0] and k == 0) else rng.choice(STAGES)
                start = today - timedelta(days=rng.randrange(30, 700))
                projects.append((pid, account, rep, team, stage, start))
        big_project = projects[0][0]
        account_name = {a[0]: a[2] for a in accounts}
        project_rows = []
        for p, account, owner, team, stage, start in projects:
            amount = Decimal(rng.randrange(20, 2000) * 10000)
            touched = now - timedelta(days=rng.randrange(0, 120), minutes=rng.randrange(1440))
            project_rows.append(
                (
                    p,
                    account,
                    f"{account_name[account][:6]}{rng.choice(PROJECT_WORDS)}项目{p}",
                    owner,
                    team,
                    stage,
                    "项目复盘：价格与关系" if stage in ("won", "lost") else "",
                    amount,
                    start + timedelta(days=rng.randrange(60, 400)),
                    amount,
                    amount * Decimal("0.9"),
                    rng.choice(["", "S1", "S2", "S2", "S3"]),
                    [],
                    rng.choice(["", "top_down", "bottom_up"]),
                    at(start),
                    touched,
                    1,
                    1,
                )
            )
        put(
            "projects_project",
            [
                "id",
                "account_id",
                "name",
                "owner_id",
                "team_id",
                "stage",
                "outcome_reason",
                "amount",
                "expected_close",
                "our_price",
                "their_price",
                "state",
                "state_signs",
                "strategy",
                "created_at",
                "updated_at",
                "version",
                "revision",
            ],
            project_rows,
        )
        put(
            "projects_historicalproject",
            [
                "id",
                "name",
                "stage",
                "outcome_reason",
                "amount",
                "expected_close",
                "our_price",
                "their_price",
                "state",
                "state_signs",
                "strategy",
                "account_id",
                "owner_id",
                "team_id",
                "history_id",
                "history_date",
                "history_change_reason",
                "history_type",
                "history_user_id",
            ],
            (
                (
                    r[0],
                    r[2],
                    r[5],
                    r[6],
                    r[7],
                    r[8],
                    r[9],
                    r[10],
                    r[11],
                    r[12],
                    r[13],
                    r[1],
                    r[3],
                    r[4],
                    i,
                    r[14],
                    None,
                    "+",
                    r[3],
                )
                for i, r in enumerate(project_rows, start=1)
            ),
        )
        put(
            "projects_controlpoint",
            ["id", "project_id", "number", "status", "actions"],
            (
                (
                    4 * (p[0] - 1) + n,
                    p[0],
                    n,
                    rng.choice(["not_started", "not_started", "in_progress", "held"]),
                    "约高层会晤\n技术参数写入标书" if n < 3 else "",
                )
                for p in projects
                for n in (1, 2, 3, 4)
            ),
        )
        engagements = [(p[0], p[2], "项目负责人") for p in projects]
        engagements += [(p[0], team_lead[p[3]], "组长支持") for p in projects if rng.random() < 0.3]
        put(
            "projects_engagement",
            ["id", "project_id", "user_id", "part"],
            ((i, *e) for i, e in enumerate(engagements, start=1)),
        )

        # ---- decision chain and pains
        members = []  # (id, project, contact, level)
        chain_of: dict[int, list[int]] = {}
        mid = 0
        member_rows = []
        for p, account, _owner, team, _stage, start in projects:
            pool = contacts_of[account]
            size = BIG_CHAIN if p == big_project else rng.randint(3, 7)
            chosen = rng.sample(pool, size)
            chain_of[p] = [c[0] for c in chosen]
            for c, level, _name, _boss in chosen:
                mid += 1
                members.append((mid, p, c, level))
                roles = rng.choice([[], ["general"], ["key"], ["coach"], ["bridge"], ["key", "coach"]])
                holder = team_lead[team] if level >= 3 and rng.random() < 0.4 else None
                member_rows.append(
                    (
                        mid,
                        p,
                        c,
                        roles,
                        rng.choice(["support", "neutral", "neutral", "oppose", "competitor"]),
                        rng.randint(1, 5),
                        holder,
                        rng.choice(["", "", "朋友介绍", "EMBA同学"]),
                        start + timedelta(days=rng.randrange(0, 30)),
                        1,
                    )
                )
        put(
            "projects_chainmember",
            [
                "id",
                "project_id",
                "contact_id",
                "roles",
                "stance",
                "depth",
                "owner_id",
                "acquaintance",
                "added_on",
                "version",
            ],
            member_rows,
        )
        pain_rows = [
            (i, m[0], rng.choice(PAINS), rng.choice(PAIN_KINDS))
            for i, m in enumerate((m for m in members if rng.random() < 0.6), start=1)
        ]
        put("projects_pain", ["id", "member_id", "text", "kind"], pain_rows)

        # ---- activities with their people, contacts and asks; visit sheets for 20,000 done visits
        per_project = {p[0]: 0 for p in projects}
        per_project[big_project] = BIG_ACTIVITIES
        others = [p for p in projects if p[0] != big_project]
        weights = [rng.random() + 0.2 for _ in others]
        for p in rng.choices(others, weights=weights, k=ACTIVITIES - BIG_ACTIVITIES):
            per_project[p[0]] += 1
        activity_rows, people_rows, contact_link_rows, ask_rows = [], [], [], []
        done_visits = []  # (activity id, project, date, contacts, owner)
        aid = 0
        for p, _account, owner, team, _stage, start in projects:
            span = max(1, (today - start).days)
            chain = chain_of[p]
            for _ in range(per_project[p]):
                aid += 1
                day = start + timedelta(days=rng.randrange(span + 21))
                done = day <= today and (day < today - timedelta(days=3) or rng.random() < 0.5)
                kind = rng.choice(KINDS)
                gift = kind == "gift"
                met = rng.sample(chain, min(len(chain), rng.choice([1, 1, 1, 2, 3])))
                activity_rows.append(
                    (
                        aid,
                        p,
                        kind,
                        day,
                        done,
                        rng.sample(TOPICS, rng.randint(0, 2)),
                        "consumable" if gift else "",
                        Decimal(150) if gift else None,
                        False,
                        rng.choice(GOALS),
                        rng.choice(HOOKS) if done else "",
                        "客户对方案感兴趣，约定下次技术交流" if done else "",
                        "想了解同类项目经验" if done else "",
                        rng.sample(RESOURCES, rng.randint(0, 1)),
                        [],
                        [rng.randint(1, 4)] if rng.random() < 0.3 else [],
                        Decimal("0.5") if kind == "tech_exchange" else Decimal(0),
                        at(day),
                    )
                )
                people_rows.append((aid, owner))
                if rng.random() < 0.3:
                    people_rows.append((aid, team_lead[team]))
                contact_link_rows.extend((aid, c) for c in met)
                if done and rng.random() < 0.2:
                    ask_rows.append((aid, met[0], "information", "请提供采购计划时间表"))
                if done and kind == "visit":
                    done_visits.append((aid, p, day, met, owner))
        put(
            "projects_activity",
            [
                "id",
                "project_id",
                "kind",
                "date",
                "done",
                "topics",
                "gift_kind",
                "gift_value",
                "gift_approved",
                "goal",
                "hook",
                "outcome",
                "reason_met",
                "resources",
                "other_departments",
                "control_points",
                "presales_days",
                "created_at",
            ],
            activity_rows,
        )
        put(
            "projects_activity_our_people",
            ["id", "activity_id", "user_id"],
            ((i, *r) for i, r in enumerate(people_rows, start=1)),
        )
        put(
            "projects_activity_contacts",
            ["id", "activity_id", "contact_id"],
            ((i, *r) for i, r in enumerate(contact_link_rows, start=1)),
        )
        put(
            "projects_ask",
            ["id", "activity_id", "contact_id", "kind", "text"],
            ((i, *r) for i, r in enumerate(ask_rows, start=1)),
        )

        blank = empty_sheet()
        met_blank = dict.fromkeys(GROUPS["met"], "")
        # The big plan's visits get sheets first (so its sheets exist), then a random sample of the rest.
        big_visits = [v for v in done_visits if v[1] == big_project]
        rest = [v for v in done_visits if v[1] != big_project]
        chosen_visits = big_visits + rng.sample(rest, min(len(rest), VISIT_SHEETS - len(big_visits)))
        sheet_rows = []
        for sid, (activity, p, day, met, owner) in enumerate(chosen_visits, start=1):
            data = {
                **blank,
                "date": day.isoformat(),
                "purpose": rng.choice(GOALS),
                "value": "分享同类项目的成功案例，帮助客户降低运维成本",
                "invitation": "以技术交流为由，预约了对方半小时",
                "known_company": "今年配网改造预算增加，设备招标在三季度",
                "known_problems": rng.choice(PAINS),
                "place": "客户办公室",
                "reason_met": "想了解同类项目经验",
                "bant_budget": "有预算，约三百万",
                "bant_need": "提高供电可靠性",
                "bant_timeline": "年内招标",
                "needs_values": "看重稳定可靠和售后响应",
                "hooks": rng.choice(HOOKS[:-1]),
                "note": "整体顺利，对方愿意引荐技术处长",
                "state": rng.choice(["", "S2", "S3"]),
                "our_people": [str(owner)],
                "topics": rng.sample(TOPICS[:5], 2),
                "resources": rng.sample(RESOURCES, 1),
                "met": [
                    {
                        **met_blank,
                        "contact": str(c),
                        "role": rng.choice(["", "key", "coach"]),
                        "stance": rng.choice(["support", "neutral"]),
                        "depth": str(rng.randint(2, 4)),
                        "pains": rng.choice(PAINS),
                        "pain_kind": rng.choice(PAIN_KINDS),
                    }
                    for c in met
                ],
                "next_steps": [
                    {
                        "text": "发送成功案例",
                        "date": (day + timedelta(days=7)).isoformat(),
                        "owner": str(owner),
                    }
                ],
                "must_learn": [{"text": "采购流程和决策人", "done": "1"}],
            }
            when = at(day, 17)
            sheet_rows.append(
                (
                    sid,
                    p,
                    owner,
                    "submitted",
                    False,
                    data,
                    day,
                    activity,
                    3,
                    uuid.UUID(int=rng.getrandbits(128)),
                    when,
                    when,
                    when,
                )
            )
        put(
            "projects_visitsheet",
            [
                "id",
                "project_id",
                "created_by_id",
                "status",
                "quick",
                "data",
                "visit_date",
                "activity_id",
                "version",
                "client_key",
                "created_at",
                "updated_at",
                "submitted_at",
            ],
            sheet_rows,
        )
        reset_sequences(
            [
                "salescamp_user",
                "salescamp_team",
                "salescamp_membership",
                "accounts_account",
                "accounts_contact",
                "accounts_historicalaccount",
                "accounts_historicalcontact",
                "projects_project",
                "projects_historicalproject",
                "projects_controlpoint",
                "projects_engagement",
                "projects_chainmember",
                "projects_pain",
                "projects_activity",
                "projects_activity_our_people",
                "projects_activity_contacts",
                "projects_ask",
                "projects_visitsheet",
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    by_name = {u[1]: u[0] for u in users}
    rep, lead = "rep01", "lead1"
    # A typical account of rep01's team (10 contacts), and a sheet of a typical project of rep01's.
    typical_account = next(a[0] for a in accounts if a[1] == rep_team[by_name[rep]] and a[0] != big_account)
    typical_sheet = next(
        i for i, r in enumerate(sheet_rows, start=1) if r[1] != big_project and r[2] == by_name[rep]
    )
    typical_project = next(p[0] for p in projects if p[2] == by_name[rep] and p[0] != big_project)
    small_rep = reps[-1]
    info = {
        "password": PASSWORD,
        "rep": rep,
        "manager": lead,
        "director": "director1",
        "small_rep": next(u[1] for u in users if u[0] == small_rep),
        "big_project": big_project,
        "big_account": big_account,
        "account": typical_account,
        "project": typical_project,
        "visit": typical_sheet,
        "big_visit": 1,  # the big plan's visits got the first sheet ids
        "search": "东北",  # every account of rep01's team is in 东北: a full page of 50 of 285 hits
        "search_rare": "0042",
        "seconds": round(time.monotonic() - started, 1),
        "rows": counts,
    }
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="also write the JSON summary to this file")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    import django

    django.setup()
    info = build(args.seed)
    total = sum(info["rows"].values())
    print(f"Built {total:,} rows in {info['seconds']} s:", file=sys.stderr)
    for table, n in info["rows"].items():
        print(f"  {table:40} {n:>9,}", file=sys.stderr)
    line = json.dumps(info, ensure_ascii=False)
    if args.out:
        Path(args.out).write_text(line + "\n", encoding="utf-8")
    print(line)


if __name__ == "__main__":
    main()
