"""Activities (活动) with the customer, planned or done, and what we asked for in return (互惠)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Contact
from projects.deals.models.choices import ActivityKind, AskKind, CodesValidator, GiftKind, Topic
from projects.deals.models.project import Project
from projects.rules.course import ALL_RESOURCES, CONTROL_POINTS
from salescamp.editing import Versioned
from salescamp.models import User


class Activity(Versioned):
    """A planned or done activity with the customer."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("type"), max_length=16, choices=ActivityKind)
    date = models.DateField(_("date"))
    done = models.BooleanField(_("done"), default=False, help_text=_("Unticked: planned."))
    our_people = models.ManyToManyField(
        User, verbose_name=_("our people"), blank=True, related_name="activities"
    )
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("their people"), blank=True, related_name="activities"
    )
    topics = models.JSONField(
        _("topics"), default=list, blank=True, validators=[CodesValidator(Topic.values)]
    )
    gift_kind = models.CharField(_("gift"), max_length=16, choices=GiftKind, blank=True, default="")
    gift_value = models.DecimalField(
        _("gift value (CNY)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    gift_approved = models.BooleanField(_("gift approved"), default=False)
    goal = models.TextField(_("goal"), blank=True)
    hook = models.TextField(_("hook for next time"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    reason_met = models.TextField(_("why they agreed to meet"), blank=True)
    resources = models.JSONField(
        _("resources given"), default=list, blank=True, validators=[CodesValidator(list(ALL_RESOURCES))]
    )
    other_departments = models.JSONField(_("other departments met"), default=list, blank=True)
    control_points = models.JSONField(
        _("control points served"),
        default=list,
        blank=True,
        validators=[CodesValidator(list(CONTROL_POINTS))],
    )
    presales_days = models.DecimalField(
        _("presales days"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("365"))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[our_people, contacts])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["project", "date"]),
            # The desks count done visits by week, across all projects.
            models.Index(
                fields=["date"], condition=Q(kind="visit", done=True), name="activity_done_visit_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Ask(models.Model):
    """What we asked for in return (互惠): every step asks for something back."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="asks")
    contact = models.ForeignKey(
        Contact, verbose_name=_("of whom"), null=True, blank=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AskKind, default=AskKind.INFORMATION)
    text = models.TextField(_("ask"))
    # Reciprocity that came back (客户提供回报): the record the relationship ladder reads.
    granted = models.BooleanField(_("granted"), default=False, help_text=_("They did what we asked."))

    class Meta:
        verbose_name = _("ask")
        verbose_name_plural = _("asks")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text
