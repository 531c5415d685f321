"""Demo data for the review: the plan's own sections, v1 returned with comments, the rep's revisions, v2
awaiting review."""

from decimal import Decimal


def load_plan_demo(project, users, contacts) -> None:
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
    for kind, text, status, known in [
        ("advantage", "终端可靠性指标写入技术规范（MTBF ≥ 10 万小时）", "agreed", []),
        ("advantage", "要求投标人提供近三年同类网省公司的成功案例", "planned", []),
        ("contract_department", "物资部（合同签订）", "planned", []),
        # The people who sign the acceptance, known in advance (control point 4).
        ("acceptance_department", "自动化处（到货与投运验收）", "planned", ["A主任", "壁工"]),
    ]:
        item = TenderItem.objects.create(project=project, kind=kind, text=text, status=status)
        item.contacts.set([contacts[name] for name in known])
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
