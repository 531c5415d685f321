"""The demo data: the course's own example from lesson 12 (国网东北分部 automation project) and a
small sales organisation, so every page has something real to show. Development only."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Account, Contact, Function, Level, Personality, ProcurementGroup
from projects.deals import services as project_services
from projects.deals.models import Activity, ChainMember, ControlPoint, Engagement, InternalSale, Pain, Project
from projects.demo.desks import load_desk_demo
from projects.demo.review import load_plan_demo
from projects.demo.visits import load_visit_demo
from projects.reminders.digest import SEND_AT
from projects.reminders.run import send_reminders
from salescamp.editing import write_transaction
from salescamp.models import Membership, Rank, Team, User

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


def load_demo() -> None:
    _load_demo_rows()
    # The scheduler's reminders as of this morning, so the bell already has something to show: the demo's
    # tasks due today and overdue (one long enough to reach 王组长), the plan awaiting review, the summaries.
    now = timezone.now()
    morning = timezone.localtime(now).replace(
        hour=SEND_AT.hour, minute=SEND_AT.minute, second=0, microsecond=0
    )
    send_reminders(max(now, morning))


@write_transaction()
def _load_demo_rows() -> None:
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

    _load_demo_project(northeast, teams["电网一组"], users, contacts)
    load_plan_demo(Project.objects.get(account=northeast, name="配电自动化集采项目"), users, contacts)
    load_desk_demo(users, teams, group)


# The lesson-12 chain as a project: contact → (roles, stance, depth, our owner, pains)
NORTHEAST_CHAIN = {
    # The bridge at parity with the rep — but nobody has asked about his pain yet (NO_PAIN).
    "刘组长": (["bridge"], "support", 3, "xiaozhang", []),
    "A主任": (["coach"], "support", 2, "xiaozhang", [("关心技术创新、新项目申报、发技术论文", "innovation")]),
    # A koala coach: looks harmless, hard to read (COACH_RISKY_TYPE).
    "壁工": (
        ["coach", "general"],
        "neutral",
        2,
        "xiaozhang",
        [("产品应用起来怎么样、可靠性怎么样", "reliability")],
    ),
    # The rep holds the 采购副总 relationship himself: two levels apart (PARITY_GAP).
    "赵副总": ([], "neutral", 2, "xiaozhang", [("只希望这个项目能够平安落地", "risk")]),
    "钱副总": (["key"], "neutral", 2, "chenzongjian", [("希望有技术创新的交流", "innovation")]),
    # 周副总 and the 总经理 were classmates at an executive course: a familiarity that is his, not ours.
    "孙总": ([], "neutral", 3, "zhoufuzong", []),
}
# Prior acquaintance (旧识): contact → (who of ours, how).
NORTHEAST_ACQUAINTANCES = {"孙总": ("zhoufuzong", "总裁班同学")}


def _load_demo_project(account, team, users, contacts) -> None:
    if Project.objects.filter(account=account, name="配电自动化集采项目").exists():
        return
    today = timezone.localdate()
    rep = users["xiaozhang"]
    project = project_services.project_create(
        project=Project(
            account=account,
            name="配电自动化集采项目",
            owner=rep,
            team=team,
            stage="opportunity",
            amount=Decimal("3800000"),
            expected_close=today + timedelta(days=120),
            state="S2",
            state_signs=["s2_we_design", "s2_grateful"],
            strategy="top_down",
        ),
        by=rep,
    )
    project.shared_with.add(users["wangzuzhang"])
    for name, (roles, stance, depth, owner, pains) in NORTHEAST_CHAIN.items():
        holder, how = NORTHEAST_ACQUAINTANCES.get(name, (None, ""))
        member = ChainMember.objects.create(
            project=project,
            contact=contacts[name],
            roles=roles,
            stance=stance,
            depth=depth,
            owner=users[owner],
            acquaintance=how,
            acquaintance_holder=users.get(holder),
        )
        for text, kind in pains:
            Pain.objects.create(member=member, text=text, kind=kind)
    for username, part in [("chenzongjian", "对接技术副总"), ("zhoufuzong", "对接总经理")]:
        Engagement.objects.get_or_create(project=project, user=users[username], defaults={"part": part})

    def activity(kind, days, *, ours, theirs, done, **fields):
        item = Activity.objects.create(
            project=project, kind=kind, date=today + timedelta(days=days), done=done, **fields
        )
        item.our_people.set([users[u] for u in ours])
        item.contacts.set([contacts[c] for c in theirs])
        return item

    first = activity(
        "visit",
        -40,
        ours=["xiaozhang"],
        theirs=["刘组长", "A主任"],
        done=True,
        goal="认识招采流程，找到桥梁",
        reason_met="想了解其他网省公司配电自动化的做法",
        hook="两周内带售前来做技术交流",
        topics=["product_features"],
        other_departments=["procurement"],
        outcome="刘组长介绍了集采分工；A主任对新项目申报感兴趣。",
    )
    first.asks.create(
        kind="information", text="请介绍今年集采的时间安排", contact=contacts["刘组长"], granted=True
    )
    activity(
        "tech_exchange",
        -12,
        ours=["xiaozhang"],
        theirs=["A主任", "壁工"],
        done=True,
        goal="讲清可靠性和创新点",
        hook="提供华北某局的成功案例材料",
        topics=["product_features", "success_case"],
        resources=["info.success_case", "info.professional"],
        presales_days=Decimal("2"),
        reason_met="评估新一代终端的可靠性",
        control_points=[2],
    )
    # A private dinner with the 采购副总, planned by the rep alone (HIGH_LEVEL_PRIVATE_ACTIVITY).
    activity(
        "dinner",
        6,
        ours=["xiaozhang"],
        theirs=["赵副总"],
        done=False,
        goal="拉近关系",
        topics=["private"],
    )
    activity(
        "exec_meeting",
        15,
        ours=["zhoufuzong", "chenzongjian"],
        theirs=["孙总", "钱副总"],
        done=False,
        goal="高层会晤：行业同行的创新实践与投资回报",
        topics=["roi", "peer_competition"],
        control_points=[1],
        hook="邀请到公司总部考察",
    )
    ControlPoint.objects.filter(project=project, number=1).update(
        status="in_progress", actions="周副总拜访孙总\n邀请技术副总参加行业创新论坛"
    )
    ControlPoint.objects.filter(project=project, number=2).update(
        status="in_progress", actions="A主任、壁工定期沟通"
    )
    load_visit_demo(project, first, users, contacts)
    InternalSale.objects.create(
        project=project, target="presales", person=None, commitment="两名售前支持技术交流", status="committed"
    )
    InternalSale.objects.create(
        project=project,
        target="director",
        person=users["chenzongjian"],
        commitment="对接技术副总",
        status="committed",
    )


# More customers for the desks: twelve weeks of visits, so cadence, pipeline and warnings have content.
# account → (team, region); project → (account, owner, stage, state, amount, chain, weeks visited)
# chain: (name, title, level, function, roles, owner on our side or None for the project owner)
def demo_logins() -> list[tuple[str, str, str]]:
    """(username, who, password) for the demo users that exist, for the run command to print."""
    wanted = [username for username, _name, _rank in PEOPLE] + ["admin"]
    found = {user.username: user for user in User.objects.filter(username__in=wanted)}
    return [
        (username, f"{found[username]} · {found[username].get_rank_display()}", DEMO_PASSWORD)
        for username in wanted
        if username in found
    ]
