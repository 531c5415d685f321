"""What a submitted visit sheet changes in its project, worked out once and used three ways: the preview
the rep confirms, the one-transaction apply, and the live diagnosis (the same changes, not saved)."""

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Contact, Function, Level, Personality
from projects.deals.loading import LoadedProject, person
from projects.deals.models import Activity, ActivityKind, ChainMember, Competitor, Pain, Project, Role
from projects.rules import data as plain
from projects.rules.course import ALL_STATE_SIGNS
from projects.visits.models import VisitSheet, VisitStatus
from projects.visits.schema import parse_amount, parse_date
from salescamp.editing import valid_id
from salescamp.models import User

VISIT_ID = -1  # the visit being written, in the diagnosis's plain data
NEW_CONTACT_BASE = -100


@dataclass
class MetPerson:
    contact: Contact | None
    new: dict | None
    role: str
    stance: str
    depth: int | None
    pains: list[str]
    pain_kind: str
    member: ChainMember | None

    @property
    def name(self) -> str:
        return self.contact.name if self.contact else self.new["name"]


@dataclass
class SheetChanges:
    visit_date: datetime.date
    met: list[MetPerson]
    our_people: list[User]
    data: dict
    gifts: list[tuple[str, Decimal | None, Contact | None]] = field(default_factory=list)
    next_steps: list[tuple[str, datetime.date | None, User | None]] = field(default_factory=list)
    asks: list[tuple[str, Contact | None, str]] = field(default_factory=list)
    competitors: list[tuple[str, str]] = field(default_factory=list)

    def describe(self, project: Project) -> list[str]:
        """The preview, in words: what will change once the rep confirms."""
        lines = []
        for person_met in self.met:
            if person_met.new:
                lines.append(
                    _("New contact at %(account)s: %(name)s (%(title)s)")
                    % {
                        "account": project.account.name,
                        "name": person_met.name,
                        "title": person_met.new["title"] or "—",
                    }
                )
            if person_met.member is None:
                lines.append(_("%(name)s joins the decision chain") % {"name": person_met.name})
            if person_met.role and (
                person_met.member is None or person_met.role not in person_met.member.roles
            ):
                lines.append(
                    _("%(name)s: role %(role)s")
                    % {"name": person_met.name, "role": Role(person_met.role).label}
                )
            if person_met.depth and (person_met.member is None or person_met.depth > person_met.member.depth):
                lines.append(
                    _("%(name)s: relationship depth → %(depth)s")
                    % {
                        "name": person_met.name,
                        "depth": dict(ChainMember._meta.get_field("depth").choices)[person_met.depth],
                    }
                )
            if person_met.stance and (
                person_met.member is None or person_met.stance != person_met.member.stance
            ):
                lines.append(
                    _("%(name)s: stance → %(stance)s")
                    % {
                        "name": person_met.name,
                        "stance": dict(ChainMember._meta.get_field("stance").choices)[person_met.stance],
                    }
                )
            for pain in person_met.pains:
                lines.append(_("%(name)s: pain “%(pain)s”") % {"name": person_met.name, "pain": pain})
        lines.append(
            _("Visit logged on %(date)s with %(people)s")
            % {"date": self.visit_date, "people": "、".join(p.name for p in self.met)}
        )
        for text, when, owner in self.next_steps:
            lines.append(
                _("Next step planned: %(text)s (%(date)s, %(owner)s)")
                % {"text": text, "date": when or "—", "owner": owner or "—"}
            )
        for kind, value, _contact in self.gifts:
            lines.append(
                _("Gift recorded: %(kind)s %(value)s") % {"kind": kind, "value": f"¥{value}" if value else ""}
            )
        if self.data.get("state") and self.data["state"] != project.state:
            lines.append(_("Customer state → %(state)s") % {"state": self.data["state"]})
        for code in self.data.get("state_signs", []):
            if code not in project.state_signs:
                lines.append(_("Sign observed: %(sign)s") % {"sign": ALL_STATE_SIGNS[code]})
        for name, _how in self.competitors:
            lines.append(_("Competitor seen: %(name)s") % {"name": name})
        return lines


def build_changes(
    sheet: VisitSheet, loaded: LoadedProject, *, today: datetime.date | None = None
) -> SheetChanges:
    """Resolve the sheet's references (contacts, people) in a fixed number of queries."""
    data = sheet.data
    account_contacts = {c.pk: c for c in Contact.objects.filter(account_id=loaded.project.account_id)}
    members = {m.contact_id: m for m in loaded.members}
    user_ids = {int(i) for i in data.get("our_people", []) if valid_id(i)}
    user_ids |= {int(r["owner"]) for r in data.get("next_steps", []) if valid_id(r.get("owner", ""))}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids, is_active=True)}

    def contact_of(value):
        return account_contacts.get(int(value)) if str(value).isdecimal() else None

    met = []
    for row in data.get("met", []):
        contact = contact_of(row.get("contact", ""))
        new = None
        if contact is None and row.get("new_name"):
            new = {
                "name": row["new_name"],
                "title": row.get("new_title", ""),
                "level": int(row.get("new_level") or Level.STAFF),
                "function": row.get("new_function") or Function.TECHNICAL,
                "personality": row.get("new_personality") or Personality.UNKNOWN,
                "reports_to": contact_of(row.get("new_reports_to", "")),
            }
        if contact is None and new is None:
            continue
        met.append(
            MetPerson(
                contact=contact,
                new=new,
                role=row.get("role", ""),
                stance=row.get("stance", ""),
                depth=int(row["depth"]) if row.get("depth") else None,
                pains=[line.strip() for line in row.get("pains", "").splitlines() if line.strip()],
                pain_kind=row.get("pain_kind") or "other",
                member=members.get(contact.pk) if contact else None,
            )
        )
    our_people = [users[int(i)] for i in data.get("our_people", []) if str(i).isdecimal() and int(i) in users]
    changes = SheetChanges(
        visit_date=parse_date(data.get("date", "")).value or today or timezone.localdate(),
        met=met,
        our_people=our_people or [sheet.created_by],
        data=data,
    )
    for row in data.get("gifts", []):
        if row.get("kind") or row.get("value"):
            amount = parse_amount(row["value"]) if row.get("value") else None
            changes.gifts.append((row.get("kind") or "other", amount, contact_of(row.get("contact", ""))))
    for row in data.get("next_steps", []):
        if row.get("text"):
            owner = users.get(int(row["owner"])) if str(row.get("owner", "")).isdecimal() else None
            changes.next_steps.append((row["text"], parse_date(row.get("date", "")).value, owner))
    for row in data.get("asks", []):
        if row.get("text"):
            changes.asks.append(
                (row.get("kind") or "information", contact_of(row.get("contact", "")), row["text"])
            )
    known = (
        {c.name for c in loaded.project.competitors.all()}
        if hasattr(loaded.project, "competitors")
        else set()
    )
    for row in data.get("competitors", []):
        if row.get("name") and row["name"] not in known:
            changes.competitors.append((row["name"], row.get("how_seen", "")))
    return changes


def _hook(data: dict) -> str:
    lines = [line.strip() for line in data.get("hooks", "").splitlines() if line.strip()]
    return "；".join(lines)[:300]


def _outcome(data: dict) -> str:
    parts = [data.get("note", "")]
    for label, key in (
        (_("BANT budget"), "bant_budget"),
        (_("authority"), "bant_authority"),
        (_("need"), "bant_need"),
        (_("timeline"), "bant_timeline"),
    ):
        if data.get(key):
            parts.append(f"{label}: {data[key]}")
    return "\n".join(p for p in parts if p)[:2000]


@transaction.atomic
def apply_sheet(*, sheet_id: int, loaded: LoadedProject, by) -> VisitSheet:
    """Apply a sheet to its project in one transaction. Submitting twice applies once."""
    sheet = VisitSheet.objects.select_for_update().select_related("created_by").get(pk=sheet_id)
    if sheet.status == VisitStatus.SUBMITTED:
        return sheet
    changes = build_changes(sheet, loaded)
    project = loaded.project
    contacts = []
    for person_met in changes.met:
        contact = person_met.contact
        if contact is None:
            contact = Contact(account=project.account, **person_met.new)
            contact.full_clean()
            contact._history_user = by
            contact.save()
        contacts.append(contact)
        member = person_met.member or ChainMember(project=project, contact=contact, roles=[])
        if person_met.role and person_met.role not in member.roles:
            member.roles = [*member.roles, person_met.role]
        if person_met.depth and person_met.depth > member.depth:
            member.depth = person_met.depth
        if person_met.stance:
            member.stance = person_met.stance
        if member.pk:
            member.version += 1
        member.full_clean()
        member._history_user = by
        member.save()
        for text in person_met.pains:
            Pain.objects.create(member=member, text=text[:200], kind=person_met.pain_kind)

    data = changes.data
    visit = Activity(
        project=project,
        kind=ActivityKind.VISIT,
        date=changes.visit_date,
        done=True,
        goal=data.get("purpose", "")[:300],
        hook=_hook(data),
        outcome=_outcome(data),
        reason_met=data.get("reason_met", "")[:300],
        topics=data.get("topics", []),
        resources=data.get("resources", []),
        other_departments=data.get("other_departments", []),
    )
    visit.full_clean()
    visit._history_user = by
    visit.save()
    visit.our_people.set(changes.our_people)
    visit.contacts.set(contacts)
    for kind, contact, text in changes.asks:
        visit.asks.create(kind=kind, contact=contact, text=text[:200])
    for kind, value, contact in changes.gifts:
        gift = Activity(
            project=project,
            kind=ActivityKind.GIFT,
            date=changes.visit_date,
            done=True,
            gift_kind=kind,
            gift_value=value,
        )
        gift.full_clean()
        gift.save()
        gift.our_people.set(changes.our_people)
        gift.contacts.set([contact] if contact else contacts)
    for text, when, owner in changes.next_steps:
        step = Activity(
            project=project,
            kind=ActivityKind.VISIT,
            date=when or changes.visit_date,
            done=False,
            goal=text[:300],
        )
        step.full_clean()
        step.save()
        step.our_people.set([owner or by])
        step.contacts.set(contacts)
    if (data.get("state") and data["state"] != project.state) or set(data.get("state_signs", [])) - set(
        project.state_signs
    ):
        project.state = data.get("state") or project.state
        project.state_signs = list(dict.fromkeys([*project.state_signs, *data.get("state_signs", [])]))
        project.version += 1
        project.full_clean()
        project._history_user = by
        project.save()
    for name, how in changes.competitors:
        Competitor.objects.create(project=project, name=name[:100], strengths=how[:300])

    sheet.status = VisitStatus.SUBMITTED
    sheet.activity = visit
    sheet.visit_date = changes.visit_date
    sheet.submitted_at = timezone.now()
    sheet.version += 1
    sheet._history_user = by
    sheet.save()
    return sheet


def hypothetical_plan(sheet: VisitSheet, loaded: LoadedProject) -> tuple[plain.PlanData, SheetChanges]:
    """The project's plain data as it would be with this sheet applied — for the live diagnosis."""
    changes = build_changes(sheet, loaded)
    plan = loaded.plan
    members = {m.contact_id: m for m in plan.members}
    met_ids = []
    for index, person_met in enumerate(changes.met):
        if person_met.contact is not None:
            contact_id = person_met.contact.pk
            base = members.get(contact_id) or plain.ChainMember(
                contact_id=contact_id,
                name=person_met.contact.name,
                title=person_met.contact.title,
                level=person_met.contact.level,
                function=person_met.contact.function,
                personality=person_met.contact.personality,
                added_on=changes.visit_date,
                reports_to_id=person_met.contact.reports_to_id,
            )
        else:
            contact_id = NEW_CONTACT_BASE - index
            new = person_met.new
            base = plain.ChainMember(
                contact_id=contact_id,
                name=new["name"],
                title=new["title"],
                level=new["level"],
                function=new["function"],
                personality=new["personality"],
                added_on=changes.visit_date,
                reports_to_id=new["reports_to"].pk if new["reports_to"] else None,
            )
        roles = base.roles | ({person_met.role} if person_met.role else set())
        members[contact_id] = dataclasses.replace(
            base,
            roles=frozenset(roles),
            depth=max(base.depth, person_met.depth or 0),
            stance=person_met.stance or base.stance,
            pains=base.pains + tuple(plain.Pain(text=t, kind=person_met.pain_kind) for t in person_met.pains),
        )
        met_ids.append(contact_id)
    data = changes.data
    people = tuple(person(u) for u in changes.our_people)
    visit = plain.Activity(
        id=VISIT_ID,
        kind="visit",
        date=changes.visit_date,
        done=True,
        our_people=people,
        contact_ids=tuple(met_ids),
        topics=frozenset(data.get("topics", [])),
        hook=_hook(data),
        reason_met=data.get("reason_met", ""),
        resources=tuple(data.get("resources", [])),
        asks=tuple(plain.Ask(kind=k, text=t, contact_id=c.pk if c else None) for k, c, t in changes.asks),
        other_departments=tuple(data.get("other_departments", [])),
    )
    extra = [visit]
    for offset, (kind, value, contact) in enumerate(changes.gifts):
        extra.append(
            plain.Activity(
                id=VISIT_ID - 1 - offset,
                kind="gift",
                date=changes.visit_date,
                done=True,
                our_people=people,
                contact_ids=(contact.pk,) if contact else tuple(met_ids),
                gift_kind=kind,
                gift_value=value,
            )
        )
    for offset, (_text, when, _owner) in enumerate(changes.next_steps):
        extra.append(
            plain.Activity(
                id=VISIT_ID - 50 - offset,
                kind="visit",
                date=when or changes.visit_date,
                done=False,
                our_people=people,
                contact_ids=tuple(met_ids),
            )
        )
    hypothetical = dataclasses.replace(
        plan,
        state=data.get("state") or plan.state,
        members=tuple(members.values()),
        activities=plan.activities + tuple(extra),
    )
    return hypothetical, changes
