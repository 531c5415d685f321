"""Who may see what: one helper per object kind, and every URL that takes an id answers 404 to strangers."""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Account, Contact
from projects.visits.models import VisitSheet
from salescamp.models import Team

from .conftest import client_for
from .factories import AccountFactory, TeamFactory, UserFactory
from .plan_helpers import plan_ids


def walk_patterns(patterns=None, prefix=""):
    """Every (route, pattern) of our URLconf except the admin, which has its own staff-only guard."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield from walk_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def ids_by_kwarg(org) -> dict[str, int]:
    # A new kind of id in a URL must be added here, or the walk fails loudly below.
    return {
        "account_id": org.account.pk,
        "contact_id": org.contact.pk,
        "project_id": org.project.pk,
        "member_id": org.member.pk,
        "pain_id": org.pain.pk,
        "activity_id": org.activity.pk,
        "number": 1,
        "engagement_id": org.engagement.pk,
        "internal_sale_id": org.internal_sale.pk,
        "team_id": org.team.pk,
        "visit_id": VisitSheet.objects.create(project=org.project, created_by=org.rep).pk,
        **plan_ids(org),
    }


# Ids whose objects a team member may see; every other id belongs to a project (or needs a leader).
TEAM_WIDE_IDS = {"account_id", "contact_id"}
# Endpoints that take only POSTs, and the page whose form posts to them (the walks post what it holds).
FORM_ON = {
    "logout": "desk",
    "set_language": "desk",
    "visit_autosave": "visit_edit",
    "plan_submit": "plan",
    "plan_comment": "plan_version",
    "plan_decide": "plan_version",
}
# A manager reviews; the rest (a team's pages aside) is the project owner's to post.
LEADER_POSTS = {"plan_comment", "plan_decide"}


@dataclass
class Endpoint:
    name: str
    url: str
    form_url: str  # the page holding the form that posts to `url`
    by_leader: bool  # posted by the team lead (else by the rep who owns the project)


def endpoints(org) -> list[Endpoint]:
    """Every URL of ours (the admin aside) with real ids, and who would post to it from which page."""
    ids = ids_by_kwarg(org)
    urls = {}
    for route, pattern in walk_patterns():
        names = list(pattern.pattern.converters)
        assert pattern.name, f"{route}: name the URL so the walks can report it"
        assert set(names) <= set(ids), f"{route}: add an object for it to ids_by_kwarg so it is walked"
        urls[pattern.name] = reverse(pattern.name, kwargs={name: ids[name] for name in names})
    return [
        Endpoint(
            name=name,
            url=url,
            form_url=urls[FORM_ON.get(name, name)],
            by_leader="/teams/" in url or name in LEADER_POSTS,
        )
        for name, url in urls.items()
    ]


def urls_with_ids(org, *, skip_if_only=frozenset()):
    ids = ids_by_kwarg(org)
    for route, pattern in walk_patterns():
        names = list(pattern.pattern.converters)
        if not names or set(names) <= skip_if_only:
            continue
        unknown = [name for name in names if name not in ids]
        assert not unknown, f"{route}: add an object for {unknown} to ids_by_kwarg so access is tested"
        yield route, reverse(pattern.name, kwargs={name: ids[name] for name in names})


@pytest.mark.django_db
def test_every_url_with_an_id_is_404_for_another_team(org):
    client = client_for(org.stranger)
    checked = 0
    for route, url in urls_with_ids(org):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, (
                f"{method.upper()} {url} ({route}) gave {response.status_code}"
            )
            checked += 1
    assert checked >= 8
    print(f"\nURL walk: {checked} requests by another team's user, all 404")


@pytest.mark.django_db
def test_every_project_url_is_404_for_a_teammate_who_neither_owns_it_nor_has_it_shared(org):
    client = client_for(org.teammate)
    checked = 0
    for route, url in urls_with_ids(org, skip_if_only=TEAM_WIDE_IDS):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, (
                f"{method.upper()} {url} ({route}) gave {response.status_code}"
            )
            checked += 1
    assert checked >= 30
    print(f"\nURL walk: {checked} requests by a teammate who does not own the project, all 404")


@pytest.mark.django_db
def test_sharing_a_project_opens_it_to_a_teammate_and_managers_see_it_too(org):
    assert client_for(org.teammate).get(f"/projects/{org.project.pk}/").status_code == 404
    org.project.shared_with.add(org.teammate)
    assert client_for(org.teammate).get(f"/projects/{org.project.pk}/").status_code == 200
    for manager in (org.lead, org.director):
        assert client_for(manager).get(f"/projects/{org.project.pk}/").status_code == 200


@pytest.mark.django_db
def test_every_url_with_an_id_sends_anonymous_visitors_to_sign_in(org, client):
    for _route, url in urls_with_ids(org):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


@pytest.mark.django_db
def test_a_stranger_cannot_find_another_teams_account_by_searching(org):
    response = client_for(org.stranger).get("/accounts/", {"q": "国网"})
    assert response.status_code == 200
    assert "国网东北分部" not in response.text


@pytest.mark.django_db
def test_a_stranger_cannot_make_a_contact_report_to_another_teams_contact(org):
    own_account = AccountFactory(team=org.other_team)
    response = client_for(org.stranger).post(
        f"/accounts/{own_account.pk}/contacts/new/",
        {
            "new-name": "某人",
            "new-level": 1,
            "new-function": "technical",
            "new-personality": "unknown",
            "new-reports_to": org.boss.pk,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert not Contact.objects.filter(name="某人").exists()


@pytest.mark.django_db
def test_team_members_see_their_teams_accounts(org):
    assert list(Account.objects.visible_to(org.teammate)) == [org.account]
    assert client_for(org.teammate).get(f"/accounts/{org.account.pk}/").status_code == 200


@pytest.mark.django_db
def test_leaders_above_the_team_see_its_accounts_and_contacts(org):
    assert org.account in Account.objects.visible_to(org.director)
    assert set(Contact.objects.visible_to(org.director)) == {org.boss, org.contact}
    assert client_for(org.director).get(f"/contacts/{org.contact.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_a_leader_does_not_see_a_sibling_teams_accounts(org):
    sibling_account = AccountFactory(team=org.other_team)
    assert sibling_account not in Account.objects.visible_to(org.lead)
    assert client_for(org.lead).get(f"/accounts/{sibling_account.pk}/").status_code == 404


@pytest.mark.django_db
def test_managers_are_leaders_of_the_team_or_an_ancestor(org):
    assert org.team.is_managed_by(org.lead)
    assert org.team.is_managed_by(org.director)
    assert not org.team.is_managed_by(org.rep)
    assert set(Team.objects.managed_by(org.director)) == {org.team, org.other_team, org.team.parent}
    assert set(Team.objects.managed_by(org.rep)) == set()


@pytest.mark.django_db
def test_a_user_in_no_team_sees_nothing(org):
    loner = UserFactory()
    assert not Account.objects.visible_to(loner).exists()
    assert client_for(loner).get(f"/accounts/{org.account.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_team_cannot_be_placed_below_its_own_subteam(org):
    from django.core.exceptions import ValidationError

    top = org.team.parent
    top.parent = org.team
    with pytest.raises(ValidationError):
        top.full_clean()
    deep = TeamFactory(parent=org.team)
    org.team.parent = deep
    with pytest.raises(ValidationError):
        org.team.full_clean()


@pytest.mark.django_db
def test_the_rule_for_one_project_agrees_with_the_rule_for_lists(org):
    from projects.deals.models import Project

    from .factories import ProjectFactory

    shared = ProjectFactory(account=org.account, team=org.team, owner=org.teammate, name="共享项目")
    shared.shared_with.add(org.rep)
    elsewhere = ProjectFactory(team=org.other_team, owner=org.stranger, account__team=org.other_team)
    users = [org.director, org.lead, org.rep, org.teammate, org.stranger]
    for user in users:
        listed = set(Project.objects.visible_to(user).values_list("pk", flat=True))
        for project in (org.project, shared, elsewhere):
            fresh = Project.objects.get(pk=project.pk)
            assert fresh.is_visible_to(user) == (project.pk in listed), (user, project)
    assert shared.is_visible_to(org.rep) and not elsewhere.is_visible_to(org.rep)
    assert elsewhere.is_visible_to(org.director) and not org.project.is_visible_to(org.stranger)
