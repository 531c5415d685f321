"""Writes to projects. Each is one transaction, validates with full_clean(), and records who did it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from accounts.services import StaleEdit
from projects.deals.models import Activity, Ask, ChainMember, ControlPoint, Engagement, Pain, Project

__all__ = ["StaleEdit"]

SHARED_OUTSIDE_TEAM = _("%(names)s not in %(team)s: a project is shared only within its team.")


def _save(instance, *, by):
    instance.full_clean()
    instance._history_user = by
    instance.save()
    return instance


def _share(project: Project, people, *, by) -> None:
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


@transaction.atomic
def project_create(*, project: Project, by, shared_with=()) -> Project:
    """A new project starts with the four control points and its owner engaged."""
    _save(project, by=by)
    _share(project, shared_with, by=by)
    for number in (1, 2, 3, 4):
        ControlPoint.objects.create(project=project, number=number)
    Engagement.objects.get_or_create(project=project, user=project.owner)
    return project


@transaction.atomic
def project_update(*, project: Project, expected_version: int, by, shared_with=None) -> Project:
    """`shared_with`: the people to share with from now on; None leaves the sharing as it is."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    project.version = current.version + 1
    _save(project, by=by)
    if shared_with is not None and set(shared_with) != set(current.shared_with.all()):
        _share(project, shared_with, by=by)
    Engagement.objects.get_or_create(project=project, user=project.owner)
    return project


def _engage(project: Project, user) -> None:
    # Whoever holds a relationship takes part: parity rules count them among our engaged people.
    if user is not None:
        Engagement.objects.get_or_create(project=project, user=user)


@transaction.atomic
def member_add(*, member: ChainMember, by) -> ChainMember:
    _save(member, by=by)
    _engage(member.project, member.owner)
    return member


@transaction.atomic
def member_update(*, member: ChainMember, expected_version: int, by) -> ChainMember:
    current = ChainMember.objects.select_for_update().get(pk=member.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    member.version = current.version + 1
    _save(member, by=by)
    _engage(member.project, member.owner)
    return member


def member_remove(*, member: ChainMember, by) -> None:
    member._history_user = by
    member.delete()


def pain_add(*, pain: Pain, by) -> Pain:
    return _save(pain, by=by)


def pain_delete(*, pain: Pain, by) -> None:
    pain._history_user = by
    pain.delete()


@transaction.atomic
def activity_save(*, activity: Activity, our_people, contacts, asks: list[dict], by) -> Activity:
    """Save an activity with its people and asks; everyone of ours who takes part is engaged."""
    _save(activity, by=by)
    activity.our_people.set(our_people)
    activity.contacts.set(contacts)
    activity.asks.all().delete()
    for ask in asks:
        Ask(activity=activity, **ask).full_clean()
        Ask.objects.create(activity=activity, **ask)
    for user in our_people:
        _engage(activity.project, user)
    return activity


def activity_delete(*, activity: Activity, by) -> None:
    activity._history_user = by
    activity.delete()


def save(instance, *, by):
    """Simple single-row writes (control points, internal selling, thresholds, engagement)."""
    return _save(instance, by=by)
