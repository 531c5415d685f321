"""Review (审阅) of the sales project plan: submit, comment, approve, return.

Each write is one transaction that checks everything first and changes nothing when it refuses: a
ReviewRefused carries the message to show and the HTTP status a view answers with. Submissions are
immutable snapshots (projects.plans.snapshot); only their status and decision change, once.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from projects.deals.models import Project
from projects.notices.models import NoticeKind
from projects.notices.record import notify
from projects.plans import snapshot, tasks
from projects.plans.models import PLAN_SECTIONS, PlanStatus, PlanSubmission, ReviewComment
from projects.plans.selectors import live_version
from projects.rules.base import interpolate
from salescamp.editing import CONFLICT, INVALID
from salescamp.models import User

FORBIDDEN = 403

ALREADY_AWAITING = _(
    "Version %(number)s is already awaiting review: wait for the manager's decision before submitting again."
)
NOT_AWAITING = _("Version %(number)s is no longer awaiting review (%(status)s): nothing was changed.")
NOT_A_MANAGER = _("Only a manager of the project's team can approve or return its plan.")
OWN_PLAN = _("You cannot approve or return your own plan: another manager of the team must review it.")
UNKNOWN_SECTION = _("Choose one of the plan's sections to comment on.")
EMPTY_COMMENT = _("Write a comment first.")
TOO_LONG = _("Keep it under %(max)s characters.")
REASON_REQUIRED = _("Say why the plan is returned, so the rep knows what to revise.")
UNKNOWN_DECISION = _("Choose to approve or to return the plan.")
MAX_TEXT = 2000

# What the people concerned are told (notices are read in the reader's language).
SUBMITTED = gettext_noop("%(who)s submitted version %(number)s of the plan of %(project)s for review.")
APPROVED = gettext_noop("%(who)s approved version %(number)s of the plan of %(project)s.")
RETURNED = gettext_noop("%(who)s returned version %(number)s of the plan of %(project)s: %(reason)s")
COMMENTED = gettext_noop("%(who)s commented on version %(number)s of the plan of %(project)s: %(text)s")


class ReviewRefused(Exception):
    def __init__(self, message, status: int = INVALID, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def awaiting(project: Project) -> PlanSubmission | None:
    return project.submissions.filter(status=PlanStatus.SUBMITTED).defer("snapshot").first()


def is_own_plan(project: Project, user, submission: PlanSubmission | None = None) -> bool:
    """A plan is one's own if one owns the project or submitted the version."""
    return project.owner_id == user.pk or (submission is not None and submission.submitted_by_id == user.pk)


def may_decide(project: Project, user, submission: PlanSubmission | None = None) -> bool:
    """Managers of the owning team (or an ancestor team) decide — never on their own plan."""
    return project.team.is_managed_by(user) and not is_own_plan(project, user, submission)


@transaction.atomic
def plan_submit(*, project: Project, by) -> PlanSubmission:
    """Freeze the current plan as the next numbered version, awaiting review."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if pending := awaiting(locked):
        raise ReviewRefused(ALREADY_AWAITING % {"number": pending.number}, status=CONFLICT)
    number = (locked.submissions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = live_version(project)
    submission = PlanSubmission(
        project=locked,
        number=number,
        snapshot=snapshot.take(version.plan, version.warnings, version.taken_on),
        submitted_by=by,
    )
    submission.full_clean()
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError as error:  # a concurrent submit won the race
        raise ReviewRefused(ALREADY_AWAITING % {"number": number - 1}, status=CONFLICT) from error
    _prerender_after_commit(submission)
    reviewers = (
        User.objects.filter(pk__in=locked.team.manager_ids()).exclude(pk=by.pk).exclude(pk=locked.owner_id)
    )
    notify(
        NoticeKind.PLAN_SUBMITTED,
        reviewers,
        interpolate(SUBMITTED, who=str(by), number=number, project=locked.name),
        reverse("plan", args=[locked.pk]),
        key=f"plan:{submission.pk}:submitted",
        project=locked,
    )
    return submission


def _plan_people(project: Project, submission: PlanSubmission, but) -> list:
    """The owner and whoever submitted the version, the one who acted aside."""
    return list(User.objects.filter(pk__in={project.owner_id, submission.submitted_by_id} - {but.pk}))


def _clean_text(text: str, *, empty) -> str:
    text = (text or "").strip()
    if not text:
        raise ReviewRefused(empty, field="text")
    if len(text) > MAX_TEXT:
        raise ReviewRefused(TOO_LONG % {"max": MAX_TEXT}, field="text")
    return text


@transaction.atomic
def comment_add(*, submission: PlanSubmission, section: str, text: str, by) -> ReviewComment:
    """A comment on one section, written on this version; the thread follows the section afterwards."""
    if section not in dict(PLAN_SECTIONS):
        raise ReviewRefused(UNKNOWN_SECTION, field="section")
    comment = ReviewComment(
        project_id=submission.project_id,
        submission=submission,
        section=section,
        author=by,
        text=_clean_text(text, empty=EMPTY_COMMENT),
    )
    comment.full_clean()
    comment.save()
    _prerender_after_commit(submission)
    project = submission.project
    notify(
        NoticeKind.PLAN_COMMENTED,
        _plan_people(project, submission, by),
        interpolate(
            COMMENTED, who=str(by), number=submission.number, project=project.name, text=comment.text[:120]
        ),
        reverse("plan", args=[project.pk]) + f"#section-{section}",
        key=f"comment:{comment.pk}",
        project=project,
    )
    return comment


@transaction.atomic
def plan_decide(*, submission: PlanSubmission, decision: str, reason: str = "", by) -> PlanSubmission:
    """Approve or return the version awaiting review. Refused: not a manager, own plan, not awaiting."""
    if decision not in (PlanStatus.APPROVED, PlanStatus.RETURNED):
        raise ReviewRefused(UNKNOWN_DECISION, field="decision")
    locked = (
        PlanSubmission.objects.select_for_update()
        .select_related("project__team")
        .defer("snapshot")
        .get(pk=submission.pk)
    )
    project = locked.project
    if not project.team.is_managed_by(by):
        raise ReviewRefused(NOT_A_MANAGER, status=FORBIDDEN)
    if is_own_plan(project, by, locked):
        raise ReviewRefused(OWN_PLAN, status=FORBIDDEN)
    if locked.status != PlanStatus.SUBMITTED:
        raise ReviewRefused(
            NOT_AWAITING % {"number": locked.number, "status": locked.get_status_display()}, status=CONFLICT
        )
    reason = (reason or "").strip()
    if decision == PlanStatus.RETURNED:
        reason = _clean_text(reason, empty=REASON_REQUIRED)
    elif len(reason) > MAX_TEXT:
        raise ReviewRefused(TOO_LONG % {"max": MAX_TEXT}, field="reason")
    # The snapshot itself is never written again: only the decision fields change.
    PlanSubmission.objects.filter(pk=locked.pk).update(
        status=decision, decided_by=by, decided_at=timezone.now(), decision_reason=reason
    )
    locked.refresh_from_db(fields=["status", "decided_by", "decided_at", "decision_reason"])
    _prerender_after_commit(locked)
    approved = decision == PlanStatus.APPROVED
    notify(
        NoticeKind.PLAN_APPROVED if approved else NoticeKind.PLAN_RETURNED,
        _plan_people(project, locked, by),
        interpolate(
            APPROVED if approved else RETURNED,
            who=str(by),
            number=locked.number,
            project=project.name,
            reason=reason[:200],
        ),
        reverse("plan", args=[project.pk]),
        key=f"plan:{locked.pk}:{decision}",
        project=project,
    )
    return locked


def plan_approve(*, submission: PlanSubmission, by, reason: str = "") -> PlanSubmission:
    return plan_decide(submission=submission, decision=PlanStatus.APPROVED, reason=reason, by=by)


def plan_return(*, submission: PlanSubmission, by, reason: str) -> PlanSubmission:
    return plan_decide(submission=submission, decision=PlanStatus.RETURNED, reason=reason, by=by)


def _prerender_after_commit(submission: PlanSubmission) -> None:
    # A big plan takes seconds to lay out: the worker prepares the version's PDF before anyone asks.
    transaction.on_commit(lambda: tasks.prerender_plan_pdf.enqueue(submission.pk))
