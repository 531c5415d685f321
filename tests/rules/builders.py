"""Plain-data builders for the rules tests: keyword defaults describe a quiet, healthy project.

Every default is chosen so that no rule fires on its account; a test changes only what it is about.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from projects.rules.base import Warning
from projects.rules.codes import Rank
from projects.rules.data import (
    Activity,
    Ask,
    ChainMember,
    Contact,
    ControlPoint,
    Engagement,
    Pain,
    Person,
    PlanData,
    ResourceItem,
    Task,
    TenderItem,
    Thresholds,
)

TODAY = date(2025, 6, 30)

REP = Person(id=1, name="小张", rank=Rank.REP)
LEAD = Person(id=2, name="王组长", rank=Rank.TEAM_LEAD)
DIRECTOR = Person(id=3, name="陈总监", rank=Rank.DIRECTOR)
VP = Person(id=4, name="李副总", rank=Rank.EXECUTIVE)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def pain(text: str = "担心新系统上线后的可靠性", kind: str = "reliability") -> Pain:
    return Pain(text=text, kind=kind)


def member(
    contact_id: int = 1,
    *,
    name: str = "刘组长",
    title: str = "",
    level: int = 2,
    function: str = "procurement",
    personality: str = "unknown",
    roles: Iterable[str] = (),
    stance: str = "neutral",
    depth: int = 2,
    owner: Person | None = None,
    acquaintance: str = "",
    acquaintance_holder: Person | None = None,
    pains: Iterable[Pain | str] = (),
    added_on: date | None = None,
    reports_to_id: int | None = None,
    resource_plan: Iterable[ResourceItem] = (),
    asked: Person | None = None,
) -> ChainMember:
    return ChainMember(
        contact=Contact(
            id=contact_id,
            name=name,
            title=title,
            level=level,
            function=function,
            personality=personality,
            reports_to_id=reports_to_id,
        ),
        roles=frozenset(roles),
        stance=stance,
        depth=depth,
        owner=owner,
        acquaintance=acquaintance,
        acquaintance_holder=acquaintance_holder,
        pains=tuple(pain(p) if isinstance(p, str) else p for p in pains),
        added_on=added_on or days_ago(7),
        resource_plan=tuple(resource_plan),
        asked=asked,
    )


def executive(contact_id: int = 9, *, name: str = "王总", title: str = "采购副总", **kwargs) -> ChainMember:
    """A level-3 executive (高层), with a pain so NO_PAIN stays quiet unless a test says otherwise."""
    kwargs.setdefault("pains", ["只关心项目平稳落地"])
    return member(contact_id, name=name, title=title, level=kwargs.pop("level", 3), **kwargs)


def ask(
    kind: str = "information", text: str = "", contact_id: int | None = None, *, granted: bool = False
) -> Ask:
    return Ask(kind=kind, text=text, contact_id=contact_id, granted=granted)


def activity(
    id: int = 1,
    *,
    kind: str = "visit",
    on: date | None = None,
    done: bool = True,
    our_people: Iterable[Person] = (REP,),
    contacts: Iterable[int] = (1,),
    topics: Iterable[str] = (),
    gift_kind: str = "",
    gift_value: Decimal | int | str | None = None,
    gift_approved: bool = False,
    goal: str = "",
    hook: str = "下周送同类项目的成功案例",
    outcome: str = "",
    reason_met: str = "想了解同行的改造经验",
    resources: Iterable[str] = (),
    asks: Iterable[Ask] = (),
    other_departments: Iterable[str] = (),
    control_points: Iterable[int] = (),
    presales_days: Decimal | int | str = 0,
) -> Activity:
    return Activity(
        id=id,
        kind=kind,
        date=on or days_ago(7),
        done=done,
        our_people=tuple(our_people),
        contact_ids=tuple(contacts),
        topics=frozenset(topics),
        gift_kind=gift_kind,
        gift_value=None if gift_value is None else Decimal(str(gift_value)),
        gift_approved=gift_approved,
        goal=goal,
        hook=hook,
        outcome=outcome,
        reason_met=reason_met,
        resources=tuple(resources),
        asks=tuple(asks),
        other_departments=tuple(other_departments),
        control_points=frozenset(control_points),
        presales_days=Decimal(str(presales_days)),
    )


def control_point(number: int, *, status: str = "not_started", actions: Iterable[str] = ()) -> ControlPoint:
    return ControlPoint(number=number, status=status, actions=tuple(actions))


def plan(
    *,
    members: Iterable[ChainMember] = (),
    activities: Iterable[Activity] = (),
    owner: Person = REP,
    engaged: Iterable[Person] | None = None,
    stage: str = "opportunity",
    state: str = "",
    strategy: str = "",
    control_points: Iterable[ControlPoint] = (),
    tender: Iterable[TenderItem] = (),
    thresholds: Thresholds | None = None,
    leaders: Iterable[Person] = (),
    tasks: Iterable[Task] = (),
    **threshold_overrides,
) -> PlanData:
    """A plan; `plan(stale_days=10)` is shorthand for tuned thresholds."""
    return PlanData(
        project_id=1,
        name="国网东北分部 配网自动化",
        stage=stage,
        state=state,
        strategy=strategy,
        owner=owner,
        leaders=tuple(leaders),
        engagements=tuple(Engagement(person=person) for person in (engaged if engaged is not None else ())),
        members=tuple(members),
        activities=tuple(activities),
        tasks=tuple(tasks),
        control_points=tuple(control_points),
        tender=tuple(tender),
        thresholds=thresholds or Thresholds(**threshold_overrides),
    )


def run(rule, the_plan: PlanData, today: date = TODAY) -> list[Warning]:
    """Run one rule, rendering every text so a broken placeholder fails the test that reaches it."""
    warnings = rule.check(the_plan, today)
    for warning in warnings:
        assert warning.code == rule.CODE
        assert warning.severity == rule.SEVERITY
        rendered = warning.as_dict()
        assert all(rendered[key] for key in ("message", "reason", "next_step", "lesson"))
    return warnings


def fires(rule, the_plan: PlanData, today: date = TODAY) -> bool:
    return bool(run(rule, the_plan, today))
