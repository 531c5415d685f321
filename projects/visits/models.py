"""Visit information sheets (拜访信息表) and the teams' templates for them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.deals.models import Activity, Project
from salescamp.editing import Versioned
from salescamp.models import Team, User


class VisitStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class VisitSheet(Versioned):
    """One call: prepared before (拜访前), filled after (拜访后). The content lives in `data` while it is a
    draft (autosaved as the rep types); submitting applies it to the project and freezes it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="visit_sheets")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="visit_sheets")
    status = models.CharField(_("status"), max_length=10, choices=VisitStatus, default=VisitStatus.DRAFT)
    quick = models.BooleanField(_("60-second capture"), default=False)
    data = models.JSONField(_("content"), default=dict, blank=True)
    visit_date = models.DateField(_("visit date"), null=True, blank=True)
    activity = models.OneToOneField(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="visit_sheet"
    )
    # Everything the sheet logged when submitted: the visit, gifts given at it, next steps planned.
    recorded = models.ManyToManyField(Activity, blank=True, related_name="recorded_by_sheets")
    # Generated when the blank sheet is shown: a second "create" with the same key opens the first sheet.
    client_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # A draft the rep deleted: kept a while so "undo" can bring it back; no list shows it.
    discarded_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("visit information sheet")
        verbose_name_plural = _("visit information sheets")
        ordering = ["-visit_date", "-created_at"]
        indexes = [
            models.Index(fields=["created_by", "status"]),
            models.Index(fields=["project", "visit_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.visit_date or _('undated')}"


class VisitTemplate(Versioned):
    """A team's visit sheet for one customer type: optional sections on or off, custom questions."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="visit_templates")
    customer_type = models.CharField(
        _("customer type (industry)"),
        max_length=60,
        blank=True,
        help_text=_("Matches the account's industry; empty means every other customer."),
    )
    sections = models.JSONField(_("optional sections shown"), default=list, blank=True)
    questions = models.JSONField(_("custom questions"), default=list, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("visit sheet template")
        verbose_name_plural = _("visit sheet templates")
        constraints = [
            models.UniqueConstraint(fields=["team", "customer_type"], name="unique_visit_template")
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.customer_type or _('default')}"
