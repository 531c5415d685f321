"""Demo data for the desks: a second team's accounts and projects, visit cadence, weekly targets."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Account, Contact, Function, Level
from projects.deals import services as project_services
from projects.deals.models import Activity, ChainMember, Engagement, Project
from projects.plans import handover
from salescamp.models import User

DESK_ACCOUNTS = {
    "国网辽宁电力": ("电网一组", "东北·沈阳"),
    "国网吉林电力": ("电网一组", "东北·长春"),
}
DESK_PROJECTS = {
    "变电站巡检机器人": (
        "国网辽宁电力",
        "xiaozhang",
        "tender",
        "S1",
        Decimal("1200000"),
        [
            ("周主任", "设备部主任", Level.MIDDLE, Function.TECHNICAL, ["bridge"], None),
            ("吴总", "副总经理", Level.EXECUTIVE, Function.MANAGEMENT, [], None),
            ("冯工", "变电专责", Level.STAFF, Function.TECHNICAL, ["general"], None),
        ],
        range(0, 12),
    ),
    "配网故障指示器": (
        "国网辽宁电力",
        "xiaozhang",
        "opportunity",
        "S2",
        Decimal("900000"),
        [
            ("陈处长", "配网处处长", Level.MIDDLE, Function.USER, ["bridge", "key"], None),
            ("褚工", "配网专责", Level.STAFF, Function.TECHNICAL, ["coach"], None),
        ],
        range(0, 10),
    ),
    # Visited only long ago: its coach has gone quiet (key contacts untouched for 30 days).
    "配网运维平台": (
        "国网吉林电力",
        "xiaozhang",
        "lead",
        "S3",
        Decimal("600000"),
        [("郑工", "运检专责", Level.STAFF, Function.TECHNICAL, ["coach"], None)],
        range(6, 12),
    ),
    "计量自动化改造": (
        "南方电网广东公司",
        "xiaoli",
        "negotiation",
        "S2",
        Decimal("3000000"),
        [
            ("黄主任", "计量中心主任", Level.MIDDLE, Function.USER, ["bridge"], None),
            ("梁总", "副总经理", Level.EXECUTIVE, Function.MANAGEMENT, ["key"], "chenzongjian"),
            ("何工", "计量专责", Level.STAFF, Function.TECHNICAL, ["coach"], None),
        ],
        range(0, 12),
    ),
    "营销系统升级": (
        "南方电网广东公司",
        "xiaoli",
        "opportunity",
        "",
        Decimal("1500000"),
        [("罗总", "营销副总", Level.EXECUTIVE, Function.MANAGEMENT, [], None)],
        range(1, 12, 2),
    ),
    # A fresh lead: a technical contact met on the phone, the first visit planned, nothing else yet. It
    # hears the course's first-visit advice, not a flood of gaps it cannot have filled (FIRST_VISIT_ADVICE).
    "智能电表数据平台": (
        "国网吉林电力",
        "xiaozhang",
        "lead",
        "",
        Decimal("400000"),
        [("孟工", "营销部专责", Level.STAFF, Function.USER, [], None)],
        range(0),
    ),
}
FRESH_LEAD = "智能电表数据平台"
# Done visits per week, newest week first (this week is still young).
DESK_CADENCE = {
    "xiaozhang": [3, 9, 11, 7, 10, 6, 8, 12, 5, 9, 7, 10],
    "xiaoli": [2, 5, 6, 4, 7, 3, 6, 5, 6, 2, 4, 5],
}
DESK_TARGETS = {"xiaoli": 5}


def load_desk_demo(users, teams, group) -> None:
    """Projects and twelve weeks of visits for 小张 and 小李, so both desks show real figures. Idempotent:
    a project that exists is left as it is."""
    for username, target in DESK_TARGETS.items():
        User.objects.filter(username=username).update(weekly_visit_target=target)
    accounts = {account.name: account for account in Account.objects.filter(name="南方电网广东公司")}
    for name, (team, region) in DESK_ACCOUNTS.items():
        accounts[name], _ = Account.objects.get_or_create(
            name=name, team=teams[team], defaults={"industry": "电力", "region": region, "parent": group}
        )
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    for username, weekly in DESK_CADENCE.items():
        owned = [(name, spec) for name, spec in DESK_PROJECTS.items() if spec[1] == username]
        if Project.objects.filter(owner=users[username], name__in=[name for name, _spec in owned]).exists():
            continue
        rep = users[username]
        projects, chains = {}, {}
        for name, (account, _owner, stage, state, amount, chain, _weeks) in owned:
            account = accounts[account]
            project = project_services.project_create(
                project=Project(
                    account=account,
                    name=name,
                    owner=rep,
                    team=account.team,
                    stage=stage,
                    amount=amount,
                    state=state,
                    expected_close=today + timedelta(days=90),
                ),
                by=rep,
            )
            projects[name], chains[name] = project, []
            for person, title, level, function, roles, holder in chain:
                contact, _ = Contact.objects.get_or_create(
                    account=account,
                    name=person,
                    defaults={"title": title, "level": level, "function": function},
                )
                ChainMember.objects.create(
                    project=project,
                    contact=contact,
                    roles=roles,
                    stance="neutral",
                    depth=2,
                    owner=users[holder] if holder else None,
                )
                if holder:
                    Engagement.objects.get_or_create(project=project, user=users[holder])
                chains[name].append(contact)
        # Spread each week's visits over the projects visited that week, Monday to Friday (never ahead).
        for week, count in enumerate(weekly):
            names = [name for name, spec in owned if week in spec[6]]
            for index in range(count):
                day = monday - timedelta(weeks=week) + timedelta(days=index % 5)
                day = min(day, today)
                name = names[index % len(names)]
                chain = chains[name]
                visit = Activity.objects.create(
                    project=projects[name],
                    kind="visit",
                    date=day,
                    done=True,
                    goal="例行拜访，了解项目进展",
                    reason_met="关心同类项目的做法",
                    outcome="交流了项目进展和下一步安排。",
                    hook="约好下次交流的时间和话题",
                )
                visit.our_people.set(
                    [rep, users["wangzuzhang"]] if username == "xiaozhang" and index == 0 else [rep]
                )
                visit.contacts.set([chain[index % len(chain)]])
        # The newest visit of each project leaves a hook with no next step yet.
        for project in projects.values():
            newest = project.activities.order_by("-date", "-pk").first()
            if newest:
                newest.hook = "下次带成功案例材料来交流"
                newest.save(update_fields=["hook"])
        if FRESH_LEAD in projects:
            _plan_first_visit(projects[FRESH_LEAD], rep, chains[FRESH_LEAD], today)
        # A planned step already overdue, and one for today.
        first = next(iter(projects))
        late = Activity.objects.create(
            project=projects[first],
            kind="tech_exchange",
            date=today - timedelta(days=3),
            done=False,
            goal="技术交流：演示方案",
        )
        late.our_people.set([rep])
        late.contacts.set(chains[first][:1])
        due = Activity.objects.create(
            project=projects[first], kind="phone", date=today, done=False, goal="电话确认下周拜访时间"
        )
        due.our_people.set([rep])
        if username == "xiaozhang":
            _ask_for_a_leader(projects, rep, users["wangzuzhang"])


def _ask_for_a_leader(projects, rep, leader) -> None:
    """小张 holds 吴总 (副总经理) himself, two levels apart, and has asked 王组长 to take it."""
    member = (
        ChainMember.objects.filter(
            project__in=projects.values(), owner=None, contact__level__gte=Level.EXECUTIVE
        )
        .select_related("contact", "project__team", "project__owner")
        .order_by("pk")
        .first()
    )
    if member is not None:
        handover.ask_leader(member=member, leader=leader, by=rep)


def _plan_first_visit(project, rep, chain, today) -> None:
    """The lead came in by phone; the first visit is planned in three days."""
    call = Activity.objects.create(
        project=project, kind="phone", date=today - timedelta(days=2), done=True, goal="电话约见"
    )
    call.our_people.set([rep])
    call.contacts.set(chain)
    visit = Activity.objects.create(
        project=project, kind="visit", date=today + timedelta(days=3), done=False, goal="第一次拜访：了解需求"
    )
    visit.our_people.set([rep])
    visit.contacts.set(chain)
