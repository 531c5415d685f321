"""Activities with their people, contacts and asks; submitted visit sheets for 20,000 done visits, each with
the task (待办) its next step became."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from bench.dataset.base import Dataset
from bench.dataset.words import (
    ACTIVITIES,
    BIG_ACTIVITIES,
    GOALS,
    HOOKS,
    HUGE_ACTIVITIES,
    KINDS,
    PAIN_KINDS,
    PAINS,
    RESOURCES,
    TOPICS,
    VISIT_SHEETS,
)

ACTIVITY_COLUMNS = [
    "id", "project_id", "kind", "date", "done", "topics", "gift_kind", "gift_value", "gift_approved", "goal",
    "hook", "outcome", "reason_met", "resources", "other_departments", "control_points", "presales_days",
    "created_at", "version",
]  # fmt: skip
TASK_COLUMNS = [
    "id",
    "project_id",
    "owner_id",
    "visit_id",
    "text",
    "due",
    "done",
    "done_at",
    "created_at",
    "version",
]
SHEET_COLUMNS = [
    "id", "project_id", "created_by_id", "status", "quick", "data", "visit_date", "activity_id", "version",
    "client_key", "created_at", "updated_at", "submitted_at",
]  # fmt: skip


def add_activities(d: Dataset) -> list[tuple]:
    """100,000 activities spread over the projects (BIG_ACTIVITIES in the big plan, HUGE_ACTIVITIES in the
    1,000-contact project); returns the done visits as (activity, project, date, contacts met, owner)."""
    rng, today = d.rng, d.today
    per_project = {p[0]: 0 for p in d.projects}
    per_project[d.big_project] = BIG_ACTIVITIES
    per_project[d.huge_project] = HUGE_ACTIVITIES
    others = [p for p in d.projects if p[0] not in (d.big_project, d.huge_project)]
    weights = [rng.random() + 0.2 for _ in others]
    for p in rng.choices(others, weights=weights, k=ACTIVITIES - BIG_ACTIVITIES - HUGE_ACTIVITIES):
        per_project[p[0]] += 1
    activity_rows, people_rows, contact_link_rows, ask_rows = [], [], [], []
    done_visits = []
    for p, _account, owner, team, _stage, start in d.projects:
        span = max(1, (today - start).days)
        chain = d.chain_of[p]
        for _ in range(per_project[p]):
            aid = len(activity_rows) + 1
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
                    d.at(day),
                    1,
                )
            )
            people_rows.append((aid, owner))
            if rng.random() < 0.3:
                people_rows.append((aid, d.team_lead[team]))
            contact_link_rows.extend((aid, c) for c in met)
            if done and rng.random() < 0.2:
                ask_rows.append((aid, met[0], "information", "请提供采购计划时间表"))
            if done and kind == "visit":
                done_visits.append((aid, p, day, met, owner))
    d.put("projects_activity", ACTIVITY_COLUMNS, activity_rows)
    d.put(
        "projects_activity_our_people",
        ["id", "activity_id", "user_id"],
        ((i, *r) for i, r in enumerate(people_rows, start=1)),
    )
    d.put(
        "projects_activity_contacts",
        ["id", "activity_id", "contact_id"],
        ((i, *r) for i, r in enumerate(contact_link_rows, start=1)),
    )
    d.put(
        "projects_ask",
        ["id", "activity_id", "contact_id", "kind", "text", "granted"],
        ((i, *r, i % 3 == 0) for i, r in enumerate(ask_rows, start=1)),  # a third of the asks were granted
    )
    return done_visits


def add_visit_sheets(d: Dataset, done_visits: list[tuple]) -> None:
    """Submitted sheets: the big plan's visits first (so they have sheets, from id 1), then a random sample
    of the rest, each with realistic `data` and the activity it recorded, as submitting leaves them."""
    from projects.visits.schema import GROUPS, empty_sheet

    rng = d.rng
    blank = empty_sheet()
    met_blank = dict.fromkeys(GROUPS["met"], "")
    big_visits = [v for v in done_visits if v[1] == d.big_project]
    rest = [v for v in done_visits if v[1] != d.big_project]
    chosen = big_visits + rng.sample(rest, min(len(rest), VISIT_SHEETS - len(big_visits)))
    rows = []
    for sid, (activity, p, day, met, owner) in enumerate(chosen, start=1):
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
                {"text": "发送成功案例", "date": (day + timedelta(days=7)).isoformat(), "owner": str(owner)}
            ],
            "must_learn": [{"text": "采购流程和决策人", "done": "1"}],
        }
        when = d.at(day, 17)
        key = uuid.UUID(int=rng.getrandbits(128))
        rows.append((sid, p, owner, "submitted", False, data, day, activity, 3, key, when, when, when))
        d.sheets.append((sid, p, owner))
    d.put("projects_visitsheet", SHEET_COLUMNS, rows)
    d.put(
        "projects_visitsheet_recorded",
        ["id", "visitsheet_id", "activity_id"],
        ((r[0], r[0], r[7]) for r in rows),
    )
    add_tasks(d, rows)


def add_tasks(d: Dataset, sheets: list[tuple]) -> None:
    """Submitting a sheet files each of its next steps as a task (待办) of its owner: one a sheet. Those due
    more than three days ago are done, but one in five of them is still open (overdue)."""
    rows = []
    for sid, p, owner, _status, _quick, data, _day, _activity, _version, _key, created, *_rest in sheets:
        step = data["next_steps"][0]
        due = date.fromisoformat(step["date"])
        done = due < d.today - timedelta(days=3) and sid % 5 != 0
        rows.append(
            (sid, p, owner, sid, step["text"], due, done, d.at(due, 18) if done else None, created, 1)
        )
    d.put("projects_task", TASK_COLUMNS, rows)
