"""What a visit sheet changes in its project, as one list of plain effects (拜访信息表的影响).

`sheet_effects` reads the sheet once into effects (a contact added, a member's role set, a pain added, the
visit logged, a next step set as a task...). The same effects are then applied either to the plan's plain
data, for the live diagnosis and the preview (`apply_to_plan`, pure), or to the database on submit
(projects.visits.services.sheet_submit): what the rep sees while typing is what the project becomes.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.deals.labels import joined, label
from projects.rules import data
from projects.rules.codes import ActivityKind, Function, Level, Personality
from projects.visits.schema import parse_amount, parse_date
from salescamp.editing import parse_id

# New contacts are numbered below zero until the database gives them ids; the activities the sheet logs are
# numbered after the plan's last, in the order they will be saved, so they sort as they will in the database.
NEW_CONTACT = -100  # new contacts: -100, -101, ...


@dataclass(frozen=True)
class NewContact:
    id: int  # a temporary id, below zero
    name: str
    title: str
    level: int
    function: str
    personality: str
    reports_to_id: int | None


@dataclass(frozen=True)
class MemberMet:
    """A person met: joins the chain if not in it yet; what the sheet says about them is added."""

    contact_id: int
    role: str  # "" when none was said
    stance: str
    depth: int | None
    pains: tuple[str, ...]
    pain_kind: str


@dataclass(frozen=True)
class ActivityLogged:
    """The visit, or a gift given at it."""

    activity: data.Activity


@dataclass(frozen=True)
class TaskSet:
    """A next step (待办): a task for one of ours. It is no activity with the customer (it becomes one only
    when someone plans it so); the engine reads it as the visit's next step."""

    text: str
    owner: data.Person
    contact_id: int | None
    due: datetime.date | None


@dataclass(frozen=True)
class StateSeen:
    state: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class CompetitorSeen:
    name: str
    how: str


Effect = NewContact | MemberMet | ActivityLogged | TaskSet | StateSeen | CompetitorSeen


def _hook(sheet_data: dict) -> str:
    lines = [line.strip() for line in sheet_data.get("hooks", "").splitlines() if line.strip()]
    return "；".join(lines)


def _outcome(sheet_data: dict) -> str:
    parts = [sheet_data.get("note", "")]
    for words, key in (
        (_("BANT budget"), "bant_budget"),
        (_("authority"), "bant_authority"),
        (_("need"), "bant_need"),
        (_("timeline"), "bant_timeline"),
    ):
        if sheet_data.get(key):
            parts.append(f"{words}: {sheet_data[key]}")
    return "\n".join(p for p in parts if p)


def _id(value) -> int | None:
    return parse_id(value)


def sheet_effects(
    sheet_data: dict, plan: data.PlanData, *, people: dict[int, data.Person], author: data.Person, today
) -> list[Effect]:
    """The sheet's effects on `plan`. `people`: our people the sheet may name, by id; `author`: the sheet's
    author, who takes part when nobody else is named and owns next steps nobody was given."""
    contacts = {contact.id: contact for contact in plan.contacts}

    def contact_id(value) -> int | None:
        found = _id(value)
        return found if found in contacts else None

    effects: list[Effect] = []
    met: list[int] = []
    for index, row in enumerate(sheet_data.get("met", [])):
        cid = contact_id(row.get("contact", ""))
        if cid is None and row.get("new_name"):
            cid = NEW_CONTACT - index
            effects.append(
                NewContact(
                    id=cid,
                    name=row["new_name"],
                    title=row.get("new_title", ""),
                    level=int(row.get("new_level") or Level.STAFF),
                    function=row.get("new_function") or Function.TECHNICAL,
                    personality=row.get("new_personality") or Personality.UNKNOWN,
                    reports_to_id=contact_id(row.get("new_reports_to", "")),
                )
            )
        if cid is None or cid in met:
            continue
        met.append(cid)
        effects.append(
            MemberMet(
                contact_id=cid,
                role=row.get("role", ""),
                stance=row.get("stance", ""),
                depth=int(row["depth"]) if row.get("depth") else None,
                pains=tuple(line.strip() for line in row.get("pains", "").splitlines() if line.strip()),
                pain_kind=row.get("pain_kind") or "other",
            )
        )
    ours = tuple(people[i] for i in map(_id, sheet_data.get("our_people", [])) if i in people) or (author,)
    ours = tuple(sorted(ours, key=lambda person: (-person.rank, person.id)))  # as the loader orders them
    when = parse_date(sheet_data.get("date", "")).value or today
    next_id = max((a.id for a in plan.activities), default=0) + 1
    effects.append(
        ActivityLogged(
            data.Activity(
                id=next_id,
                kind=ActivityKind.VISIT,
                date=when,
                done=True,
                our_people=ours,
                contact_ids=tuple(met),
                topics=frozenset(sheet_data.get("topics", [])),
                goal=sheet_data.get("purpose", ""),
                hook=_hook(sheet_data),
                outcome=_outcome(sheet_data),
                reason_met=sheet_data.get("reason_met", ""),
                resources=tuple(sheet_data.get("resources", [])),
                asks=tuple(
                    data.Ask(
                        kind=row.get("kind") or "information",
                        text=row["text"],
                        contact_id=contact_id(row.get("contact", "")),
                        granted=bool(row.get("granted")),
                    )
                    for row in sheet_data.get("asks", [])
                    if row.get("text")
                ),
                other_departments=tuple(sheet_data.get("other_departments", [])),
            )
        )
    )
    next_id += 1
    for row in sheet_data.get("gifts", []):
        if row.get("kind") or row.get("value"):
            given_to = contact_id(row.get("contact", ""))
            effects.append(
                ActivityLogged(
                    data.Activity(
                        id=next_id,
                        kind=ActivityKind.GIFT,
                        date=when,
                        done=True,
                        our_people=ours,
                        contact_ids=(given_to,) if given_to else tuple(met),
                        gift_kind=row.get("kind") or "other",
                        gift_value=parse_amount(row["value"]) if row.get("value") else None,
                    )
                )
            )
            next_id += 1
    for row in sheet_data.get("next_steps", []):
        if row.get("text"):
            effects.append(
                TaskSet(
                    text=row["text"],
                    owner=people.get(_id(row.get("owner", "")) or 0, author),
                    contact_id=contact_id(row.get("contact", "")),
                    due=parse_date(row.get("date", "")).value,
                )
            )
    state = sheet_data.get("state", "")
    signs = tuple(code for code in sheet_data.get("state_signs", []) if code not in plan.state_signs)
    if (state and state != plan.state) or signs:
        effects.append(StateSeen(state=state or plan.state, signs=signs))
    known = {competitor.name for competitor in plan.competitors}
    for row in sheet_data.get("competitors", []):
        if row.get("name") and row["name"] not in known:
            effects.append(CompetitorSeen(name=row["name"], how=row.get("how_seen", "")))
    return effects


def apply_to_plan(plan: data.PlanData, effects: list[Effect]) -> data.PlanData:
    """The plan as it will be once the sheet is submitted (pure: nothing is saved)."""
    contacts = {contact.id: contact for contact in plan.contacts}
    members = {member.contact_id: member for member in plan.members}
    activities, tasks = list(plan.activities), list(plan.tasks)
    state, signs, competitors = plan.state, plan.state_signs, list(plan.competitors)
    engagements = list(plan.engagements)
    visit = next(e.activity for e in effects if isinstance(e, ActivityLogged))
    for effect in effects:
        if isinstance(effect, NewContact):
            contacts[effect.id] = data.Contact(**dataclasses.asdict(effect))
        elif isinstance(effect, MemberMet):
            base = members.get(effect.contact_id) or data.ChainMember(
                contact=contacts[effect.contact_id], added_on=visit.date
            )
            members[effect.contact_id] = dataclasses.replace(
                base,
                roles=base.roles | ({effect.role} if effect.role else set()),
                depth=max(base.depth, effect.depth or 0),
                stance=effect.stance or base.stance,
                pains=base.pains + tuple(data.Pain(text=t, kind=effect.pain_kind) for t in effect.pains),
            )
        elif isinstance(effect, ActivityLogged):
            # Its people in the loader's order: contacts by level then name.
            met = sorted(
                effect.activity.contact_ids, key=lambda cid: (-contacts[cid].level, contacts[cid].name)
            )
            activities.append(dataclasses.replace(effect.activity, contact_ids=tuple(met)))
            # Whoever of ours takes part is engaged (as projects.deals.services does for any activity).
            engaged = {e.person.id for e in engagements} | {plan.owner.id}
            engagements += [
                data.Engagement(person=p) for p in effect.activity.our_people if p.id not in engaged
            ]
        elif isinstance(effect, TaskSet):
            tasks.append(
                data.Task(
                    text=effect.text,
                    owner=effect.owner,
                    due=effect.due,
                    contact_id=effect.contact_id,
                    visit_activity_id=visit.id,
                )
            )
        elif isinstance(effect, StateSeen):
            state, signs = effect.state, signs + effect.signs
        elif isinstance(effect, CompetitorSeen):
            competitors.append(data.Competitor(name=effect.name, strengths=effect.how))
    return dataclasses.replace(
        plan,
        contacts=tuple(sorted(contacts.values(), key=lambda c: (-c.level, c.name, c.id))),
        members=tuple(sorted(members.values(), key=lambda m: (-m.level, m.name, m.contact_id))),
        activities=tuple(sorted(activities, key=lambda a: (a.date, a.id), reverse=True)),
        tasks=tuple(tasks),
        state=state,
        state_signs=signs,
        competitors=tuple(competitors),
        engagements=tuple(engagements),
    )


def describe(effects: list[Effect], plan: data.PlanData) -> list[str]:
    """The preview, in words: what will change once the rep confirms."""
    contacts = {contact.id: contact for contact in plan.contacts}
    in_chain = {member.contact_id: member for member in plan.members}
    lines = []
    for effect in effects:
        if isinstance(effect, NewContact):
            contacts[effect.id] = data.Contact(**dataclasses.asdict(effect))
            lines.append(
                _("New contact at %(account)s: %(name)s (%(title)s)")
                % {"account": plan.account.name, "name": effect.name, "title": effect.title or "—"}
            )
        elif isinstance(effect, MemberMet):
            lines += _describe_member(
                effect, contacts[effect.contact_id].name, in_chain.get(effect.contact_id)
            )
        elif isinstance(effect, ActivityLogged):
            lines.append(_describe_activity(effect.activity, contacts))
        elif isinstance(effect, TaskSet):
            lines.append(
                _("Task (待办) for %(owner)s: %(text)s, by %(date)s")
                % {
                    "owner": effect.owner.name,
                    "text": effect.text,
                    "date": date_format(effect.due, "MONTH_DAY_FORMAT") if effect.due else "—",
                }
            )
        elif isinstance(effect, StateSeen):
            if effect.state != plan.state:
                lines.append(_("Customer state → %(state)s") % {"state": label("state", effect.state)})
            lines += [_("Sign observed: %(sign)s") % {"sign": label("sign", code)} for code in effect.signs]
        elif isinstance(effect, CompetitorSeen):
            lines.append(_("Competitor seen: %(name)s") % {"name": effect.name})
    return lines


def _describe_member(effect: MemberMet, name: str, member: data.ChainMember | None) -> list[str]:
    lines = []
    if member is None:
        lines.append(_("%(name)s joins the decision chain") % {"name": name})
    if effect.role and (member is None or effect.role not in member.roles):
        lines.append(_("%(name)s: role %(role)s") % {"name": name, "role": label("role", effect.role)})
    if effect.depth and (member is None or effect.depth > member.depth):
        lines.append(
            _("%(name)s: relationship depth → %(depth)s")
            % {"name": name, "depth": label("depth", effect.depth)}
        )
    if effect.stance and (member is None or effect.stance != member.stance):
        lines.append(
            _("%(name)s: stance → %(stance)s") % {"name": name, "stance": label("stance", effect.stance)}
        )
    lines += [_("%(name)s: pain “%(pain)s”") % {"name": name, "pain": pain} for pain in effect.pains]
    return lines


def _describe_activity(activity: data.Activity, contacts: dict) -> str:
    if activity.kind == ActivityKind.GIFT:
        value = f"¥{activity.gift_value:,.0f}" if activity.gift_value else ""
        return _("Gift recorded: %(kind)s %(value)s") % {
            "kind": label("gift_kind", activity.gift_kind),
            "value": value,
        }
    names = [contacts[cid].name for cid in activity.contact_ids if cid in contacts]
    return _("Visit logged on %(date)s with %(people)s") % {
        "date": date_format(activity.date, "MONTH_DAY_FORMAT"),
        "people": joined(names),
    }


def visit_date(effects: list[Effect]) -> datetime.date:
    """The day of the visit: the first activity a sheet logs is the visit itself."""
    return next(e.activity.date for e in effects if isinstance(e, ActivityLogged))
