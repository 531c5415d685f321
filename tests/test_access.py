"""Who may see what: one helper per object kind, and every URL that takes an id answers 404 to strangers."""

import io
import pathlib
import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Account, Contact, ImportBatch
from projects.deals.models import RelationshipRequest, Task
from projects.notices.models import Notice
from projects.visits.models import VisitSheet
from salescamp.models import Team

from .conftest import client_for
from .factories import AccountFactory, TeamFactory, UserFactory
from .html_forms import IdFields, read_form
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
        "batch_id": ImportBatch.objects.create(team=org.team, created_by=org.rep, file_name="客户.xlsx").pk,
        "notice_id": Notice.objects.get_or_create(
            recipient=org.rep,
            key="access-walk",
            defaults={"kind": "plan_approved", "message": {}, "link": "/"},
        )[0].pk,
        # A calendar address someone else holds: to anyone without it, a guess (404, signed in or not).
        "token": "a-guess-at-someone-elses-calendar-address",
        "task_id": Task.objects.create(project=org.project, owner=org.rep, text="送案例").pk,
        # allauth's OpenID Connect routes name the provider by a regex group: the company's, as configured.
        "provider_id": "company",
        # Only the leader asked answers: to anyone else, 404.
        "request_id": RelationshipRequest.objects.get_or_create(
            member=org.member, status="pending", defaults={"leader": org.lead, "asked_by": org.rep}
        )[0].pk,
        **plan_ids(org),
    }


# Pages a calendar reaches without signing in: the secret in the address is the key.
OPEN_WITH_A_SECRET = {"calendar/<str:token>.ics"}

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
    "visit_delete": "visit_edit",
    "visit_restore": "desk",  # its form is the undo in the message a delete leaves
    "task_toggle": "project_detail",
    "notice_open": "notice_list",
    "notices_read": "notice_list",
    "relationship_ask": "project_detail",  # the ask on a chain card
    "relationship_answer": "desk",  # the leader asked answers from their desk
}
# A manager reviews; the rest (a team's pages aside) is the project owner's to post.
LEADER_POSTS = {"plan_comment", "plan_decide", "relationship_answer"}


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
        names = [*pattern.pattern.converters, *re.findall(r"\(\?P<(\w+)>", route)]
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
    for route, url in urls_with_ids(org):
        response = client.get(url)
        if route in OPEN_WITH_A_SECRET:
            assert response.status_code == 404, url
            continue
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


# ---- ids in query strings and in forms: another team's ids are no way in ---------------------------------

# Every query-string parameter a view reads, by kind: each id-like one is walked below with another team's
# id. A view reading a new parameter fails test_every_query_parameter_a_view_reads_is_walked until it is
# listed here.
ID_PARAMS = {"team", "rep", "account", "contact", "a", "b", "version"}
OTHER_PARAMS = {
    "q",
    "page",
    "part",
    "target",
    "resource",
    "kind",
    "type",
    "stage",
    "state",
    "code",
    "from",
    "to",
    "full",  # ?full=1: the whole sheet or plan, not its summary
    "all",  # a long list drawn whole
}
GET_PARAM_RE = re.compile(r"""(?:request\.GET|params)\.get\(\s*["'](\w+)["']""")
# The pickers of "our people" offer anyone in the company (presales, a VP), another team's rep included; every
# other id field offers only what the user may see. By the URL name's first word.
COMPANY_WIDE = {
    "activity": {"our_people"},
    "engagement": {"user"},
    "internal": {"person"},
    "member": {"owner", "acquaintance_holder"},
    "visit": {"our_people", "our_people_before", "next_steps-0-owner"},
}
ELSEWHERE_PK = 900_000  # ids of their own, so that none of them is also one of ours by chance


@dataclass
class Elsewhere:
    """A team outside the org's division: its people, customers and project are no business of the org."""

    team: object
    rep: object
    account: object
    contact: object
    project: object
    latest_version: int
    names: tuple[str, ...]


def elsewhere() -> Elsewhere:
    from projects.plans.models import PlanStatus, PlanSubmission
    from projects.plans.review import plan_submit

    from .factories import ChainMemberFactory, ContactFactory, MembershipFactory, ProjectFactory

    team = TeamFactory(pk=ELSEWHERE_PK + 1, name="外省一组")
    rep = UserFactory(pk=ELSEWHERE_PK + 2, username="outsider", display_name="外队销售丁")
    MembershipFactory(user=rep, team=team)
    account = AccountFactory(pk=ELSEWHERE_PK + 3, name="外队客户甲", team=team)
    contact = ContactFactory(pk=ELSEWHERE_PK + 4, account=account, name="外队联系人乙", title="外队处长")
    project = ProjectFactory(pk=ELSEWHERE_PK + 5, account=account, team=team, owner=rep, name="外队项目丙")
    ChainMemberFactory(project=project, contact=contact, roles=["coach"])
    for _number in range(3):  # versions 1-3: the org's project has fewer
        plan_submit(project=project, by=rep)
        PlanSubmission.objects.filter(project=project).update(status=PlanStatus.APPROVED)
    # Their rep's name is not among them: "our people" pickers list everyone in the company (presales, a VP).
    names = ("外省一组", "外队客户甲", "外队联系人乙", "外队处长", "外队项目丙")
    return Elsewhere(team, rep, account, contact, project, 3, names)


def visible_text(response) -> str:
    """What the answer shows a person, whatever its format."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body))
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return body.decode(errors="replace")


def shows_nothing_of(response, them: Elsewhere, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    text = visible_text(response)
    shown = [name for name in them.names if name in text]
    assert not shown, f"{what} shows {shown}"


def test_every_query_parameter_a_view_reads_is_walked():
    read = set()
    for folder in ("accounts", "projects", "salescamp"):
        for path in pathlib.Path(folder).rglob("*.py"):
            read |= set(GET_PARAM_RE.findall(path.read_text()))
    assert read, "the scan found no query parameters: has the way views read them changed?"
    unknown = read - ID_PARAMS - OTHER_PARAMS
    assert not unknown, f"views read {unknown}: add them to ID_PARAMS (an id) or OTHER_PARAMS"


@pytest.mark.django_db
def test_another_teams_ids_in_any_query_string_show_nothing_of_theirs(org):
    them = elsewhere()
    foreign = {
        "team": them.team.pk,
        "rep": them.rep.pk,
        "account": them.account.pk,
        "contact": them.contact.pk,
        "a": them.latest_version,
        "b": them.latest_version,
        "version": them.latest_version,
    }
    assert set(foreign) == ID_PARAMS
    asked = 0
    # The team lead opens every page a rep opens, and the team desk besides.
    lead = client_for(org.lead)
    for endpoint in endpoints(org):
        if lead.get(endpoint.url).status_code != 200:
            continue  # a POST-only URL: the URL walks above cover it
        for param, value in foreign.items():
            response = lead.get(endpoint.url, {param: value})
            shows_nothing_of(response, them, f"GET {endpoint.url}?{param}={value}")
            asked += 1
    # Where the id is the page's subject, another team's is no such thing (even to the director above both
    # of the org's teams), and a sibling team's is not the lead's.
    for manager in (lead, client_for(org.director)):
        assert manager.get("/team/", {"team": them.team.pk}).status_code == 404
    assert lead.get("/team/export.csv", {"team": org.other_team.pk}).status_code == 404
    assert client_for(org.rep).get("/projects/new/", {"account": them.account.pk}).status_code == 404
    for param in ("version", "a", "b"):
        url = f"/projects/{org.project.pk}/plan{'.pdf' if param == 'version' else '/compare/'}"
        assert lead.get(url, {param: them.latest_version}).status_code == 404, param
    print(f"\nquery-string walk: {asked} requests with another team's ids, nothing of theirs shown")


def references_to(them: Elsewhere) -> set:
    """Every row that points at one of their objects (their own rows included)."""
    from django.apps import apps

    from projects.deals.models import Project
    from salescamp.models import User

    theirs = {
        Team: {them.team.pk},
        User: {them.rep.pk},
        Account: {them.account.pk},
        Contact: {them.contact.pk},
        Project: {them.project.pk},
    }
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in theirs:
                rows = model._default_manager.filter(**{f"{field.name}__in": theirs[field.related_model]})
                found |= {(model._meta.label, field.name, pk) for pk in rows.values_list("pk", flat=True)}
    return found


@pytest.mark.django_db
def test_another_teams_ids_posted_in_any_id_field_are_never_saved_nor_shown(org):
    """Every form field that takes an id, given each of another team's ids the form does not offer (their
    team, rep, account, contact, project): refused or ignored, never linked, never shown."""
    them = elsewhere()
    foreign = [them.team.pk, them.rep.pk, them.account.pk, them.contact.pk, them.project.pk]
    links_before = references_to(them)
    posts = fields_walked = 0
    for endpoint in endpoints(org):
        client = client_for(org.lead if endpoint.by_leader else org.rep)
        page = client.get(endpoint.form_url)
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        parser = IdFields()
        parser.feed(page.content.decode(errors="replace"))
        untouched = read_form(page.content.decode())
        for name, offered in parser.id_fields().items():
            fields_walked += 1
            for value in foreign:
                if str(value) in offered:
                    company_wide = COMPANY_WIDE.get(endpoint.name.split("_")[0], set())
                    assert value == them.rep.pk and name in company_wide, (
                        f"{endpoint.form_url} offers another team's {value} in {name}"
                    )
                    continue
                data: dict[str, list[str]] = {}
                for field, field_value, _kind in untouched:
                    if field != name:
                        data.setdefault(field, []).append(field_value)
                data[name] = [str(value)]
                response = client.post(endpoint.url, data)
                shows_nothing_of(response, them, f"POST {endpoint.url} {name}={value}")
                posts += 1
                if response.status_code in (200, 302):  # saved something else: the form has a new version
                    untouched = read_form(client.get(endpoint.form_url).content.decode())
    assert references_to(them) == links_before, "something of ours now points at another team's rows"
    assert fields_walked >= 30
    print(f"\nform walk: {posts} posts of another team's ids into {fields_walked} id fields, none saved")


@pytest.mark.django_db
def test_a_visit_sheet_naming_another_teams_people_is_refused_at_submit(org):
    them = elsewhere()
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    client = client_for(org.rep)
    foreign = str(them.contact.pk)
    draft = {
        "version": 1,
        "date": timezone.localdate().isoformat(),
        "met-0-contact": foreign,
        "met-1-new_name": "钱工",
        "met-1-new_reports_to": foreign,
        "asks-0-text": "请引荐",
        "asks-0-contact": foreign,
        "gifts-0-kind": "logo_souvenir",
        "gifts-0-contact": foreign,
        "pick": f"1:{foreign}",
    }
    links_before = references_to(them)
    assert client.post(f"/visits/{sheet.pk}/edit/", draft).status_code == 302
    sheet.refresh_from_db()
    response = client.post(f"/visits/{sheet.pk}/submit/", {"version": sheet.version})
    assert response.status_code == 422
    for field in ("met-0-contact", "met-1-new_reports_to", "asks-0-contact", "gifts-0-contact"):
        assert f'href="#f-{field}"' in response.text, field
    shows_nothing_of(response, them, "the refused sheet")
    assert references_to(them) == links_before


@pytest.mark.django_db
def test_company_sign_in_urls_are_404_while_no_provider_is_configured(org, settings):
    """Unconfigured, allauth's views would fail with a server error; they are pages that do not exist, for
    GET and POST, signed in or not (the form posts carry a token so that the view itself answers)."""
    settings.SOCIALACCOUNT_PROVIDERS = {}
    signed_in = client_for(org.rep)
    walked = 0
    for endpoint in endpoints(org):
        if not endpoint.url.startswith("/auth/") or endpoint.name.startswith("socialaccount_login_"):
            continue
        for client in (signed_in, Client()):
            for method in ("get", "post"):
                response = getattr(client, method)(endpoint.url)
                assert response.status_code == 404, f"{method.upper()} {endpoint.url}: {response.status_code}"
                walked += 1
    assert walked >= 8 * 4, walked


@pytest.mark.django_db
def test_every_url_answers_methods_other_than_get_head_and_post_405_and_writes_nothing(org):
    """Found by the outside attack: the editors drew their form for PUT, DELETE, OPTIONS and TRACE."""
    from .test_csrf import database_state

    owner, anonymous = client_for(org.rep), Client()
    every = endpoints(org)  # makes the rows its ids name
    before = database_state()
    walked = 0
    for endpoint in every:
        for client in (owner, anonymous):
            for method in ("put", "patch", "delete", "options", "trace"):
                response = getattr(client, method)(endpoint.url)
                assert response.status_code == 405, f"{method.upper()} {endpoint.url}: {response.status_code}"
                walked += 1
    assert database_state() == before
    assert walked >= 50 * 10
