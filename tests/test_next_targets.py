"""Where a form's `next` sends the browser after deleting a draft or ticking a task: a path of this site, or
the desk. Never another host, never a view's name (redirect() would look a bare word up, and 500)."""

import pytest

from projects.deals.models import Task
from projects.visits.models import VisitSheet

from .conftest import client_for

ELSEWHERE = [
    "NaN ",
    "desk",  # a view's name: a path is asked for, not a name
    "project_detail",  # a view's name that needs an id: NoReverseMatch
    "x.y",
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    " /projects/",
    "\x00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("target", ELSEWHERE)
def test_a_next_that_is_not_a_path_of_ours_goes_to_the_desk(org, target):
    client = client_for(org.rep)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    task = Task.objects.create(project=org.project, owner=org.rep, text="送案例")
    for url, data in (
        (f"/visits/{sheet.pk}/delete/", {"next": target}),
        (f"/tasks/{task.pk}/done/", {"next": target, "done": "1", "version": task.version}),
    ):
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"] == "/", (url, response["Location"])


@pytest.mark.django_db
def test_a_path_of_ours_is_where_the_browser_goes_back_to(org):
    client = client_for(org.rep)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    back = f"/projects/{org.project.pk}/"
    response = client.post(f"/visits/{sheet.pk}/delete/", {"next": back})
    assert response.status_code == 302 and response["Location"] == back
