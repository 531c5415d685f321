"""Writes of visit sheets: drafts saved as typed (versioned, so two devices never silently overwrite each
other), and a sheet submitted: its effects (projects.visits.effects) applied to the project in one
transaction, once."""

from django.utils import timezone

from accounts.models import Contact
from projects.deals.forms import project_people
from projects.deals.loading import PROJECT_RELATIONS, load_plan, user_person
from projects.deals.models import Activity, Ask, ChainMember, Competitor, Engagement, Pain, Project, Task
from projects.rules import data
from projects.visits import effects as fx
from projects.visits.models import VisitSheet, VisitStatus
from projects.visits.schema import parse_date
from salescamp.editing import latest_author, write_transaction

DEVICE_KEY = "_device"


class StaleDraft(Exception):
    def __init__(self, current: VisitSheet):
        super().__init__("stale draft")
        self.current = current
        self.saved_by = latest_author(current)


class AlreadySubmitted(Exception):
    pass


@write_transaction()
def sheet_start(*, project: Project, key, data: dict, quick: bool, by) -> VisitSheet:
    """The first save of something typed creates the sheet (the `key` the blank sheet was shown with makes
    a second create with it fail, so it opens the first)."""
    sheet = VisitSheet(project=project, created_by=by, client_key=key, quick=quick, data=data)
    sheet.visit_date = parse_date(data.get("date", "")).value
    # The key's uniqueness is the database's to check: a create racing this one with the same key (a double
    # tap) must fail with IntegrityError, which the view answers by opening the first, not with the
    # ValidationError full_clean raises once the other create has committed.
    sheet.full_clean(exclude=["client_key"])
    sheet._history_user = by
    sheet.save()
    return sheet


@write_transaction()
def draft_discard(*, sheet: VisitSheet, by) -> VisitSheet:
    """Delete a draft from every list; kept so that undo (draft_restore) can bring it back."""
    if sheet.status == VisitStatus.SUBMITTED:
        raise AlreadySubmitted
    sheet.discarded_at = timezone.now()
    sheet._history_user = by
    sheet.save(update_fields=["discarded_at"])
    return sheet


@write_transaction()
def draft_restore(*, sheet: VisitSheet, by) -> VisitSheet:
    sheet.discarded_at = None
    sheet._history_user = by
    sheet.save(update_fields=["discarded_at"])
    return sheet


@write_transaction()
def draft_save(
    *,
    sheet_id: int,
    data: dict,
    expected_version: int | None,
    by,
    device: str = "",
    force: bool = False,
    quick: bool | None = None,
) -> VisitSheet:
    """Store the draft as typed. A save that started from an older version is refused unless the user,
    having seen the other copy, chose to keep theirs (`force`) — or the newer copy came from this same
    device (a save that raced a reload), which this one simply continues. `quick`: switch to the 60-second
    form (True) or the full sheet (False)."""
    sheet = VisitSheet.objects.select_for_update().get(pk=sheet_id)
    if sheet.status == VisitStatus.SUBMITTED:
        raise AlreadySubmitted
    same_device = bool(device) and sheet.data.get(DEVICE_KEY) == device
    if not force and expected_version != sheet.version and not same_device:
        raise StaleDraft(sheet)
    if device:
        data = {**data, DEVICE_KEY: device}
    if data == sheet.data and quick in (None, sheet.quick):
        return sheet
    if quick is not None:
        sheet.quick = quick
    sheet.discarded_at = None  # typing into a deleted draft (another tab) brings it back: nothing is lost
    sheet.data = data
    sheet.visit_date = parse_date(data.get("date", "")).value
    sheet._history_user = by
    sheet.save()
    return sheet


def people_named(sheet_data: dict, project: Project) -> dict[int, data.Person]:
    """Our people a sheet names (who came, who owns a next step), by id, among the project's people."""
    ids = {fx._id(i) for i in sheet_data.get("our_people", [])}
    ids |= {fx._id(row.get("owner", "")) for row in sheet_data.get("next_steps", [])}
    named = project_people(project).filter(pk__in=ids - {None})
    return {user.pk: user_person(user) for user in named}


def effects_of(sheet: VisitSheet, plan: data.PlanData) -> list[fx.Effect]:
    return fx.sheet_effects(
        sheet.data,
        plan,
        people=people_named(sheet.data, sheet.project),
        author=user_person(sheet.created_by),
        today=timezone.localdate(),
    )


@write_transaction()
def sheet_submit(*, sheet_id: int, by) -> VisitSheet:
    """Apply a sheet to its project in one transaction. Submitting twice applies once."""
    sheet = VisitSheet.objects.select_for_update().select_related("created_by").get(pk=sheet_id)
    if sheet.status == VisitStatus.SUBMITTED:
        return sheet
    project = Project.objects.select_related(*PROJECT_RELATIONS).get(pk=sheet.project_id)
    effects = effects_of(sheet, load_plan(project))
    recorded = apply_to_database(project, effects, by=by, sheet=sheet)
    sheet.status = VisitStatus.SUBMITTED
    sheet.activity = recorded[0]
    sheet.visit_date = recorded[0].date
    sheet.submitted_at = timezone.now()
    sheet._history_user = by
    sheet.save()
    sheet.recorded.set(recorded)
    return sheet


def apply_to_database(
    project: Project, effects: list[fx.Effect], *, by, sheet: VisitSheet | None = None
) -> list[Activity]:
    """The effects written: contacts, chain members and pains, activities, tasks (from `sheet`), state,
    competitors. Returns the activities it logged, the visit first."""
    ids: dict[int, int] = {}  # a new contact's temporary id → its id
    visit_day = fx.visit_date(effects)
    recorded = []
    for effect in effects:
        if isinstance(effect, fx.NewContact):
            contact = Contact(
                account_id=project.account_id,
                name=effect.name,
                title=effect.title,
                level=effect.level,
                function=effect.function,
                personality=effect.personality,
                reports_to_id=effect.reports_to_id,
            )
            _save(contact, by)
            ids[effect.id] = contact.pk
        elif isinstance(effect, fx.MemberMet):
            _meet(project, effect, ids.get(effect.contact_id, effect.contact_id), visit_day, by)
        elif isinstance(effect, fx.ActivityLogged):
            recorded.append(_log(project, effect.activity, ids, by))
        elif isinstance(effect, fx.TaskSet):
            task = Task(
                project=project,
                text=effect.text,
                owner_id=effect.owner.id,
                contact_id=effect.contact_id,
                due=effect.due,
                visit=sheet,
            )
            _save(task, by)
        elif isinstance(effect, fx.StateSeen):
            project.state = effect.state
            project.state_signs = [*project.state_signs, *effect.signs]
            _save(project, by)
        elif isinstance(effect, fx.CompetitorSeen):
            _save(Competitor(project=project, name=effect.name, strengths=effect.how), by)
    return recorded


def _save(instance, by) -> None:
    instance.full_clean()
    instance._history_user = by
    instance.save()


def _meet(project: Project, effect: fx.MemberMet, contact_id: int, visit_day, by) -> None:
    member = ChainMember.objects.filter(project=project, contact_id=contact_id).first() or ChainMember(
        project=project, contact_id=contact_id, roles=[], added_on=visit_day
    )
    if effect.role and effect.role not in member.roles:
        member.roles = [*member.roles, effect.role]
    if effect.depth and effect.depth > member.depth:
        member.depth = effect.depth
    if effect.stance:
        member.stance = effect.stance
    _save(member, by)
    for text in effect.pains:
        _save(Pain(member=member, text=text, kind=effect.pain_kind), by)


def _log(project: Project, plain: data.Activity, ids: dict[int, int], by) -> Activity:
    activity = Activity(
        project=project,
        kind=plain.kind,
        date=plain.date,
        done=plain.done,
        topics=sorted(plain.topics),
        gift_kind=plain.gift_kind,
        gift_value=plain.gift_value,
        goal=plain.goal,
        hook=plain.hook,
        outcome=plain.outcome,
        reason_met=plain.reason_met,
        resources=list(plain.resources),
        other_departments=list(plain.other_departments),
    )
    _save(activity, by)
    activity.our_people.set([person.id for person in plain.our_people])
    activity.contacts.set([ids.get(cid, cid) for cid in plain.contact_ids])
    for ask in plain.asks:
        _save(
            Ask(
                activity=activity,
                kind=ask.kind,
                text=ask.text,
                contact_id=ask.contact_id,
                granted=ask.granted,
            ),
            by,
        )
    for person in plain.our_people:
        Engagement.objects.get_or_create(project=project, user_id=person.id)
    return activity
