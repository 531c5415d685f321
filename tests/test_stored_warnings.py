"""The stored warnings (what the desks count) are always what the engine says now: after every editor's
save, add and delete, a visit sheet submitted, an import and a thresholds change, and after the daily run.
A refresh that fails costs the user nothing they saved."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django.urls import reverse
from django.utils import timezone

from projects.deals.loading import PROJECT_RELATIONS, load_plan
from projects.deals.models import Project, TeamThresholds
from projects.rules import evaluate
from projects.stored_warnings import refresh as refreshing
from projects.stored_warnings.models import CurrentWarning, WarningsEvaluation
from projects.stored_warnings.refresh import refresh_due
from projects.stored_warnings.tasks import refresh_team_warnings
from projects.visits.models import VisitSheet

from .conftest import client_for
from .factories import ContactFactory, ProjectFactory
from .test_access import ids_by_kwarg, walk_patterns
from .test_editors import LEADER_EDITORS, QUERIES, field_to_change, read_form
from .test_plan_format import DATA


def stored(project, today=None) -> list[dict]:
    rows = CurrentWarning.objects.filter(project=project).order_by("position")
    if today is not None:
        assert all(row.evaluated_on == today for row in rows)
    return [row.data for row in rows]


def live(project, today=None) -> list[dict]:
    project = Project.objects.select_related(*PROJECT_RELATIONS).get(pk=project.pk)
    return [warning.as_data() for warning in evaluate(load_plan(project), today or timezone.localdate())]


def assert_current(project, what: str) -> None:
    assert stored(project) == live(project), f"after {what} the stored warnings differ from the engine's"


def forms(org):
    """Every editor and every add form of the project, as (key, url, opened by a leader)."""
    ids = ids_by_kwarg(org)
    for _route, pattern in walk_patterns():
        name = pattern.name or ""
        if not (name.endswith("_edit") or name.endswith("_add")):
            continue
        url = reverse(name, kwargs={arg: ids[arg] for arg in pattern.pattern.converters})
        for query in QUERIES.get(name, [""]):
            yield (
                (f"{name}?{query}" if query else name),
                (f"{url}?{query}" if query else url),
                (name in LEADER_EDITORS),
            )


@pytest.mark.django_db
def test_after_every_save_add_and_delete_the_stored_warnings_are_the_engines(org):
    refresh_due()
    assert_current(org.project, "the daily run")
    written, deleted = [], []
    for key, url, by_leader in forms(org):
        client = client_for(org.lead if by_leader else org.rep)
        fields = read_form(client.get(url).content.decode())
        name, value, _other = field_to_change(key, fields)
        data: dict[str, list[str]] = {}
        for field, field_value, _kind in fields:
            data.setdefault(field, []).append(value if field == name else field_value)
        response = client.post(url, data)
        assert response.status_code in (200, 302, 422), f"{key}: {response.status_code}"
        if response.status_code != 422:
            written.append(key)
        assert_current(org.project, key)
    # Then each row deleted through its editor; the chain member last, so its pains go one by one first.
    for key, url, _by_leader in sorted(forms(org), key=lambda form: form[0] == "member_edit"):
        if not key.endswith("_edit") or key.startswith(("project_edit", "thresholds", "visit_template")):
            continue
        client = client_for(org.rep)
        page = client.get(url)
        if page.status_code != 200 or 'name="delete"' not in page.content.decode():
            continue
        version = next((f for f in read_form(page.content.decode()) if f[0].endswith("version")), None)
        response = client.post(url, {version[0]: version[1], "delete": "1"} if version else {"delete": "1"})
        assert response.status_code in (200, 302, 422), f"{key} delete: {response.status_code}"
        if response.status_code != 422:  # the owner's own engagement cannot go
            deleted.append(key)
        assert_current(org.project, f"deleting through {key}")
    assert len(written) >= 20 and len(deleted) >= 8, (written, deleted)
    print(f"\n{len(written)} saves and adds, {len(deleted)} deletes: stored = live after each")


@pytest.mark.django_db
def test_a_contact_edit_on_the_account_page_reaches_every_project_of_the_account(org):
    other = ProjectFactory(account=org.account, team=org.team, owner=org.rep, name="二期")
    refresh_due()
    client = client_for(org.rep)
    url = reverse("contact_edit", args=[org.contact.pk])
    fields = {name: value for name, value, _kind in read_form(client.get(url).content.decode())}
    response = client.post(url, {**fields, "level": "3", "title": "采购副总"})
    assert response.status_code in (200, 302)
    for project in (org.project, other):
        assert_current(project, "a contact's level changed")
    assert CurrentWarning.objects.filter(project=org.project, code="PARITY_GAP").exists()


@pytest.mark.django_db
def test_a_submitted_visit_sheet_and_an_import_are_followed(org):
    refresh_due()
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    newcomer = ContactFactory(account=org.account, name="钱副总", title="副总经理", level=3)
    client = client_for(org.rep)
    today = timezone.localdate().isoformat()
    client.post(
        reverse("visit_edit", args=[sheet.pk]),
        {
            "version": 1,
            "date": today,
            "met-0-contact": str(newcomer.pk),
            "met-0-pains": "担心上线后出故障",
            "reason_met": "想了解其他网省的做法",
            "hooks": "下周送案例",
        },
    )
    response = client.post(reverse("visit_submit", args=[sheet.pk]), {"confirm": "1"})
    assert response.status_code in (200, 302)
    assert VisitSheet.objects.get(pk=sheet.pk).status == "submitted"
    assert_current(org.project, "a visit sheet was submitted")

    doc = json.loads((DATA / "plan_example.json").read_text(encoding="utf-8"))
    doc["account"]["name"] = "华北能源"
    for person in doc["people"]:
        person["username"] = {"xiaozhang": "rep", "wangzuzhang": "lead"}[person["username"]]
    text = json.dumps(doc, ensure_ascii=False)
    text = text.replace('"xiaozhang"', '"rep"').replace('"wangzuzhang"', '"lead"')
    from projects.plans.plan_format import import_plan

    project = import_plan(json.loads(text), team=org.team).project
    assert stored(project) and stored(project) == live(project)


@pytest.mark.django_db
def test_a_thresholds_change_marks_the_team_stale_and_the_worker_catches_up(
    org, django_capture_on_commit_callbacks
):
    refresh_due()
    before = len(default_task_backend.results) if hasattr(default_task_backend, "results") else None
    client = client_for(org.lead)
    url = reverse("thresholds_edit", args=[org.team.pk])
    fields = dict((name, value) for name, value, _kind in read_form(client.get(url).content.decode()))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**fields, "stale_days": "1"})
    assert response.status_code in (200, 302)
    assert WarningsEvaluation.objects.get(project=org.project).evaluated_on is None  # due for any run
    if before is not None:
        assert len(default_task_backend.results) == before + 1

    refresh_team_warnings.call(org.team.pk)  # the task worker

    assert TeamThresholds.objects.get(team=org.team).stale_days == 1
    assert_current(org.project, "the task worker ran")


@pytest.mark.django_db
def test_the_daily_run_brings_date_driven_warnings_up_to_the_day(org):
    refresh_due()
    later = timezone.localdate() + timedelta(days=90)

    assert refresh_due(later) == (Project.objects.count(), [])

    assert stored(org.project, later) == live(org.project, later) != live(org.project)
    assert refresh_due(later) == (0, [])  # already done today: a second run does nothing


@pytest.mark.django_db
def test_a_run_killed_half_way_is_completed_by_the_next(org, monkeypatch):
    for number in range(4):
        ProjectFactory(account=org.account, team=org.team, owner=org.rep, name=f"项目{number}")
    monkeypatch.setattr(refreshing, "BATCH", 2)
    calls = []
    real = refreshing._refresh_batch

    def killed_after_the_first_batch(ids, today):
        if calls:
            raise KeyboardInterrupt
        calls.append(ids)
        return real(ids, today)

    monkeypatch.setattr(refreshing, "_refresh_batch", killed_after_the_first_batch)
    with pytest.raises(KeyboardInterrupt):
        refresh_due()
    monkeypatch.setattr(refreshing, "_refresh_batch", real)

    done, failed = refresh_due()

    assert done == Project.objects.count() - 2 and failed == []
    for project in Project.objects.all():
        assert_current(project, "the second run")


@pytest.mark.django_db
def test_a_project_the_engine_fails_on_is_logged_and_the_rest_go_on(org, monkeypatch, caplog):
    second = ProjectFactory(account=org.account, team=org.team, owner=org.rep, name="二期")
    real = refreshing.evaluate

    def breaks_on_the_first(plan, today):
        if plan.project_id == org.project.pk:
            raise ValueError("a rule broke")
        return real(plan, today)

    monkeypatch.setattr(refreshing, "evaluate", breaks_on_the_first)
    with caplog.at_level(logging.ERROR):
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(SystemExit) as exit_:
            call_command("refresh_warnings", stdout=out, stderr=err)

    assert exit_.value.code == 1 and str(org.project.pk) in err.getvalue()
    assert f"project {org.project.pk}" in caplog.text
    assert stored(second) == live(second)
    assert not WarningsEvaluation.objects.filter(project=org.project).exists()  # due again next run


@pytest.mark.django_db
def test_a_failing_refresh_never_costs_the_user_their_save(org, monkeypatch):
    refresh_due()
    monkeypatch.setattr(refreshing, "evaluate", lambda plan, today: 1 / 0)
    client = client_for(org.rep)
    url = reverse("pain_edit", args=[org.pain.pk])
    fields = read_form(client.get(url).content.decode())
    data = {name: value for name, value, _kind in fields}
    data[next(name for name, _v, kind in fields if kind == "textarea" or name.endswith("text"))] = "新的痛点"

    response = client.post(url, data)

    assert response.status_code in (200, 302)
    org.pain.refresh_from_db()
    assert org.pain.text == "新的痛点"
