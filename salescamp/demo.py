"""The demo data: the course's own example from lesson 12 (国网东北分部 automation project) and a
small sales organisation, so every page has something real to show. Development only."""

from django.db import transaction

from accounts.models import Account, Contact, Function, Level, Personality, ProcurementGroup

from .models import Membership, Rank, Team, User

DEMO_PASSWORD = "demo-2026"

# username, display name, rank
PEOPLE = [
    ("xiaozhang", "小张", Rank.REP),
    ("wangzuzhang", "王组长", Rank.TEAM_LEAD),
    ("chenzongjian", "陈总监", Rank.DIRECTOR),
    ("zhoufuzong", "周副总", Rank.EXECUTIVE),
    ("xiaoli", "小李", Rank.REP),
]

# name, leader, parent, members
TEAMS = [
    ("公司销售中心", "zhoufuzong", None, ["zhoufuzong"]),
    ("大客户事业部", "chenzongjian", "公司销售中心", ["chenzongjian"]),
    ("电网一组", "wangzuzhang", "大客户事业部", ["wangzuzhang", "xiaozhang"]),
    ("电网二组", None, "大客户事业部", ["xiaoli"]),
]

# The lesson-12 decision chain: (name, title, level, function, group, personality, reports to, notes)
NORTHEAST_CONTACTS = [
    (
        "孙总",
        "总经理",
        Level.TOP,
        Function.MANAGEMENT,
        ProcurementGroup.LEADERSHIP,
        Personality.TIGER,
        None,
        "掌握财权的决策层。",
    ),
    (
        "钱副总",
        "技术副总",
        Level.EXECUTIVE,
        Function.TECHNICAL,
        ProcurementGroup.LEADERSHIP,
        Personality.OWL,
        "孙总",
        "关心技术创新交流。",
    ),
    (
        "赵副总",
        "采购副总",
        Level.EXECUTIVE,
        Function.PROCUREMENT,
        ProcurementGroup.LEADERSHIP,
        Personality.KOALA,
        "孙总",
        "只希望项目平安落地。",
    ),
    (
        "A主任",
        "自动化处主任",
        Level.MIDDLE,
        Function.TECHNICAL,
        ProcurementGroup.EXECUTING,
        Personality.PEACOCK,
        "钱副总",
        "技术中层：关心技术创新、新项目申报、发论文。",
    ),
    (
        "刘组长",
        "采购组长",
        Level.MIDDLE,
        Function.PROCUREMENT,
        ProcurementGroup.EXECUTING,
        Personality.PEACOCK,
        "赵副总",
        "连接执行小组和领导小组；关心集采框架重谈、合同条款优化。",
    ),
    (
        "壁工",
        "自动化专责",
        Level.STAFF,
        Function.TECHNICAL,
        ProcurementGroup.NONE,
        Personality.KOALA,
        "A主任",
        "技术基层：关心产品应用起来怎么样、可靠性怎么样。",
    ),
    (
        "交采中心某工",
        "交采中心专责",
        Level.STAFF,
        Function.PROCUREMENT,
        ProcurementGroup.EXECUTING,
        Personality.TIGER,
        "刘组长",
        "采购基层：关心商务问题。还没接触到。",
    ),
]


@transaction.atomic
def load_demo() -> None:
    users = {}
    for username, display_name, rank in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username, defaults={"display_name": display_name, "rank": rank}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[username] = user
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"display_name": "管理员", "is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])

    teams = {}
    for name, leader, parent, members in TEAMS:
        team, _ = Team.objects.get_or_create(
            name=name, defaults={"leader": users.get(leader), "parent": teams.get(parent)}
        )
        teams[name] = team
        for member in members:
            Membership.objects.get_or_create(user=users[member], team=team)

    group, _ = Account.objects.get_or_create(
        name="国家电网", team=teams["大客户事业部"], defaults={"industry": "电力", "region": "全国"}
    )
    northeast, _ = Account.objects.get_or_create(
        name="国网东北分部",
        team=teams["电网一组"],
        defaults={"industry": "电力", "region": "东北·沈阳", "parent": group},
    )
    Account.objects.get_or_create(
        name="南方电网广东公司", team=teams["电网二组"], defaults={"industry": "电力", "region": "华南·广州"}
    )

    contacts: dict[str, Contact] = {}
    for name, title, level, function, group_membership, personality, boss, notes in NORTHEAST_CONTACTS:
        contact, _ = Contact.objects.get_or_create(
            account=northeast,
            name=name,
            defaults={
                "title": title,
                "level": level,
                "function": function,
                "procurement_group": group_membership,
                "personality": personality,
                "reports_to": contacts.get(boss),
                "notes": notes,
            },
        )
        contacts[name] = contact


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, who, password) for the demo users that exist, for the run command to print."""
    wanted = [username for username, _name, _rank in PEOPLE] + ["admin"]
    found = {user.username: user for user in User.objects.filter(username__in=wanted)}
    return [
        (username, f"{found[username]} · {found[username].get_rank_display()}", DEMO_PASSWORD)
        for username in wanted
        if username in found
    ]
