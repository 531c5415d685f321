"""The one read path: projects read into the plan's plain data (projects.rules.data.PlanData).

Three queries whatever the size and whatever the number of projects: the projects with their small tables
(control points, our people, internal selling, competition, tender plan, exchange table, sharing, the
account's contacts), the chain members (with their pains and resource plan), and the activities (with our
people, their people and the asks). Every page, the PDF, a submitted version, the JSON export, the desks
and the visit diagnosis start from here.
"""

from collections import defaultdict
from dataclasses import fields as dataclass_fields

from accounts.models import Contact
from projects.deals.models import (
    Activity,
    Ask,
    ChainMember,
    Competitor,
    ControlPoint,
    Engagement,
    InternalSale,
    NegotiationTerm,
    Pain,
    Project,
    RelationshipRequest,
    RequestStatus,
    ResourcePlanItem,
    Task,
    TeamThresholds,
    TenderItem,
)
from projects.deals.rows import decoded, json_rows, model_fields, parse
from projects.rules import data
from salescamp.models import shown_name

PERSON_FIELDS = ("id", "username", "display_name", "first_name", "last_name", "rank")
# The project team's management line, read with the project: its leader and those of the teams above, to this
# depth. Four steps reach the top of our four ranks (组长 → 总监 → 副总) in any real sales organisation.
MANAGEMENT_LINE = tuple(f"team__{'parent__' * step}leader__" for step in range(4))
# What pages, the engine and the JSON format read of a project with it: load_plan's caller joins these.
PROJECT_RELATIONS = ("account", "owner", "team", "team__thresholds")


def person_fields(path: str, key: str = "") -> dict:
    """A related user's columns as json_rows fields: keys `key` + column, values `path` + column."""
    return {f"{key}{name}": f"{path}{name}" for name in PERSON_FIELDS}


def person(values: dict, key: str = "") -> data.Person | None:
    """The Person in `values` under keys `key` + column (see person_fields); None if there is none."""
    if values[f"{key}id"] is None:
        return None
    return data.Person(
        id=values[f"{key}id"],
        name=shown_name(
            *(values[f"{key}{name}"] for name in ("display_name", "first_name", "last_name", "username"))
        ),
        rank=values[f"{key}rank"],
        username=values[f"{key}username"],
    )


def user_person(user) -> data.Person:
    return data.Person(id=user.pk, name=str(user), rank=user.rank, username=user.username)


def _people_rows(through, link: str) -> object:
    return json_rows(through.objects.all(), link, person_fields("user__"))


SMALL_TABLES = {
    "control_point_rows": lambda: json_rows(
        ControlPoint.objects.all(), "project", model_fields(ControlPoint)
    ),
    "engagement_rows": lambda: json_rows(
        Engagement.objects.all(),
        "project",
        {"id": "id", "part": "part", **person_fields("user__", "user_")},
    ),
    "internal_sale_rows": lambda: json_rows(
        InternalSale.objects.all(),
        "project",
        {**model_fields(InternalSale), **person_fields("person__", "who_")},
    ),
    "competitor_rows": lambda: json_rows(Competitor.objects.all(), "project", model_fields(Competitor)),
    "supporter_rows": lambda: json_rows(
        Competitor.supporters.through.objects.all(),
        "competitor__project",
        {"competitor": "competitor_id", "contact": "contact_id"},
    ),
    "tender_rows": lambda: json_rows(TenderItem.objects.all(), "project", model_fields(TenderItem)),
    "tender_contact_rows": lambda: json_rows(
        TenderItem.contacts.through.objects.all(),
        "tenderitem__project",
        {"item": "tenderitem_id", "contact": "contact_id"},
    ),
    "term_rows": lambda: json_rows(NegotiationTerm.objects.all(), "project", model_fields(NegotiationTerm)),
    "shared_rows": lambda: _people_rows(Project.shared_with.through, "project"),
    "task_rows": lambda: json_rows(
        Task.objects.all(),
        "project",
        {
            **model_fields(Task, "project_id", "owner_id", "visit_id", "activity_id", "version"),
            "visit_activity_id": "visit__activity_id",
            **person_fields("owner__", "owner_"),
        },
    ),
    "contact_rows": lambda: json_rows(
        Contact.objects.all(), "account", model_fields(Contact, "account_id"), outer="account_id"
    ),
}
MEMBER_FIELDS = ("id", "project_id", "contact_id", "roles", "stance", "depth", "acquaintance", "added_on")
ACTIVITY_FIELDS = tuple(
    f.attname for f in Activity._meta.concrete_fields if f.attname not in ("created_at", "version")
)


def load_plan(project: Project) -> data.PlanData:
    """`project` as the plan's plain data; `project` from projects.deals.access (PROJECT_RELATIONS joined)."""
    return load_plans([project])[0]


def load_plans(projects: list[Project]) -> list[data.PlanData]:
    """Many projects at once (the desks), in the same three queries."""
    if not projects:
        return []
    ids = [project.pk for project in projects]
    small = {
        row["pk"]: row
        for row in Project.objects.filter(pk__in=ids)
        .annotate(**{name: build() for name, build in SMALL_TABLES.items()})
        .values("pk", *SMALL_TABLES, *(f"{line}{name}" for line in MANAGEMENT_LINE for name in PERSON_FIELDS))
    }
    members = defaultdict(list)
    for row in (
        ChainMember.objects.filter(project_id__in=ids)
        .annotate(
            pain_rows=json_rows(Pain.objects.all(), "member", {"id": "id", "text": "text", "kind": "kind"}),
            resource_rows=json_rows(ResourcePlanItem.objects.all(), "member", model_fields(ResourcePlanItem)),
            asked_rows=json_rows(
                RelationshipRequest.objects.filter(status=RequestStatus.PENDING),
                "member",
                person_fields("leader__"),
            ),
        )
        .values(
            *MEMBER_FIELDS,
            "pain_rows",
            "resource_rows",
            "asked_rows",
            *(f"owner__{name}" for name in PERSON_FIELDS),
            *(f"acquaintance_holder__{name}" for name in PERSON_FIELDS),
        )
    ):
        members[row["project_id"]].append(row)
    activities = defaultdict(list)
    for row in (
        Activity.objects.filter(project_id__in=ids)
        .annotate(
            people_rows=_people_rows(Activity.our_people.through, "activity"),
            met_rows=json_rows(
                Activity.contacts.through.objects.all(),
                "activity",
                {"id": "contact_id", "level": "contact__level", "name": "contact__name"},
            ),
            ask_rows=json_rows(Ask.objects.all(), "activity", model_fields(Ask)),
        )
        .values(*ACTIVITY_FIELDS, "people_rows", "met_rows", "ask_rows")
        .order_by("-date", "-id")
    ):
        activities[row["project_id"]].append(row)
    return [
        _plan(project, small[project.pk], members[project.pk], activities[project.pk]) for project in projects
    ]


def thresholds_for(project: Project) -> data.Thresholds:
    try:
        row = project.team.thresholds
    except TeamThresholds.DoesNotExist:
        return data.Thresholds()
    return data.Thresholds(**{f.name: getattr(row, f.name) for f in dataclass_fields(data.Thresholds)})


def _contact(values: dict) -> data.Contact:
    return data.Contact(**{f.name: values[f.name] for f in dataclass_fields(data.Contact)})


def _plan(project: Project, small: dict, member_rows: list[dict], activity_rows: list[dict]) -> data.PlanData:
    contacts = [_contact(row) for row in decoded(Contact, small["contact_rows"], ("-level", "name", "id"))]
    by_contact = {contact.id: contact for contact in contacts}
    members = [_member(row, by_contact) for row in member_rows if row["contact_id"] in by_contact]
    members.sort(key=lambda m: (-m.level, m.name, m.contact_id))
    supporters = defaultdict(list)
    for row in sorted(
        parse(small["supporter_rows"]), key=lambda r: (-by_contact[r["contact"]].level, r["contact"])
    ):
        supporters[row["competitor"]].append(row["contact"])
    tender_contacts = defaultdict(list)
    for row in sorted(
        parse(small["tender_contact_rows"]), key=lambda r: (-by_contact[r["contact"]].level, r["contact"])
    ):
        tender_contacts[row["item"]].append(row["contact"])
    return data.PlanData(
        project_id=project.pk,
        name=project.name,
        account=data.Named(
            id=project.account_id,
            name=project.account.name,
            industry=project.account.industry,
            region=project.account.region,
        ),
        team=data.Named(id=project.team_id, name=project.team.name),
        stage=project.stage,
        outcome_reason=project.outcome_reason,
        amount=project.amount,
        expected_close=project.expected_close,
        our_price=project.our_price,
        their_price=project.their_price,
        state=project.state,
        state_signs=tuple(project.state_signs),
        strategy=project.strategy,
        owner=user_person(project.owner),
        leaders=_management_line(small),
        shared_with=tuple(sorted((person(r) for r in parse(small["shared_rows"])), key=lambda p: p.username)),
        engagements=tuple(
            data.Engagement(id=row["id"], part=row["part"], person=person(row, "user_"))
            for row in sorted(parse(small["engagement_rows"]), key=lambda r: (-r["user_rank"], r["id"]))
        ),
        contacts=tuple(contacts),
        members=tuple(members),
        activities=tuple(_activity(row) for row in activity_rows),
        tasks=tuple(_task(row) for row in decoded(Task, small["task_rows"])),
        control_points=tuple(
            data.ControlPoint(
                number=row["number"],
                status=row["status"],
                actions=tuple(line.strip() for line in row["actions"].splitlines() if line.strip()),
            )
            for row in decoded(ControlPoint, small["control_point_rows"], ("number",))
        ),
        internal_sales=tuple(
            _internal_sale(row) for row in decoded(InternalSale, small["internal_sale_rows"])
        ),
        competitors=tuple(
            data.Competitor(
                id=row["id"],
                name=row["name"],
                strengths=row["strengths"],
                our_edge=row["our_edge"],
                supporter_ids=tuple(supporters[row["id"]]),
            )
            for row in decoded(Competitor, small["competitor_rows"])
        ),
        tender=tuple(
            data.TenderItem(
                id=row["id"],
                kind=row["kind"],
                text=row["text"],
                status=row["status"],
                contact_ids=tuple(tender_contacts[row["id"]]),
            )
            for row in decoded(TenderItem, small["tender_rows"], ("kind", "id"))
        ),
        terms=tuple(
            data.NegotiationTerm(
                id=row["id"],
                term=row["term"],
                cost_to_us=row["cost_to_us"],
                value_to_them=row["value_to_them"],
                offered=row["offered"],
            )
            for row in decoded(NegotiationTerm, small["term_rows"])
        ),
        thresholds=thresholds_for(project),
    )


def _management_line(values: dict) -> tuple[data.Person, ...]:
    line: dict[int, data.Person] = {}
    for key in MANAGEMENT_LINE:
        leader = person(values, key)
        if leader is not None:
            line.setdefault(leader.id, leader)
    return tuple(line.values())


def _member(row: dict, contacts: dict[int, data.Contact]) -> data.ChainMember:
    asked = parse(row["asked_rows"])
    return data.ChainMember(
        id=row["id"],
        contact=contacts[row["contact_id"]],
        roles=frozenset(row["roles"]),
        stance=row["stance"],
        depth=row["depth"],
        owner=person(row, "owner__"),
        acquaintance=row["acquaintance"],
        acquaintance_holder=person(row, "acquaintance_holder__"),
        added_on=row["added_on"],
        pains=tuple(
            data.Pain(id=pain["id"], text=pain["text"], kind=pain["kind"])
            for pain in sorted(parse(row["pain_rows"]), key=lambda pain: pain["id"])
        ),
        resource_plan=tuple(
            data.ResourceItem(
                id=item["id"], resource=item["resource"], status=item["status"], note=item["note"]
            )
            for item in decoded(ResourcePlanItem, row["resource_rows"])
        ),
        asked=person(asked[0]) if asked else None,
    )


def _task(row: dict) -> data.Task:
    return data.Task(
        id=row["id"],
        text=row["text"],
        owner=person(row, "owner_"),
        due=row["due"],
        done=row["done"],
        contact_id=row["contact_id"],
        visit_activity_id=row["visit_activity_id"],
    )


def _activity(row: dict) -> data.Activity:
    people = sorted(parse(row["people_rows"]), key=lambda user: (-user["rank"], user["id"]))
    met = sorted(parse(row["met_rows"]), key=lambda contact: (-contact["level"], contact["name"]))
    return data.Activity(
        id=row["id"],
        kind=row["kind"],
        date=row["date"],
        done=row["done"],
        our_people=tuple(person(user) for user in people),
        contact_ids=tuple(contact["id"] for contact in met),
        topics=frozenset(row["topics"]),
        gift_kind=row["gift_kind"],
        gift_value=row["gift_value"],
        gift_approved=row["gift_approved"],
        goal=row["goal"],
        hook=row["hook"],
        outcome=row["outcome"],
        reason_met=row["reason_met"],
        resources=tuple(row["resources"]),
        asks=tuple(
            data.Ask(kind=ask["kind"], text=ask["text"], contact_id=ask["contact_id"], granted=ask["granted"])
            for ask in decoded(Ask, row["ask_rows"])
        ),
        other_departments=tuple(row["other_departments"]),
        control_points=frozenset(row["control_points"]),
        presales_days=row["presales_days"],
    )


def _internal_sale(row: dict) -> data.InternalSale:
    return data.InternalSale(
        id=row["id"],
        target=row["target"],
        commitment=row["commitment"],
        status=row["status"],
        person=person(row, "who_"),
    )
