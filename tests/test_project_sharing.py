"""Sharing a project (共享): the form decides who it is shared with, and taking someone off revokes access."""

import pytest

from projects.deals.models import Project

from .conftest import client_for


def project_form_data(project, **overrides) -> dict:
    data = {
        "name": project.name,
        "account": project.account_id,
        "team": project.team_id,
        "owner": project.owner_id,
        "shared_with": [user.pk for user in project.shared_with.all()],
        "stage": project.stage,
        "outcome_reason": project.outcome_reason,
        "amount": project.amount,
        "expected_close": "",
        "state": project.state,
        "strategy": project.strategy,
        "version": project.version,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_sharing_through_the_form_opens_the_project_and_removing_the_person_revokes_it(org):
    rep = client_for(org.rep)
    url = f"/projects/{org.project.pk}/edit/"
    response = rep.post(url, project_form_data(org.project, shared_with=[org.teammate.pk]))
    assert response.status_code == 302, response.content.decode()[:500]
    assert client_for(org.teammate).get(f"/projects/{org.project.pk}/").status_code == 200

    project = Project.objects.get(pk=org.project.pk)
    response = rep.post(url, project_form_data(project, shared_with=[]))
    assert response.status_code == 302
    assert list(project.shared_with.all()) == []
    assert client_for(org.teammate).get(f"/projects/{org.project.pk}/").status_code == 404
    assert client_for(org.teammate).get(f"/projects/{org.project.pk}/plan.pdf").status_code == 404


@pytest.mark.django_db
def test_a_new_project_is_shared_with_whom_the_form_says(org):
    response = client_for(org.rep).post(
        "/projects/new/",
        project_form_data(org.project, name="第二期", shared_with=[org.teammate.pk], version=""),
    )
    assert response.status_code == 302
    project = Project.objects.get(name="第二期")
    assert list(project.shared_with.all()) == [org.teammate]


@pytest.mark.django_db
def test_the_history_records_who_changed_the_sharing(org):
    org.project.shared_with.add(org.teammate)
    client_for(org.rep).post(
        f"/projects/{org.project.pk}/edit/", project_form_data(org.project, shared_with=[])
    )
    latest = org.project.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == org.rep
    assert list(latest.shared_with.all()) == []


@pytest.mark.django_db
def test_a_project_cannot_be_shared_outside_its_team(org):
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/edit/", project_form_data(org.project, shared_with=[org.stranger.pk])
    )
    assert response.status_code == 422
    assert "shared_with" in response.content.decode()
    assert not org.project.shared_with.exists()
    assert client_for(org.stranger).get(f"/projects/{org.project.pk}/").status_code == 404
