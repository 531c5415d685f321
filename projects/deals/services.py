"""Writes to a deal: each one transaction, validated, recorded with who did it, and refused when the row
changed since the user opened it (salescamp.editing's one concurrency rule)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from projects.deals.models import Activity, Ask, ChainMember, ControlPoint, Engagement, Project
from salescamp.editing import delete_checked, save_checked, write_transaction

SHARED_OUTSIDE_TEAM = _("%(names)s not in %(team)s: a project is shared only within its team.")
ALREADY_IN_CHAIN = _("This contact is already in the decision chain.")
OWNER_TAKES_PART = _("The project owner always takes part.")


def share_project(project: Project, people, *, by) -> None:
    """Who the project is shared with, exactly `people`: whoever is left out loses access at once.
    Recorded in the project's history (its many-to-many field is tracked) under `by`."""
    people = list(people)
    members = set(project.team.memberships.values_list("user_id", flat=True))
    outsiders = [str(person) for person in people if person.pk not in members]
    if outsiders:
        names = pgettext("list separator", ", ").join(outsiders)
        raise ValidationError({"shared_with": SHARED_OUTSIDE_TEAM % {"names": names, "team": project.team}})
    project._history_user = by
    project.shared_with.set(people)


def _engage(project_id: int, user) -> None:
    # Whoever holds a relationship or takes part in an activity is engaged: parity counts them.
    if user is not None:
        Engagement.objects.get_or_create(project_id=project_id, user=user)


@write_transaction()
def project_create(*, project: Project, by, shared_with=()) -> Project:
    """A new project starts with the four control points and its owner engaged."""
    save_checked(project, expected_version=None, by=by)
    share_project(project, shared_with, by=by)
    ControlPoint.objects.bulk_create(ControlPoint(project=project, number=n) for n in (1, 2, 3, 4))
    _engage(project.pk, project.owner)
    return project


@write_transaction()
def project_update(*, project: Project, expected_version: int, by, shared_with=None) -> Project:
    """`shared_with`: the people to share with from now on; None leaves the sharing as it is."""
    save_checked(project, expected_version=expected_version, by=by)
    if shared_with is not None and set(shared_with) != set(project.shared_with.all()):
        share_project(project, shared_with, by=by)
    _engage(project.pk, project.owner)
    return project


@write_transaction()
def member_save(*, member: ChainMember, expected_version: int | None, by) -> ChainMember:
    """Add a contact to the chain, or save their entry; a second add of the same contact is refused."""
    try:
        with transaction.atomic():
            save_checked(member, expected_version=expected_version, by=by)
    except IntegrityError as clash:  # two taps on "add" racing each other
        raise ValidationError(ALREADY_IN_CHAIN) from clash
    _engage(member.project_id, member.owner)
    return member


@write_transaction()
def activity_save(
    *, activity: Activity, expected_version: int | None, our_people, contacts, asks: list[dict], by
) -> Activity:
    """Save an activity with its people and asks; everyone of ours who takes part is engaged."""
    save_checked(
        activity,
        expected_version=expected_version,
        by=by,
        links={"our_people": our_people, "contacts": contacts},
    )
    activity.asks.all().delete()
    for values in asks:
        ask = Ask(activity=activity, **values)
        ask.full_clean()
        ask.save()
    for user in our_people:
        _engage(activity.project_id, user)
    return activity


def engagement_remove(*, engagement: Engagement, expected_version: int | None, by) -> None:
    if engagement.user_id == engagement.project.owner_id:
        raise ValidationError(OWNER_TAKES_PART)
    delete_checked(engagement, expected_version=expected_version, by=by)


def row_save(*, instance, expected_version: int | None, by, links: dict | None = None):
    """The plan's other rows (pains, control points, internal selling, resource plan, competition, tender
    plan, exchange table): one row, checked and saved."""
    return save_checked(instance, expected_version=expected_version, by=by, links=links)


def row_delete(*, instance, expected_version: int | None, by) -> None:
    delete_checked(instance, expected_version=expected_version, by=by)
