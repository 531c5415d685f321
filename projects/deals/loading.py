"""Load a project with everything its page and the warnings engine need, in a fixed number of queries,
and turn it into the engine's plain data (projects.rules.data)."""

from dataclasses import dataclass, field, fields

from django.db.models.functions import JSONObject

from accounts.models import Contact
from projects.deals import rows
from projects.deals.models import (
    Activity,
    Ask,
    ChainMember,
    ControlPoint,
    Engagement,
    InternalSale,
    Pain,
    Project,
    TeamThresholds,
)
from projects.rules import data
from salescamp.models import User


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
    extra_rows: dict = field(default_factory=dict)  # what load_project's plan_rows asked for, by name
    plan: data.PlanData = field(init=False)

    def __post_init__(self):
        self.plan = to_plan_data(self)


PERSON_FIELDS = ("id", "display_name", "first_name", "last_name", "username", "rank")  # what person() reads


def person_fields(prefix: str) -> dict:
    """A related user's columns for rows.json_rows."""
    return {name: f"{prefix}{name}" for name in PERSON_FIELDS}


def person_row(prefix: str) -> JSONObject:
    return JSONObject(**person_fields(prefix))


def engine_tables() -> dict:
    """The project's small tables the engine reads, as json_rows annotations by name: for one project
    (load_project) or many (desks.load_plans)."""
    return {
        "control_point_rows": rows.json_rows(
            ControlPoint.objects.all(), "project", rows.model_fields(ControlPoint)
        ),
        "engagement_rows": rows.json_rows(
            Engagement.objects.all(),
            "project",
            {**rows.model_fields(Engagement), "user": person_row("user__")},
        ),
    }


def load_project(project: Project, plan_rows: dict | None = None) -> LoadedProject:
    """`project` should come from projects.access.project_for (account, owner, team, thresholds joined).

    Three queries whatever the size: the chain members (with contacts, owners and pains), the activities
    (with our people, their people and asks), and the project's small tables — plus whatever
    `plan_rows` (name → json_rows) asks of the members' and the project's rows (projects.plan)."""
    plan_rows = plan_rows or {}
    members = list(
        ChainMember.objects.filter(project=project)
        .select_related("contact", "owner")
        .annotate(pain_rows=rows.json_rows(Pain.objects.all(), "member", rows.model_fields(Pain)))
        .annotate(**plan_rows.get("members", {}))
        .order_by("-contact__level", "contact__name")
    )
    for member in members:
        rows.attach(member, "pains", rows.instances(Pain, member.pain_rows))
    people = Activity.our_people.through.objects.all()
    contacts = Activity.contacts.through.objects.all()
    activities = list(
        Activity.objects.filter(project=project)
        .select_related("visit_sheet")
        .annotate(
            people_rows=rows.json_rows(people, "activity", person_fields("user__")),
            contact_rows=rows.json_rows(contacts, "activity", rows.model_fields(Contact, prefix="contact__")),
            ask_rows=rows.json_rows(Ask.objects.all(), "activity", rows.model_fields(Ask)),
        )
    )
    for activity in activities:
        rows.attach(activity, "our_people", rows.instances(User, activity.people_rows, ("-rank", "id")))
        rows.attach(activity, "contacts", rows.instances(Contact, activity.contact_rows, ("-level", "name")))
        rows.attach(activity, "asks", rows.instances(Ask, activity.ask_rows))
    tables = {
        **engine_tables(),
        "internal_sale_rows": rows.json_rows(
            InternalSale.objects.all(),
            "project",
            {**rows.model_fields(InternalSale), "person": person_row("person__")},
        ),
        **plan_rows.get("project", {}),
    }
    small = Project.objects.filter(pk=project.pk).annotate(**tables).values(*tables).get()
    return LoadedProject(
        project=project,
        members=members,
        activities=activities,
        control_points=rows.instances(ControlPoint, small["control_point_rows"]),
        engagements=rows.instances(Engagement, small["engagement_rows"], ("-user__rank",)),
        internal_sales=rows.instances(InternalSale, small["internal_sale_rows"]),
        extra_rows=small,
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
