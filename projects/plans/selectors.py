"""Reads of the plan as its pages show it: the live plan with today's warnings, a submitted version, the
review comments and the review queue."""

from collections import defaultdict

from django.db.models import F
from django.utils import timezone

from projects.deals.loading import load_plan
from projects.deals.models import Project
from projects.plans import snapshot
from projects.plans.models import PlanStatus, PlanSubmission, ReviewComment
from projects.rules import evaluate


def live_version(project: Project) -> snapshot.Version:
    """The plan as it is now, with the engine's warnings of today."""
    plan = load_plan(project)
    today = timezone.localdate()
    return snapshot.Version(plan=plan, warnings=evaluate(plan, today), taken_on=today)


def comments_by_section(project: Project, up_to: int | None = None) -> dict[str, list]:
    """Review comments by section, each with the version it was written on; up to a version if given."""
    comments = ReviewComment.objects.filter(project=project).select_related("author")
    comments = comments.annotate(version=F("submission__number"))
    if up_to is not None:
        comments = comments.filter(submission__number__lte=up_to)
    grouped = defaultdict(list)
    for comment in comments:
        grouped[comment.section].append(comment)
    return grouped


def review_queue(user):
    """Versions awaiting review in the teams the user manages, oldest first, the user's own left out."""
    managed = user.managed_team_ids() if user.is_authenticated else set()
    if not managed:
        return PlanSubmission.objects.none()  # most users: no query at all
    return (
        PlanSubmission.objects.filter(status=PlanStatus.SUBMITTED, project__team_id__in=managed)
        .exclude(project__owner=user)
        .exclude(submitted_by=user)
        .select_related("project__account", "project__owner", "project__team", "submitted_by")
        .defer("snapshot")
        .order_by("submitted_at", "pk")
    )
