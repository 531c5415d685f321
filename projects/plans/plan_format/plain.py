"""to_plan_data: a parsed document as the warnings engine's plain data, for check_plan (no database).

The plan's closing sections (competitors, tender, negotiation) and the resource plan are not carried: the
engine's rules do not read them.
"""

from datetime import date

from projects.plans.plan_format.document import ParsedPlan
from projects.rules import data


def to_plan_data(parsed: ParsedPlan, *, today: date | None = None) -> data.PlanData:
    """The warnings engine's data for a parsed document, ordered as projects.loader orders a project.

    Ids are positions in the file (1-based): contacts by their place in $.contacts, activities by their
    place in $.activities, people by their place in $.people. `today` stands in for a missing added_on.
    """
    today = today or date.today()
    person_index = {p.username: index for index, p in enumerate(parsed.people)}
    people = {
        p.username: data.Person(id=index + 1, name=p.name, rank=p.rank)
        for index, p in enumerate(parsed.people)
    }
    contact_index = {c.key: index for index, c in enumerate(parsed.contacts)}
    contacts = {c.key: c for c in parsed.contacts}

    def contact_order(key: str) -> tuple:
        return (-contacts[key].level, contacts[key].name, contact_index[key])

    owner = people[parsed.project.owner]
    engaged = {owner.id: owner}
    engagement = sorted(parsed.engagement, key=lambda e: (-people[e.username].rank, person_index[e.username]))
    for entry in engagement:
        engaged.setdefault(people[entry.username].id, people[entry.username])

    members = tuple(
        data.ChainMember(
            contact_id=contact_index[member.contact] + 1,
            name=contacts[member.contact].name,
            title=contacts[member.contact].title,
            level=contacts[member.contact].level,
            function=contacts[member.contact].function,
            personality=contacts[member.contact].personality,
            roles=frozenset(member.roles),
            stance=member.stance,
            depth=member.depth,
            owner=people[member.owner] if member.owner else None,
            acquaintance=member.acquaintance,
            pains=tuple(data.Pain(text=pain.text, kind=pain.kind) for pain in member.pains),
            added_on=member.added_on or today,
            reports_to_id=(
                contact_index[contacts[member.contact].reports_to] + 1
                if contacts[member.contact].reports_to
                else None
            ),
        )
        for member in sorted(parsed.chain, key=lambda m: contact_order(m.contact))
    )
    numbered = list(enumerate(parsed.activities, start=1))
    # The loader's order: newest first, then the later-created first.
    numbered.sort(key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    activities = tuple(
        data.Activity(
            id=number,
            kind=activity.kind,
            date=activity.date,
            done=activity.done,
            our_people=tuple(
                people[u]
                for u in sorted(activity.our_people, key=lambda u: (-people[u].rank, person_index[u]))
            ),
            contact_ids=tuple(contact_index[key] + 1 for key in sorted(activity.contacts, key=contact_order)),
            topics=frozenset(activity.topics),
            gift_kind=activity.gift_kind,
            gift_value=activity.gift_value,
            gift_approved=activity.gift_approved,
            goal=activity.goal,
            hook=activity.hook,
            outcome=activity.outcome,
            reason_met=activity.reason_met,
            resources=activity.resources,
            asks=tuple(
                data.Ask(
                    kind=ask.kind,
                    text=ask.text,
                    contact_id=contact_index[ask.contact] + 1 if ask.contact else None,
                )
                for ask in activity.asks
            ),
            other_departments=activity.other_departments,
            control_points=frozenset(activity.control_points),
            presales_days=activity.presales_days,
        )
        for number, activity in numbered
    )
    project = parsed.project
    return data.PlanData(
        project_id=0,
        name=project.name,
        stage=project.stage,
        state=project.state,
        strategy=project.strategy,
        owner=owner,
        engaged=tuple(engaged.values()),
        members=members,
        activities=activities,
        control_points=tuple(
            data.ControlPoint(number=cp.number, status=cp.status, actions=cp.actions)
            for cp in parsed.control_points
        ),
        thresholds=parsed.thresholds,
    )
