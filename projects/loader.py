"""Load a project with everything its page and the warnings engine need, in a fixed number of queries,
and turn it into the engine's plain data (projects.rules.data)."""

from dataclasses import dataclass, field, fields

from django.db.models import Prefetch

from accounts.models import Contact
from salescamp.models import User

from .models import Activity, ChainMember, ControlPoint, Engagement, InternalSale, Project, TeamThresholds
from .rules import data


@dataclass
class PlanLinks:
    """The engine's view of the rows hanging off activities and chain members, read as plain rows (desks
    load thousands; prefetching them as model instances cost more than the whole page should)."""

    people: dict[int, tuple[data.Person, ...]]  # activity id → our people, by rank
    contact_ids: dict[int, tuple[int, ...]]  # activity id → contacts met, by level and name
    asks: dict[int, tuple[data.Ask, ...]]  # activity id → asks
    pains: dict[int, tuple[data.Pain, ...]]  # chain member id → pains


@dataclass
class LoadedProject:
    project: Project
    members: list[ChainMember]
    activities: list[Activity]
    control_points: list[ControlPoint]
    engagements: list[Engagement]
    internal_sales: list[InternalSale]
    links: PlanLinks | None = None  # None: read them from the prefetched relations
    plan: data.PlanData = field(init=False)

    def __post_init__(self):
        self.plan = to_plan_data(self)


def load_project(project: Project) -> LoadedProject:
    """`project` should come from projects.access.project_for (account, owner, team, thresholds joined)."""
    members = list(
        ChainMember.objects.filter(project=project)
        .select_related("contact", "owner")
        .prefetch_related("pains")
        .order_by("-contact__level", "contact__name")
    )
    activities = list(
        Activity.objects.filter(project=project)
        .select_related("visit_sheet")
        .prefetch_related(
            Prefetch("our_people", queryset=User.objects.order_by("-rank", "pk")),
            Prefetch("contacts", queryset=Contact.objects.order_by("-level", "name")),
            "asks",
        )
    )
    return LoadedProject(
        project=project,
        members=members,
        activities=activities,
        control_points=list(ControlPoint.objects.filter(project=project)),
        engagements=list(
            Engagement.objects.filter(project=project).select_related("user").order_by("-user__rank")
        ),
        internal_sales=list(InternalSale.objects.filter(project=project).select_related("person")),
    )


def person(user: User) -> data.Person:
    return data.Person(id=user.pk, name=str(user), rank=user.rank)


def thresholds_for(project: Project) -> data.Thresholds:
    try:
        row = project.team.thresholds
    except TeamThresholds.DoesNotExist:
        return data.Thresholds()
    return data.Thresholds(**{f.name: getattr(row, f.name) for f in fields(data.Thresholds)})


def to_plan_data(loaded: LoadedProject) -> data.PlanData:
    project = loaded.project
    links = loaded.links
    owner = person(project.owner)
    engaged = {owner.id: owner}
    for engagement in loaded.engagements:
        engaged.setdefault(engagement.user_id, person(engagement.user))
    members = tuple(
        data.ChainMember(
            contact_id=member.contact_id,
            name=member.contact.name,
            title=member.contact.title,
            level=member.contact.level,
            function=member.contact.function,
            personality=member.contact.personality,
            roles=frozenset(member.roles),
            stance=member.stance,
            depth=member.depth,
            owner=person(member.owner) if member.owner else None,
            acquaintance=member.acquaintance,
            pains=links.pains.get(member.pk, ())
            if links
            else tuple(data.Pain(text=pain.text, kind=pain.kind) for pain in member.pains.all()),
            added_on=member.added_on,
            reports_to_id=member.contact.reports_to_id,
        )
        for member in loaded.members
    )
    activities = tuple(
        data.Activity(
            id=activity.pk,
            kind=activity.kind,
            date=activity.date,
            done=activity.done,
            our_people=links.people.get(activity.pk, ())
            if links
            else tuple(person(user) for user in activity.our_people.all()),
            contact_ids=links.contact_ids.get(activity.pk, ())
            if links
            else tuple(contact.pk for contact in activity.contacts.all()),
            topics=frozenset(activity.topics),
            gift_kind=activity.gift_kind,
            gift_value=activity.gift_value,
            gift_approved=activity.gift_approved,
            goal=activity.goal,
            hook=activity.hook,
            outcome=activity.outcome,
            reason_met=activity.reason_met,
            resources=tuple(activity.resources),
            asks=links.asks.get(activity.pk, ())
            if links
            else tuple(
                data.Ask(kind=ask.kind, text=ask.text, contact_id=ask.contact_id)
                for ask in activity.asks.all()
            ),
            other_departments=tuple(activity.other_departments),
            control_points=frozenset(activity.control_points),
            presales_days=activity.presales_days,
        )
        for activity in loaded.activities
    )
    return data.PlanData(
        project_id=project.pk,
        name=project.name,
        stage=project.stage,
        state=project.state,
        strategy=project.strategy,
        owner=owner,
        engaged=tuple(engaged.values()),
        members=members,
        activities=activities,
        control_points=tuple(
            data.ControlPoint(number=cp.number, status=cp.status, actions=tuple(cp.action_list()))
            for cp in loaded.control_points
        ),
        thresholds=thresholds_for(project),
    )
