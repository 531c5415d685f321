"""Background work (Django's tasks framework; in production the django-tasks-db worker runs it)."""

from django.tasks import task
from django.utils import translation

from projects.plans import pdf, snapshot
from projects.plans.models import PlanSubmission
from projects.plans.selectors import comments_by_section

PDF_LANGUAGES = ("zh-hans", "en")


@task
def prerender_plan_pdf(submission_id: int) -> None:
    """Lay out a submitted version's PDF in each language, so the manager's download is served from the
    shared cache. The PDF is keyed by its HTML, so a later comment or decision simply enqueues this again."""
    submission = (
        PlanSubmission.objects.select_related("project", "submitted_by", "decided_by")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return
    version = snapshot.read(submission.snapshot)
    comments = comments_by_section(submission.project, up_to=submission.number)
    for language in PDF_LANGUAGES:
        with translation.override(language):
            pdf.plan_pdf(version=version, submission=submission, comments=comments)
