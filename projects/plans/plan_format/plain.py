"""to_plan_data: a parsed document as the plan's plain data (projects.rules.data), with no database: what
check_plan evaluates, in the same shape and order as projects.deals.loading reads a project.

Ids are positions in the file (1-based): contacts by their place in $.contacts, activities by their place
in $.activities, people by their place in $.people.
"""

from datetime import date

from projects.plans.plan_format.document import ParsedPlan
from projects.rules import data


def to_plan_data(parsed: ParsedPlan, *, today: date | None = None) -> data.PlanData:
    """`today` stands in for a missing added_on."""
    today = today or date.today()
    person_index = {p.username: index for index, p in enumerate(parsed.people)}
    people = {
        p.username: data.Person(id=index + 1, name=p.name, rank=p.rank, username=p.username)
        for index, p in enumerate(parsed.people)
    }
    contact_index = {c.key: index + 1 for index, c in enumerate(parsed.contacts)}
    contacts = {
        c.key: data.Contact(
            id=contact_index[c.key],
            name=c.name,
            title=c.title,
            level=c.level,
            function=c.function,
            personality=c.personality,
            procurement_group=c.procurement_group,
            reports_to_id=contact_index[c.reports_to] if c.reports_to else None,
            phone=c.phone,
            wechat=c.wechat,
            email=c.email,
            notes=c.notes,
        )
        for c in parsed.contacts
    }

    def seniority(key: str) -> tuple:
        contact = contacts[key]
        return (-contact.level, contact.name, contact.id)

    def by_rank(username: str) -> tuple:
        return (-people[username].rank, person_index[username])

    members = tuple(
        data.ChainMember(
            contact=contacts[member.contact],
            roles=frozenset(member.roles),
            stance=member.stance,
            depth=member.depth,
            owner=people[member.owner] if member.owner else None,
            acquaintance=member.acquaintance,
            acquaintance_holder=people[member.acquaintance_holder] if member.acquaintance_holder else None,
            pains=tuple(data.Pain(text=pain.text, kind=pain.kind) for pain in member.pains),
            added_on=member.added_on or today,
            resource_plan=tuple(
                data.ResourceItem(resource=item.resource, status=item.status, note=item.note)
                for item in member.resource_plan
            ),
        )
        for member in sorted(parsed.chain, key=lambda m: seniority(m.contact))
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
            our_people=tuple(people[u] for u in sorted(activity.our_people, key=by_rank)),
            contact_ids=tuple(contact_index[key] for key in sorted(activity.contacts, key=seniority)),
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
                    contact_id=contact_index[ask.contact] if ask.contact else None,
                    granted=ask.granted,
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
        account=data.Named(
            id=0, name=parsed.account.name, industry=parsed.account.industry, region=parsed.account.region
        ),
        stage=project.stage,
        outcome_reason=project.outcome_reason,
        amount=project.amount,
        expected_close=project.expected_close,
        our_price=project.our_price,
        their_price=project.their_price,
        state=project.state,
        state_signs=project.state_signs,
        strategy=project.strategy,
        owner=people[project.owner],
        shared_with=tuple(people[u] for u in sorted(project.shared_with)),
        engagements=tuple(
            data.Engagement(person=people[e.username], part=e.part)
            for e in sorted(parsed.engagement, key=lambda e: by_rank(e.username))
        ),
        contacts=tuple(sorted(contacts.values(), key=lambda c: (-c.level, c.name, c.id))),
        members=members,
        activities=activities,
        control_points=tuple(
            data.ControlPoint(number=cp.number, status=cp.status, actions=cp.actions)
            for cp in parsed.control_points
        ),
        internal_sales=tuple(
            data.InternalSale(
                target=sale.target,
                commitment=sale.commitment,
                status=sale.status,
                person=people[sale.person] if sale.person else None,
            )
            for sale in parsed.internal_sales
        ),
        competitors=tuple(
            data.Competitor(
                name=c.name,
                strengths=c.strengths,
                our_edge=c.our_edge,
                supporter_ids=tuple(contact_index[key] for key in sorted(c.supporters, key=seniority)),
            )
            for c in parsed.competitors
        ),
        tender=tuple(
            data.TenderItem(
                text=t.text,
                kind=t.kind,
                status=t.status,
                contact_ids=tuple(contact_index[key] for key in sorted(t.contacts, key=seniority)),
            )
            for t in sorted(parsed.tender, key=lambda t: t.kind)
        ),
        terms=tuple(
            data.NegotiationTerm(
                term=t.term, cost_to_us=t.cost_to_us, value_to_them=t.value_to_them, offered=t.offered
            )
            for t in parsed.negotiation
        ),
        thresholds=parsed.thresholds,
    )
