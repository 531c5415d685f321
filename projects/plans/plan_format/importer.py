"""import_plan: a plan document as a new project, in one transaction: all of it or nothing."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from accounts.models import REPORTS_TO_CYCLE, Account, Contact, reporting_loops
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
    ResourcePlanItem,
    TenderItem,
)
from projects.deals.services import share_project
from projects.plans.plan_format.document import ParsedActivity, ParsedMember, ParsedPlan
from projects.plans.plan_format.errors import PlanFormatError, PlanIssue
from projects.plans.plan_format.parse import parse_plan
from salescamp.editing import write_transaction
from salescamp.models import Membership, Team, User


def _model_errors(
    error: ValidationError, path: str, field_paths: dict[str, str] | None = None
) -> PlanFormatError:
    """A model's ValidationError as PlanFormatError lines, each at the JSON path of the field."""
    field_paths = field_paths or {}
    issues = []
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            where = path if name == NON_FIELD_ERRORS else field_paths.get(name, f"{path}.{name}")
            issues.extend(PlanIssue(where, message) for message in messages)
    else:
        issues.extend(PlanIssue(path, message) for message in error.messages)
    return PlanFormatError(issues)


def _save(instance: models.Model, path: str, by: User, field_paths: dict[str, str] | None = None) -> None:
    """Save with the model's own validation first, its errors at the JSON paths of the values; the
    history records `by` as the one who made the change."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise _model_errors(error, path, field_paths) from None
    instance._history_user = by
    instance.save()


def _resolve_users(parsed: ParsedPlan) -> dict[str, User]:
    found = {
        user.username: user for user in User.objects.filter(username__in=[p.username for p in parsed.people])
    }
    missing = [
        PlanIssue(
            f"$.people[{index}].username", _('no user "%(username)s" in this app') % {"username": p.username}
        )
        for index, p in enumerate(parsed.people)
        if p.username not in found
    ]
    if missing:
        raise PlanFormatError(missing)
    return found


def _team_for(owner: User, team: Team | None) -> Team:
    if team is not None:
        return team
    teams = list(Team.objects.filter(pk__in=Membership.objects.filter(user=owner).values("team_id")))
    if len(teams) != 1:
        raise PlanFormatError.single(
            "$.project.owner",
            _("%(username)s belongs to %(count)s teams: say which team to import into")
            % {"username": owner.username, "count": len(teams)},
        )
    return teams[0]


CONTACT_FIELDS = (
    "title",
    "level",
    "function",
    "procurement_group",
    "personality",
    "phone",
    "wechat",
    "email",
    "notes",
)


@dataclass(frozen=True)
class Imported:
    project: Project
    updated_contacts: list[Contact]  # existing contacts the file changed, in the file's order


def import_plan(
    doc: Any, *, team: Team | None = None, owner: User | None = None, by: User | None = None
) -> Imported:
    """Create a new project from a plan document, in one transaction: all of it or nothing.

    Users are matched by username and must exist. The account is matched by name within the team, or
    created; contacts by name within the account, then updated from the file, or created. The team's
    thresholds are not touched (they belong to the team). `owner` overrides $.project.owner; `team`
    defaults to the owner's only team. The history records `by` (default: the owner) as the author of
    every row the import writes, the updated contacts among them.
    """
    parsed = parse_plan(doc)
    with write_transaction():
        users = _resolve_users(parsed)
        owner = owner or users[parsed.project.owner]
        by = by or owner
        team = _team_for(owner, team)

        account = Account.objects.filter(team=team, name=parsed.account.name).order_by("pk").first()
        if account is None:
            account = Account(
                team=team,
                name=parsed.account.name,
                industry=parsed.account.industry,
                region=parsed.account.region,
            )
            _save(account, "$.account", by)

        contacts, updated = _import_contacts(parsed, account, by)
        project = _import_project(parsed, account, team, owner, users, by)

        for index, entry in enumerate(parsed.engagement):
            path = f"$.engagement[{index}]"
            _save(
                Engagement(project=project, user=users[entry.username], part=entry.part),
                path,
                by,
                {"user": f"{path}.username"},
            )
        for index, member in enumerate(parsed.chain):
            _import_member(project, member, f"$.chain[{index}]", contacts, users, by)
        for index, sale in enumerate(parsed.internal_sales):
            _save(
                InternalSale(
                    project=project,
                    target=sale.target,
                    person=users[sale.person] if sale.person else None,
                    commitment=sale.commitment,
                    status=sale.status,
                ),
                f"$.internal_sales[{index}]",
                by,
            )
        for index, activity in enumerate(parsed.activities):
            _import_activity(project, activity, f"$.activities[{index}]", contacts, users, by)
        for index, cp in enumerate(parsed.control_points):
            _save(
                ControlPoint(
                    project=project, number=cp.number, status=cp.status, actions="\n".join(cp.actions)
                ),
                f"$.control_points[{index}]",
                by,
            )
        _import_deal(parsed, project, contacts, by)
    return Imported(project, updated)


def _import_contacts(
    parsed: ParsedPlan, account: Account, by: User
) -> tuple[dict[str, Contact], list[Contact]]:
    """Create or update the file's contacts; reporting lines are set afterwards, bosses first, so no
    half-updated state can look like a loop. Returns the contacts by key, and the existing ones changed."""
    contacts: dict[str, Contact] = {}
    updated: dict[int, Contact] = {}
    created: set[int] = set()
    for index, entry in enumerate(parsed.contacts):
        path = f"$.contacts[{index}]"
        contact = Contact.objects.filter(account=account, name=entry.name).order_by("pk").first()
        values = {name: getattr(entry, name) for name in CONTACT_FIELDS}
        if contact is None:
            contact = Contact(account=account, name=entry.name, **values)
            _save(contact, path, by)
            created.add(contact.pk)
        elif any(getattr(contact, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(contact, name, value)
            _save(contact, path, by)
            updated[contact.pk] = contact
        contacts[entry.key] = contact

    # The file's reporting lines, set in one pass: parse_plan refused loops among the file's contacts, and
    # contacts outside the file report to nobody in it, so no loop can form (checked once more, as a whole).
    index_of = {entry.key: index for index, entry in enumerate(parsed.contacts)}
    boss_of = dict(Contact.objects.filter(account=account).values_list("id", "reports_to_id"))
    changed = []
    for entry in parsed.contacts:
        contact = contacts[entry.key]
        boss_id = contacts[entry.reports_to].pk if entry.reports_to else None
        if contact.reports_to_id != boss_id:
            # By id, not by object: a 3,000-deep line of contacts each holding its boss would be freed by
            # 3,000 nested calls, past Python's recursion limit (a RecursionError for every one of them).
            contact.reports_to_id = boss_id
            boss_of[contact.pk] = boss_id
            changed.append(entry)
    if loops := reporting_loops(boss_of):
        first = next(entry for entry in changed if contacts[entry.key].pk in loops[0])
        raise PlanFormatError.single(
            f"$.contacts[{index_of[first.key]}].reports_to", str(REPORTS_TO_CYCLE % {"name": first.name})
        )
    for entry in changed:
        contact = contacts[entry.key]
        contact._history_user = by
        contact.save()
        if contact.pk not in created:
            updated[contact.pk] = contact
    order = {contact.pk: index for index, contact in enumerate(contacts.values())}
    return contacts, sorted(updated.values(), key=lambda contact: order[contact.pk])


def _import_project(
    parsed: ParsedPlan, account: Account, team: Team, owner: User, users: dict[str, User], by: User
) -> Project:
    p = parsed.project
    project = Project(
        account=account,
        team=team,
        owner=owner,
        name=p.name,
        stage=p.stage,
        outcome_reason=p.outcome_reason,
        amount=p.amount,
        expected_close=p.expected_close,
        our_price=p.our_price,
        their_price=p.their_price,
        state=p.state,
        state_signs=list(p.state_signs),
        strategy=p.strategy,
    )
    _save(project, "$.project", by, {"account": "$.account.name", "team": "$.project.owner"})
    try:
        share_project(project, [users[username] for username in p.shared_with], by=by)
    except ValidationError as error:
        raise _model_errors(error, "$.project", {"shared_with": "$.project.shared_with"}) from None
    return project


def _import_member(
    project: Project,
    entry: ParsedMember,
    path: str,
    contacts: dict[str, Contact],
    users: dict[str, User],
    by: User,
) -> None:
    member = ChainMember(
        project=project,
        contact=contacts[entry.contact],
        roles=list(entry.roles),
        stance=entry.stance,
        depth=entry.depth,
        owner=users[entry.owner] if entry.owner else None,
        acquaintance=entry.acquaintance,
        acquaintance_holder=users[entry.acquaintance_holder] if entry.acquaintance_holder else None,
    )
    if entry.added_on is not None:
        member.added_on = entry.added_on
    _save(member, path, by, {"acquaintance": f"{path}.acquaintance"})
    for index, pain in enumerate(entry.pains):
        _save(Pain(member=member, text=pain.text, kind=pain.kind), f"{path}.pains[{index}]", by)
    for index, item in enumerate(entry.resource_plan):
        _save(
            ResourcePlanItem(member=member, resource=item.resource, status=item.status, note=item.note),
            f"{path}.resource_plan[{index}]",
            by,
        )


def _import_activity(
    project: Project,
    entry: ParsedActivity,
    path: str,
    contacts: dict[str, Contact],
    users: dict[str, User],
    by: User,
) -> None:
    activity = Activity(
        project=project,
        kind=entry.kind,
        date=entry.date,
        done=entry.done,
        topics=list(entry.topics),
        gift_kind=entry.gift_kind,
        gift_value=entry.gift_value,
        gift_approved=entry.gift_approved,
        goal=entry.goal,
        hook=entry.hook,
        outcome=entry.outcome,
        reason_met=entry.reason_met,
        resources=list(entry.resources),
        other_departments=list(entry.other_departments),
        control_points=list(entry.control_points),
        presales_days=entry.presales_days,
    )
    _save(activity, path, by)
    activity.our_people.set([users[username] for username in entry.our_people])
    activity.contacts.set([contacts[key] for key in entry.contacts])
    for index, ask in enumerate(entry.asks):
        _save(
            Ask(
                activity=activity,
                kind=ask.kind,
                text=ask.text,
                contact=contacts[ask.contact] if ask.contact else None,
                granted=ask.granted,
            ),
            f"{path}.asks[{index}]",
            by,
        )


def _import_deal(parsed: ParsedPlan, project: Project, contacts: dict[str, Contact], by: User) -> None:
    """The competitors with their supporters, the tender plan and the negotiation exchange table."""
    for index, entry in enumerate(parsed.competitors):
        competitor = Competitor(
            project=project, name=entry.name, strengths=entry.strengths, our_edge=entry.our_edge
        )
        _save(competitor, f"$.competitors[{index}]", by)
        competitor.supporters.set([contacts[key] for key in entry.supporters])
    for index, item in enumerate(parsed.tender):
        tender_item = TenderItem(project=project, kind=item.kind, text=item.text, status=item.status)
        _save(tender_item, f"$.tender[{index}]", by)
        tender_item.contacts.set([contacts[key] for key in item.contacts])
    for index, term in enumerate(parsed.negotiation):
        _save(
            NegotiationTerm(
                project=project,
                term=term.term,
                cost_to_us=term.cost_to_us,
                value_to_them=term.value_to_them,
                offered=term.offered,
            ),
            f"$.negotiation[{index}]",
            by,
        )
