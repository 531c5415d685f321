"""Submitted versions' PDFs are prepared by the background worker (django-tasks-db), ahead of the click."""

import pytest
import weasyprint
from django.core.cache import cache
from django.core.management import call_command

from projects.plans import review
from projects.plans.models import PlanSubmission

from .conftest import client_for


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_submitting_queues_the_pdf_and_the_worker_prepares_it(org, database_tasks, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    cache.clear()
    submission = review.plan_submit(project=org.project, by=org.rep)
    pdfs = DBTaskResult.objects.filter(task_path__endswith="prerender_plan_pdf")
    queued = pdfs.get()  # (beside it: the notices to the reviewers, delivered by the same worker)
    assert queued.status == "READY" and queued.args_kwargs["args"] == [submission.pk]

    call_command("db_worker", "--batch", "--no-startup-delay")

    assert pdfs.get().status == "SUCCESSFUL"

    # Both languages' PDFs now sit in the shared cache: the download is served without a layout.
    def no_layout(*args, **kwargs):
        raise AssertionError("the PDF should come from the cache")

    monkeypatch.setattr(weasyprint, "HTML", no_layout)
    response = client_for(org.lead).get(f"/projects/{org.project.pk}/plan.pdf?version={submission.number}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert PlanSubmission.objects.get().status == "submitted"


@pytest.mark.django_db(transaction=True)
def test_a_comment_or_decision_queues_the_pdf_again(org, database_tasks):
    from django_tasks_db.models import DBTaskResult

    submission = review.plan_submit(project=org.project, by=org.rep)
    review.comment_add(submission=submission, section="chain", text="桥梁是谁？", by=org.lead)
    review.plan_return(submission=submission, reason="先找到桥梁", by=org.lead)
    assert DBTaskResult.objects.filter(task_path__endswith="prerender_plan_pdf").count() == 3
