"""A project (项目): the deal itself, our people on it, its control points and the team's thresholds."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Account
from projects.deals.models.choices import (
    CodesValidator,
    ControlPointStatus,
    CustomerState,
    InternalSaleStatus,
    Stage,
    Strategy,
)
from projects.rules.course import ALL_STATE_SIGNS, CONTROL_POINTS, INTERNAL_TARGETS
from salescamp.editing import Versioned
from salescamp.models import Team, User

OWNER_NOT_IN_TEAM = _("The project owner must be a member of the project's team.")


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProjectQuerySet":
        """The one rule for projects: the owner, the people it is shared with, and managers of its team."""
        if not user.is_authenticated:
            return self.none()
        # Sharing as a subquery rather than a join: no duplicate rows to remove, and each branch can use
        # its index.
        shared = Project.shared_with.through.objects.filter(user=user).values("project_id")
        return self.filter(Q(owner=user) | Q(pk__in=shared) | Q(team_id__in=user.managed_team_ids()))


class Project(Versioned):
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        User, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_projects"
    )
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="projects")
    shared_with = models.ManyToManyField(
        User, verbose_name=_("shared with"), blank=True, related_name="shared_projects"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.LEAD)
    outcome_reason = models.TextField(_("why won or lost"), max_length=1000, blank=True)
    amount = models.DecimalField(
        _("amount (CNY)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    expected_close = models.DateField(_("expected close"), null=True, blank=True)
    our_price = models.DecimalField(
        _("our offer (CNY)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    their_price = models.DecimalField(
        _("their target price (CNY)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    state = models.CharField(_("customer state"), max_length=2, choices=CustomerState, blank=True, default="")
    state_signs = models.JSONField(
        _("signs observed"), default=list, blank=True, validators=[CodesValidator(list(ALL_STATE_SIGNS))]
    )
    strategy = models.CharField(_("strategy"), max_length=10, choices=Strategy, blank=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "created_at", "version"], m2m_fields=[shared_with]
    )
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "stage"]), models.Index(fields=["team", "stage"])]

    def __str__(self) -> str:
        return self.name

    def is_visible_to(self, user) -> bool:
        """ProjectQuerySet.visible_to for one project already read (a query only to look for a share)."""
        if not user.is_authenticated:
            return False
        if self.owner_id == user.pk or self.team_id in user.managed_team_ids():
            return True
        return Project.shared_with.through.objects.filter(project_id=self.pk, user_id=user.pk).exists()

    def clean(self) -> None:
        errors = {}
        if self.stage in (Stage.WON, Stage.LOST) and not self.outcome_reason.strip():
            errors["outcome_reason"] = _("Say why the project was won or lost: the team learns from it.")
        if (
            self.owner_id
            and self.team_id
            and not self.team.memberships.filter(user_id=self.owner_id).exists()
        ):
            errors["owner"] = OWNER_NOT_IN_TEAM
        if self.account_id and self.owner_id and self.account.team_id not in self.owner.visible_team_ids():
            errors["account"] = _("The owner cannot see this account: it belongs to another team.")
        if errors:
            raise ValidationError(errors)


class Engagement(Versioned):
    """Our people taking part in the project (我方参与), leaders included."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="engagements")
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="engagements"
    )
    part = models.CharField(_("part they play"), max_length=100, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("our engagement")
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="unique_engagement")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.project}"


class InternalSale(Versioned):
    """Internal selling (内部销售): a department or leader we draw in, and what they commit."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="internal_sales")
    target = models.CharField(_("department or leader"), max_length=24, choices=INTERNAL_TARGETS)
    person = models.ForeignKey(
        User, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL
    )
    commitment = models.TextField(_("what they commit"))
    status = models.CharField(
        _("status"), max_length=10, choices=InternalSaleStatus, default=InternalSaleStatus.PLANNED
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("internal sale")
        verbose_name_plural = _("internal selling")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_target_display()}: {self.commitment}"


class ControlPoint(Versioned):
    """One of the four control points (控制点) of a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="control_points")
    number = models.PositiveSmallIntegerField(_("control point"), choices=list(CONTROL_POINTS.items()))
    status = models.CharField(
        _("status"), max_length=12, choices=ControlPointStatus, default=ControlPointStatus.NOT_STARTED
    )
    actions = models.TextField(_("actions"), max_length=2000, blank=True, help_text=_("One action per line."))

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("control point")
        verbose_name_plural = _("control points")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="unique_control_point")]

    def __str__(self) -> str:
        return f"CP{self.number}"

    def action_list(self) -> list[str]:
        return [line.strip() for line in self.actions.splitlines() if line.strip()]


class TeamThresholds(Versioned):
    """A team's tuning of the warning thresholds; absent, the catalogue's defaults apply."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="thresholds")
    parity_gap = models.PositiveSmallIntegerField(
        _("parity gap (levels)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    high_level = models.PositiveSmallIntegerField(
        _("executive from level"), default=3, validators=[MinValueValidator(2), MaxValueValidator(4)]
    )
    small_gift_limit = models.DecimalField(
        _("small-gift limit (CNY)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("200"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    compliance_gift_limit = models.DecimalField(
        _("compliance gift limit (CNY)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("500"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    min_chain_contacts = models.PositiveSmallIntegerField(
        _("minimum contacts in the chain"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    single_thread_days = models.PositiveSmallIntegerField(
        _("single-threaded window (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    stale_days = models.PositiveSmallIntegerField(
        _("key contact stale after (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    reciprocity_gives = models.PositiveSmallIntegerField(
        _("gives before an ask is due"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    s3_presales_days = models.DecimalField(
        _("S3 presales days limit"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("5"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    s3_leader_visits = models.PositiveSmallIntegerField(
        _("S3 leader visits limit"), default=1, validators=[MaxValueValidator(50)]
    )
    wolf_cry_limit = models.PositiveSmallIntegerField(
        _("leader visits to staff-only meetings limit"), default=2, validators=[MaxValueValidator(50)]
    )
    wolf_cry_days = models.PositiveSmallIntegerField(
        _("leader visits window (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    # The relationship ladder read from the record (projects.rules.evidence).
    familiar_meetings = models.PositiveSmallIntegerField(
        _("meetings before the record shows 熟悉"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    cares_returns = models.PositiveSmallIntegerField(
        _("asks granted before the record shows 在乎"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    bound_returns = models.PositiveSmallIntegerField(
        _("asks granted before the record shows 绑定"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    depth_leeway = models.PositiveSmallIntegerField(
        _("steps a rating may run ahead of the record"), default=0, validators=[MaxValueValidator(4)]
    )
    # Not a warning of the engine (projects.rules reads none of it): when the reminders (projects.reminders)
    # tell the team's leader about a task still open after its date.
    escalate_after_days = models.PositiveSmallIntegerField(
        _("tell the leader when a task is overdue by (days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Whoever does a task is told when it falls due and when it is overdue; this many days overdue, "
            "the team's leader is told too."
        ),
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("warning thresholds")
        verbose_name_plural = _("warning thresholds")

    def __str__(self) -> str:
        return str(self.team)
