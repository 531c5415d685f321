"""Review (审阅) of the sales project plan: numbered, immutable submissions and the comments on them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.deals.models import Project
from salescamp.models import User


class PlanStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


PLAN_SECTIONS = [
    ("basics", _("Project basics")),
    ("state", _("Customer state and strategy")),
    ("chain", _("Decision chain")),
    ("pains", _("Pain chain")),
    ("control_points", _("The four control points")),
    ("resources", _("Resource plan")),
    ("internal_selling", _("Internal selling")),
    ("activities", _("Activity plan")),
    ("competition", _("Competition")),
    ("tender", _("Tender plan")),
    ("negotiation", _("Negotiation exchange table")),
]


class PlanSubmission(models.Model):
    """An immutable, numbered snapshot of the plan as the rep submitted it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"), editable=False)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # What the rep tells the reviewer with this version, e.g. what changed after a return.
    note = models.TextField(_("note to the reviewer"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus, default=PlanStatus.SUBMITTED)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("plan submission")
        verbose_name_plural = _("plan submissions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_submission_number"),
            # At most one version awaits review at a time.
            models.UniqueConstraint(
                fields=["project"], condition=Q(status="submitted"), name="one_submission_awaiting_review"
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.project} v{self.number}"


class ReviewComment(models.Model):
    """A manager's (or the rep's) comment on one section; the thread follows the section across versions."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="review_comments")
    submission = models.ForeignKey(PlanSubmission, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=20, choices=PLAN_SECTIONS)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["project", "section"])]

    def __str__(self) -> str:
        return self.text[:40]
