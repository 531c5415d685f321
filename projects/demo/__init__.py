"""The demo data: the course's own example from lesson 12 (国网东北分部 automation project) and a
small sales organisation, so every page has something real to show. Development only."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Account, Contact, Function, Level, Personality, ProcurementGroup
from projects.deals import services as project_services
from projects.deals.models import Activity, ChainMember, ControlPoint, Engagement, InternalSale, Pain, Project
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

    _load_demo_project(northeast, teams["电网一组"], users, contacts)
    _load_plan_demo(Project.objects.get(account=northeast, name="配电自动化集采项目"), users, contacts)
    _load_desk_demo(users, teams, group)


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
    "孙总": ([], "neutral", 1, "zhoufuzong", []),
}


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
        member = ChainMember.objects.create(
            project=project,
            contact=contacts[name],
            roles=roles,
            stance=stance,
            depth=depth,
            owner=users[owner],
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
    first.asks.create(kind="information", text="请介绍今年集采的时间安排", contact=contacts["刘组长"])
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
}
# Done visits per week, newest week first (this week is still young).
DESK_CADENCE = {
    "xiaozhang": [3, 9, 11, 7, 10, 6, 8, 12, 5, 9, 7, 10],
    "xiaoli": [2, 5, 6, 4, 7, 3, 6, 5, 6, 2, 4, 5],
}
DESK_TARGETS = {"xiaoli": 5}


def _load_desk_demo(users, teams, group) -> None:
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


def _load_plan_demo(project, users, contacts) -> None:
    """The plan's own sections for the demo project, and its review so far: v1 returned by 王组长 with
    two section comments, the rep's revisions, then v2 awaiting review. Runs once per project."""
    from projects.deals.models import Competitor, NegotiationTerm, ResourcePlanItem, TenderItem
    from projects.plans import review

    if Competitor.objects.filter(project=project).exists():
        return
    rep, lead = users["xiaozhang"], users["wangzuzhang"]
    rival = Competitor.objects.create(
        project=project,
        name="友商A",
        strengths="与采购副总私交好；报价低 8%",
        our_edge="华北同类项目的成功案例；终端可靠性实测数据",
    )
    rival.supporters.set([contacts["赵副总"]])
    Competitor.objects.create(project=project, name="友商B", strengths="本地服务网点多")
    for kind, text, status in [
        ("advantage", "终端可靠性指标写入技术规范（MTBF ≥ 10 万小时）", "agreed"),
        ("advantage", "要求投标人提供近三年同类网省公司的成功案例", "planned"),
        ("contract_department", "物资部（合同签订）", "planned"),
        ("acceptance_department", "自动化处（到货与投运验收）", "planned"),
    ]:
        TenderItem.objects.create(project=project, kind=kind, text=text, status=status)
    project.our_price, project.their_price = Decimal("3800000"), Decimal("3500000")
    project.save(update_fields=["our_price", "their_price"])
    for term, cost, value, offered in [
        ("交货期提前三个月", "50000", "150000", True),
        ("远程运维替代驻场运维", "20000", "80000", True),
        ("免费培训两期（含认证）", "30000", "60000", False),
    ]:
        NegotiationTerm.objects.create(
            project=project,
            term=term,
            cost_to_us=Decimal(cost),
            value_to_them=Decimal(value),
            offered=offered,
        )
    members = {m.contact.name: m for m in project.members.select_related("contact")}
    for name, resource, note in [
        ("刘组长", "info.success_case", "华北某局配电自动化案例材料"),
        ("刘组长", "personal.stand_out", "协助整理集采框架优化方案，供他向领导汇报"),
        ("钱副总", "enterprise.alliance", "战略合作框架协议，由陈总监出面"),
        ("A主任", "personal.skills", "联合申报新项目、合写技术论文"),
    ]:
        ResourcePlanItem.objects.create(member=members[name], resource=resource, note=note)

    first = review.plan_submit(project=project, by=rep)
    review.comment_add(
        submission=first,
        section="activities",
        text="和赵副总的私人饭局不合适：关系还没到熟悉。改成正式宴请，请陈总监出面。",
        by=lead,
    )
    review.comment_add(
        submission=first,
        section="control_points",
        text="CP3 还没有任何行动：招标文件里我们的优势写进去了吗？",
        by=lead,
    )
    review.plan_return(submission=first, by=lead, reason="饭局要改；CP3 要有具体行动。其余思路可以。")
    # The rep's revisions after the return.
    dinner = project.activities.get(kind="dinner")
    dinner.kind, dinner.goal, dinner._history_user = "banquet", "正式宴请：感谢支持，介绍华北案例", rep
    dinner.save()
    dinner.our_people.add(users["chenzongjian"])
    liu = members["刘组长"]
    liu.depth, liu._history_user = 4, rep
    liu.save()
    point = project.control_points.get(number=3)
    point.status, point.actions, point._history_user = (
        "in_progress",
        "与刘组长、A主任沟通技术规范中的可靠性指标",
        rep,
    )
    point.save()
    review.plan_submit(project=project, by=rep)


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, who, password) for the demo users that exist, for the run command to print."""
    wanted = [username for username, _name, _rank in PEOPLE] + ["admin"]
    found = {user.username: user for user in User.objects.filter(username__in=wanted)}
    return [
        (username, f"{found[username]} · {found[username].get_rank_display()}", DEMO_PASSWORD)
        for username in wanted
        if username in found
    ]
