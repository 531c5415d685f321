"""Shared by the plan's tests and the URL walk: the plan's own rows for the org fixture's project, and a
big project for the query-count pins."""

from decimal import Decimal

from projects.deals.models import Competitor, NegotiationTerm, ResourcePlanItem, TenderItem
from projects.plans.models import PlanSubmission, ReviewComment
from projects.plans.review import plan_submit
from salescamp.models import Rank

from .factories import (
    ActivityFactory,
    AskFactory,
    ChainMemberFactory,
    ContactFactory,
    PainFactory,
    ProjectFactory,
    UserFactory,
)


def plan_rows(org) -> dict:
    """One of each plan row (and a submitted version with a comment) on the org fixture's project."""
    project = org.project
    competitor = Competitor.objects.create(project=project, name="友商A", our_edge="可靠性")
    competitor.supporters.add(org.boss)
    tender_item = TenderItem.objects.create(project=project, text="可靠性指标写入技术规范")
    term = NegotiationTerm.objects.create(
        project=project, term="交货期提前三个月", cost_to_us=Decimal("50000"), value_to_them=Decimal("150000")
    )
    resource_item = ResourcePlanItem.objects.create(member=org.member, resource="info.success_case")
    submission = PlanSubmission.objects.filter(project=project).first() or plan_submit(
        project=project, by=org.rep
    )
    comment = ReviewComment.objects.create(
        project=project, submission=submission, section="chain", author=org.lead, text="桥梁找对了"
    )
    return {
        "competitor": competitor,
        "tender_item": tender_item,
        "term": term,
        "resource_item": resource_item,
        "submission": submission,
        "comment": comment,
    }


def plan_ids(org) -> dict[str, int]:
    rows = plan_rows(org)
    return {
        "competitor_id": rows["competitor"].pk,
        "tender_item_id": rows["tender_item"].pk,
        "term_id": rows["term"].pk,
        "resource_item_id": rows["resource_item"].pk,
        "version": rows["submission"].number,
        "submission_id": rows["submission"].pk,
        "comment_id": rows["comment"].pk,
    }


def build_plan_project(contacts: int, activities: int):
    """A project with `contacts` people in the chain (pains, planned resources) and `activities` activities,
    plus competitors, tender items and exchange terms."""
    owner = UserFactory()
    project = ProjectFactory(owner=owner, our_price=Decimal("3800000"), their_price=Decimal("3500000"))
    leader = UserFactory(rank=Rank.DIRECTOR)
    for number in (1, 2, 3, 4):
        project.control_points.create(number=number)
    people, bosses = [], []
    for i in range(contacts):
        contact = ContactFactory(
            account=project.account, level=1 + i % 4, reports_to=bosses[i % len(bosses)] if bosses else None
        )
        if i < 5:
            bosses.append(contact)
        member = ChainMemberFactory(
            project=project, contact=contact, owner=leader if i % 3 else None, roles=["key"] if i % 2 else []
        )
        PainFactory(member=member)
        ResourcePlanItem.objects.create(member=member, resource="personal.skills")
        people.append(contact)
    for i in range(activities):
        activity = ActivityFactory(project=project, done=i % 2 == 0, resources=["info.professional"])
        activity.contacts.add(people[i % contacts])
        activity.our_people.add(owner, leader)
        AskFactory(activity=activity, contact=people[i % contacts])
    for i in range(3):
        competitor = Competitor.objects.create(project=project, name=f"友商{i}")
        competitor.supporters.add(*people[:2])
        TenderItem.objects.create(project=project, text=f"优势{i}")
        NegotiationTerm.objects.create(
            project=project,
            term=f"条款{i}",
            cost_to_us=Decimal(i),
            value_to_them=Decimal(3 * i),
            offered=True,
        )
    return project


def live(project):
    """The project's plan as its pages see it now (plain data and today's warnings)."""
    from projects.deals.access import project_for
    from projects.plans.selectors import live_version

    return live_version(project_for(project.owner, project.pk))
