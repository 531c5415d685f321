"""Plans run the way the course teaches raise nothing of medium or high severity, in each customer state; a
fresh lead before its first visit hears only the first-visit advice (issue 16). A rep who sees false alarms
learns to ignore all of them: these plans are the engine's precision test."""

from projects.rules import evaluate
from projects.rules.data import ResourceItem, TenderItem

from .builders import (
    DIRECTOR,
    REP,
    TODAY,
    VP,
    activity,
    ask,
    control_point,
    days_ago,
    executive,
    member,
    plan,
)


def serious(the_plan) -> list[tuple[str, str, str]]:
    return [
        (w.code, str(w.subject.label), str(w.message))
        for w in evaluate(the_plan, TODAY)
        if w.severity in ("high", "medium")
    ]


# A technical exchange for the technical line, then the bridge three times: "至少3次拜访以上的机会…才有可能
# 和客户建立一个很稳固的初步关系" [last lesson].
def bridge_visits(bridge: int = 1, *, also: tuple[int, ...] = ()) -> list:
    return [
        activity(
            11,
            contacts=[bridge, *also],
            on=days_ago(60),
            reason_met="想了解兄弟单位配电自动化的改造经验",
            other_departments=["technical"],
            asks=[ask("information", "今年集采的时间安排", bridge, granted=True)],
            resources=["info.success_case"],
        ),
        activity(12, contacts=[bridge], on=days_ago(40), hook="带售前来做技术交流"),
        activity(
            13,
            contacts=[bridge],
            on=days_ago(12),
            topics={"private"},
            asks=[ask("introduction", "引荐采购副总", bridge, granted=True)],
        ),
    ]


def test_an_s2_project_run_the_courses_way_raises_nothing_serious():
    # "这项目只要是资金，只要是配套都到位了，我们就可以全心去投入，去攻关键客户关系啊，去摸清决策链，摸清
    # 痛苦链，去组织技术交流，组织高层会谈" [lesson 12]
    p = plan(
        owner=REP,
        engaged=[REP, DIRECTOR],
        state="S2",
        strategy="top_down",
        members=[
            member(
                1, title="采购组长", roles={"bridge"}, depth=4, personality="peacock", pains=["框架协议重谈"]
            ),
            member(
                2, name="小李", level=1, function="technical", roles={"coach"}, depth=2, personality="peacock"
            ),
            member(3, name="小赵", level=1, function="user", roles={"general"}, depth=2),
            executive(owner=DIRECTOR, depth=2, pains=["项目平稳落地"]),
        ],
        activities=[
            *bridge_visits(),
            activity(
                14,
                kind="tech_exchange",
                contacts=[2, 3],
                on=days_ago(20),
                topics={"success_case"},
                presales_days=2,
                control_points=[2],
            ),
            # Our director opens the executive relationship, then the rep reports in the office.
            activity(
                15,
                kind="exec_meeting",
                contacts=[9],
                our_people=[DIRECTOR, REP],
                topics={"roi"},
                on=days_ago(25),
            ),
            activity(16, contacts=[9], on=days_ago(8), hook="下月汇报试点进展"),
            activity(
                17,
                kind="business_talk",
                contacts=[1, 9],
                our_people=[DIRECTOR, REP],
                done=False,
                on=days_ago(-10),
            ),
        ],
        control_points=[control_point(1, status="in_progress"), control_point(2, status="held")],
        tender=[TenderItem(text="终端可靠性指标写入技术规范书", status="agreed")],
    )
    assert serious(p) == []


def test_an_s1_project_worked_top_down_raises_nothing_serious():
    # "竞争劣势的项目啊，没有别的打法，自上而下是唯一的选择…这个事基层已经决策不了了" [lesson 12]; our VP
    # meets the 总经理 who holds the purse, our director the 采购副总.
    top = executive(10, title="总经理", name="孙总", level=4, owner=VP, depth=2, pains=["投资回报"])
    p = plan(
        owner=REP,
        engaged=[REP, DIRECTOR, VP],
        state="S1",
        strategy="top_down",
        members=[
            top,
            executive(owner=DIRECTOR, depth=2, pains=["项目平稳落地"]),
            member(1, title="采购组长", roles={"bridge"}, depth=2, personality="tiger", pains=["合同条款"]),
            member(3, name="小赵", level=1, function="user", roles={"general"}, depth=2),
            member(5, name="钱工", level=1, function="finance", depth=2),
        ],
        activities=[
            activity(
                21,
                kind="exec_meeting",
                contacts=[10, 9],
                our_people=[VP, DIRECTOR, REP],
                topics={"roi", "peer_competition"},
                on=days_ago(30),
                control_points=[1],
                reason_met="总部推荐了同行的成功实践",
            ),
            activity(
                22, contacts=[1, 3], on=days_ago(20), reason_met="了解招采流程", other_departments=["finance"]
            ),
            activity(23, contacts=[9], on=days_ago(10), hook="送同行的投资回报测算"),
            activity(
                24,
                kind="site_visit",
                contacts=[10, 9],
                our_people=[VP, DIRECTOR, REP],
                done=False,
                on=days_ago(-12),
            ),
            activity(25, kind="phone", contacts=[5], on=days_ago(5)),
        ],
        control_points=[control_point(2, status="in_progress", actions=["采购组长每两周沟通一次进展"])],
        tender=[
            TenderItem(text="同类项目三年零故障运行写入评分标准", status="planned"),
            TenderItem(kind="contract_department", text="财务部", contact_ids=(5,)),
        ],
    )
    assert serious(p) == []


def test_an_s3_project_simmered_slowly_raises_nothing_serious():
    # "我建议呢，还是温水煮青蛙，但是不要投入太多的力量去往里打…这个时候是客户完全有求于你的，是更好建立客户
    # 关系，拿到客户决策链的" [lesson 12]: a coach, the executive reached by our director, no bridge yet.
    p = plan(
        owner=REP,
        engaged=[REP, DIRECTOR],
        state="S3",
        stage="lead",
        members=[
            member(
                2, name="小李", level=1, function="technical", roles={"coach"}, depth=2, personality="peacock"
            ),
            member(
                4,
                name="周主任",
                title="运检部主任",
                level=2,
                function="technical",
                depth=2,
                pains=["运维人手不足"],
            ),
            executive(owner=DIRECTOR, title="技术副总", function="technical", depth=2, pains=["技术创新"]),
            member(3, name="小赵", level=1, function="user", roles={"general"}, depth=2),
        ],
        activities=[
            activity(
                31,
                contacts=[2, 4],
                on=days_ago(30),
                reason_met="想了解智能运维的新做法",
                other_departments=["user"],
            ),
            activity(32, contacts=[3], on=days_ago(15), reason_met="试用反馈", hook="下次带运维报表样例"),
            activity(
                33,
                kind="exec_meeting",
                contacts=[9],
                our_people=[DIRECTOR, REP],
                topics={"long_term_value"},
                on=days_ago(20),
            ),
            activity(
                34,
                kind="phone",
                contacts=[2],
                on=days_ago(3),
                resources=["info.competitive"],
                asks=[ask(text="立项进展")],
            ),
        ],
        control_points=[control_point(3, actions=["立项时争取参与技术规范的编写"])],
    )
    assert serious(p) == []


def test_a_fresh_lead_before_its_first_visit_hears_only_the_first_visit_advice():
    # "咱们如果是第一次拜访客户的话呢，如果啊这一次算是有效果啊，你一定要带走一个信息" [lesson 12]
    p = plan(
        stage="lead",
        members=[member(2, name="小李", level=1, function="technical", depth=2, added_on=days_ago(5))],
        activities=[
            activity(1, kind="phone", contacts=[2], on=days_ago(5), reason_met="", hook=""),
            activity(2, contacts=[2], done=False, on=days_ago(-3), reason_met="", hook=""),
        ],
    )
    warnings = evaluate(p, TODAY)
    assert [(w.code, w.subject.kind, w.subject.id) for w in warnings] == [
        ("FIRST_VISIT_ADVICE", "activity", 2)
    ]
    assert str(warnings[0].message) == (
        "2025-07-03 Visit (planned) will be the first meeting on this lead: prepare what it must bring back."
    )


def test_a_fresh_lead_with_nothing_planned_is_told_to_plan_the_first_visit():
    warnings = evaluate(plan(stage="lead", members=[member(depth=1)]), TODAY)
    assert [(w.code, w.subject.id) for w in warnings] == [("FIRST_VISIT_ADVICE", "activities")]


def test_the_first_visit_advice_stops_once_the_lead_has_been_visited():
    p = plan(stage="lead", members=[member()], activities=[activity()])
    assert "FIRST_VISIT_ADVICE" not in {w.code for w in evaluate(p, TODAY)}
    assert "FIRST_VISIT_ADVICE" not in {w.code for w in evaluate(plan(stage="opportunity"), TODAY)}


def test_the_resource_plan_keeps_a_key_contact_in_reciprocity_without_activities():
    # A row given in the resource plan is a give like any other (see test_principles); here it is the
    # well-run case: given, then asked.
    given = [ResourceItem(resource="info.success_case", status="given")]
    p = plan(members=[member(roles={"bridge"}, resource_plan=given)], activities=[activity(asks=[ask()])])
    assert "ONE_WAY_RECIPROCITY" not in {w.code for w in evaluate(p, TODAY)}
