"""Demo visit sheets and tasks: the lesson-12 first visit to 国网东北分部 as a submitted sheet (so a newcomer
sees a filled sheet before writing one), a 60-second capture still in draft, and the tasks (待办) those
visits left."""

from datetime import timedelta

from django.utils import timezone

from projects.deals.models import Task
from projects.visits.models import VisitSheet, VisitStatus


def load_visit_demo(project, first_visit, users, contacts) -> None:
    today = timezone.localdate()
    rep, director = users["xiaozhang"], users["chenzongjian"]
    liu, a_director, bi = contacts["刘组长"], contacts["A主任"], contacts["壁工"]
    step_day = first_visit.date + timedelta(days=14)
    sheet = VisitSheet.objects.create(
        project=project,
        created_by=rep,
        status=VisitStatus.SUBMITTED,
        visit_date=first_visit.date,
        activity=first_visit,
        submitted_at=timezone.now() - timedelta(days=40),
        data={
            "purpose": "认识招采流程，找到桥梁",
            "value": "介绍其他网省配电自动化的做法，帮客户少走弯路",
            "invitation": "听说贵单位在规划配电自动化，我们整理了几个网省的实践，想当面交流半小时",
            "known_company": "国网东北分部；电力；东北·沈阳",
            "known_problems": "老旧终端可靠性差；集采框架协议明年到期",
            "must_learn": [
                {"text": "客户为什么愿意在工作时间见我们？", "done": True, "key": "reason_met"},
                {"text": "谁是桥梁——连接执行组和领导组的人？", "done": True, "key": "bridge"},
                {"text": "预算：资金落实了吗？有多少？", "done": True, "key": "bant_budget"},
            ],
            "our_people_before": [str(rep.pk)],
            "date": first_visit.date.isoformat(),
            "place": "沈阳 · 分部办公楼三楼",
            "met": [
                {"contact": str(liu.pk), "role": "bridge", "stance": "support", "depth": "3", "pains": ""},
                {
                    "contact": str(a_director.pk),
                    "role": "coach",
                    "stance": "support",
                    "depth": "2",
                    "pains": "关心技术创新、新项目申报、发技术论文",
                    "pain_kind": "innovation",
                },
            ],
            "our_people": [str(rep.pk)],
            "reason_met": "想了解其他网省公司配电自动化的做法",
            "topics": ["product_features"],
            "bant_budget": "今年技改专项约 400 万",
            "bant_authority": "采购副总审批，总经理签字",
            "bant_need": "老旧终端频繁掉线，要换新一代",
            "bant_timeline": "明年一季度集采",
            "procurement_process": "刘组长牵头执行组，赵副总和钱副总在领导组",
            "state": "S2",
            "state_signs": ["s2_grateful"],
            "suggestions_upper": "先找钱副总做技术创新交流，再谈商务",
            "hooks": "两周内带售前来做技术交流",
            "next_steps": [
                {
                    "text": "请陈总监约钱副总做创新交流",
                    "date": step_day.isoformat(),
                    "owner": str(director.pk),
                }
            ],
            "other_departments": ["procurement"],
            "small_activities": ["walked_down"],
            "note": "刘组长介绍了集采分工；A主任对新项目申报感兴趣。",
        },
    )
    sheet.recorded.set([first_visit])
    VisitSheet.objects.create(
        project=project,
        created_by=rep,
        quick=True,
        visit_date=today,
        data={
            "date": today.isoformat(),
            "met": [{"contact": str(bi.pk), "role": "coach", "stance": "neutral", "depth": "2", "pains": ""}],
            "reason_met": "壁工想看华北某局的运行数据",
        },
    )
    for text, owner, due, contact, visit in [
        ("请陈总监约钱副总做创新交流", director, today + timedelta(days=5), contacts["钱副总"], sheet),
        ("把华北某局的成功案例材料送给刘组长", rep, today - timedelta(days=4), liu, None),
        ("问清明年一季度集采的时间表", rep, today, liu, None),
        ("给壁工发新一代终端的可靠性测试报告", rep, today + timedelta(days=3), bi, None),
    ]:
        Task.objects.create(project=project, text=text, owner=owner, due=due, contact=contact, visit=visit)
