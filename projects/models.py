"""Projects (项目), the decision chain (决策链), pains (痛苦链), engagement, activities and control points."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Account, Contact
from salescamp.models import Team, User
from salescamp.revisions import Revisioned

from .course import ALL_RESOURCES, ALL_STATE_SIGNS, CONTROL_POINTS, INTERNAL_TARGETS

CONTACT_FROM_OTHER_ACCOUNT = _(
    "This contact belongs to another account; only %(account)s's people can be in this chain."
)
OWNER_NOT_IN_TEAM = _("The project owner must be a member of the project's team.")
UNKNOWN_CODES = _("Unknown value(s): %(codes)s.")


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead (线索)")
    OPPORTUNITY = "opportunity", _("Opportunity (商机)")
    TENDER = "tender", _("Tender (招投标)")
    NEGOTIATION = "negotiation", _("Negotiation (谈判)")
    SIGNED = "signed", _("Signed (签约)")
    DELIVERY = "delivery", _("Delivery (交付)")
    WON = "won", _("Won (赢单)")
    LOST = "lost", _("Lost (丢单)")


class CustomerState(models.TextChoices):
    """Project quality: the course's three customer states [lesson 12]."""

    UNKNOWN = "", _("Not judged yet")
    S1 = "S1", _("S1 locked elsewhere (竞争劣势)")
    S2 = "S2", _("S2 forming, we are early (有优势)")
    S3 = "S3", _("S3 not yet real (八字没一撇)")


class Strategy(models.TextChoices):
    UNDECIDED = "", _("Undecided")
    TOP_DOWN = "top_down", _("Top-down (自上而下)")
    BOTTOM_UP = "bottom_up", _("Bottom-up (自下而上)")


class Role(models.TextChoices):
    """Typed roles in the chain. 高层 (high-level) is not here: it is computed by the parity rule."""

    BRIDGE = "bridge", _("Bridge (桥梁)")
    COACH = "coach", _("Coach (教练)")
    KEY = "key", _("Key person (关键人)")
    GENERAL = "general", _("General (普遍)")


class Stance(models.TextChoices):
    SUPPORT = "support", _("Supports us (支持)")
    NEUTRAL = "neutral", _("Neutral (中立)")
    OPPOSE = "oppose", _("Opposes us (反对)")
    COMPETITOR = "competitor", _("Leans to a competitor (倾向友商)")


class Depth(models.IntegerChoices):
    """Relationship depth (关系深度) [last lesson]."""

    STRANGER = 1, _("Stranger (陌生)")
    ACQUAINTED = 2, _("Acquainted (认识)")
    FAMILIAR = 3, _("Familiar (熟悉)")
    CARES = 4, _("Cares (在乎)")
    BOUND = 5, _("Bound (绑定)")


class PainKind(models.TextChoices):
    RELIABILITY = "reliability", _("Reliability in use")
    INNOVATION = "innovation", _("Innovation, new projects, papers")
    COMMERCIAL = "commercial", _("Commercial terms")
    CAREER = "career", _("Career")
    RISK = "risk", _("Risk, a safe landing")
    EFFICIENCY = "efficiency", _("Efficiency and cost")
    OTHER = "other", _("Other")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit (拜访)")
    PHONE = "phone", _("Phone call (电话)")
    TECH_EXCHANGE = "tech_exchange", _("Technical exchange (技术交流)")
    BUSINESS_TALK = "business_talk", _("Business talk (商务洽谈)")
    SITE_VISIT = "site_visit", _("Site visit (考察)")
    EXEC_MEETING = "exec_meeting", _("Executive meeting (高层会晤)")
    BANQUET = "banquet", _("Formal banquet (宴请)")
    DINNER = "dinner", _("Private dinner (私人饭局)")
    LEISURE = "leisure", _("KTV, sports or outing (娱乐/运动/出游)")
    GIFT = "gift", _("Gift (礼品)")


PRIVATE_KINDS = {ActivityKind.DINNER, ActivityKind.LEISURE}


class Topic(models.TextChoices):
    PRODUCT_FEATURES = "product_features", _("Product features")
    ROI = "roi", _("ROI")
    LONG_TERM_VALUE = "long_term_value", _("Long-term value")
    PEER_COMPETITION = "peer_competition", _("Peer competition")
    SUCCESS_CASE = "success_case", _("Success case")
    PRIVATE = "private", _("Private topic")


class GiftKind(models.TextChoices):
    NONE = "", _("No gift")
    LOGO_SOUVENIR = "logo_souvenir", _("Logo souvenir")
    CONSUMABLE = "consumable", _("Consumables")
    LIQUOR = "liquor", _("Liquor")
    CIGARETTES = "cigarettes", _("Cigarettes")
    VALUABLES = "valuables", _("Valuables")
    OTHER = "other", _("Other")


class AskKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    INTRODUCTION = "introduction", _("An introduction")
    SMALL_FAVOUR = "small_favour", _("A small favour")
    COMMITMENT = "commitment", _("A commitment")
    INFLUENCE_DECISION = "influence_decision", _("Influence the decision")
    OTHER = "other", _("Other")


class ControlPointStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    HELD = "held", _("Held")


class InternalSaleStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ASKED = "asked", _("Asked")
    COMMITTED = "committed", _("Committed")
    DELIVERED = "delivered", _("Delivered")
    DECLINED = "declined", _("Declined")


@deconstructible
class CodesValidator:
    """A JSON list whose items must come from a fixed set of codes."""

    def __init__(self, allowed):
        self.allowed = sorted(allowed, key=str)

    def __call__(self, values):
        if not isinstance(values, list):
            raise ValidationError(_("Expected a list."))
        unknown = [str(value) for value in values if value not in self.allowed]
        if unknown:
            raise ValidationError(UNKNOWN_CODES % {"codes": ", ".join(unknown)})

    def __eq__(self, other):
        return isinstance(other, CodesValidator) and self.allowed == other.allowed


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProjectQuerySet":
        """The one rule for projects: the owner, the people it is shared with, and managers of its team."""
        if not user.is_authenticated:
            return self.none()
        # Sharing as a subquery rather than a join: no duplicate rows to remove, and each branch can use
        # its index.
        shared = Project.shared_with.through.objects.filter(user=user).values("project_id")
        return self.filter(Q(owner=user) | Q(pk__in=shared) | Q(team_id__in=user.managed_team_ids()))


class Project(Revisioned):
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
    version = models.PositiveIntegerField(default=1, editable=False)
    # `revision` (Revisioned): moved on by projects.revisions whenever anything the pages show changes.

    history = HistoricalRecords(
        excluded_fields=["updated_at", "created_at", "version", "revision"], m2m_fields=[shared_with]
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


class ChainMember(models.Model):
    """A contact in a project's decision chain, with the role we believe they play."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="chain_roles"
    )
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[CodesValidator(Role.values)])
    stance = models.CharField(_("stance"), max_length=12, choices=Stance, default=Stance.NEUTRAL)
    depth = models.PositiveSmallIntegerField(_("relationship depth"), choices=Depth, default=Depth.STRANGER)
    owner = models.ForeignKey(
        User,
        verbose_name=_("owner on our side"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chain_relationships",
        help_text=_("Who on our side holds this relationship; empty means the project owner."),
    )
    acquaintance = models.CharField(
        _("prior acquaintance"),
        max_length=200,
        blank=True,
        help_text=_("e.g. introduced by a friend, classmates in an executive course"),
    )
    added_on = models.DateField(_("added on"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("decision-chain member")
        verbose_name_plural = _("decision chain")
        constraints = [models.UniqueConstraint(fields=["project", "contact"], name="unique_chain_member")]

    def __str__(self) -> str:
        return f"{self.contact} @ {self.project}"

    def clean(self) -> None:
        if self.contact_id and self.project_id and self.contact.account_id != self.project.account_id:
            raise ValidationError(
                {"contact": CONTACT_FROM_OTHER_ACCOUNT % {"account": self.project.account.name}}
            )


class Pain(models.Model):
    """One link of the pain chain (痛苦链): what hurts this person, in their position."""

    member = models.ForeignKey(ChainMember, on_delete=models.CASCADE, related_name="pains")
    text = models.CharField(_("pain"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=PainKind, default=PainKind.OTHER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pain")
        verbose_name_plural = _("pains")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class Engagement(models.Model):
    """Our people taking part in the project (我方参与), leaders included."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="engagements")
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="engagements"
    )
    part = models.CharField(_("part they play"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("our engagement")
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="unique_engagement")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.project}"


class InternalSale(models.Model):
    """Internal selling (内部销售): a department or leader we draw in, and what they commit."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="internal_sales")
    target = models.CharField(_("department or leader"), max_length=24, choices=INTERNAL_TARGETS)
    person = models.ForeignKey(
        User, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL
    )
    commitment = models.CharField(_("what they commit"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=InternalSaleStatus, default=InternalSaleStatus.PLANNED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("internal sale")
        verbose_name_plural = _("internal selling")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_target_display()}: {self.commitment}"


class Activity(models.Model):
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
    goal = models.CharField(_("goal"), max_length=300, blank=True)
    hook = models.CharField(_("hook for next time"), max_length=300, blank=True)
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)
    reason_met = models.CharField(_("why they agreed to meet"), max_length=300, blank=True)
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

    history = HistoricalRecords(m2m_fields=[our_people, contacts])

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
    text = models.CharField(_("ask"), max_length=200)

    class Meta:
        verbose_name = _("ask")
        verbose_name_plural = _("asks")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class ControlPoint(models.Model):
    """One of the four control points (控制点) of a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="control_points")
    number = models.PositiveSmallIntegerField(_("control point"), choices=list(CONTROL_POINTS.items()))
    status = models.CharField(
        _("status"), max_length=12, choices=ControlPointStatus, default=ControlPointStatus.NOT_STARTED
    )
    actions = models.TextField(_("actions"), max_length=2000, blank=True, help_text=_("One action per line."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control point")
        verbose_name_plural = _("control points")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="unique_control_point")]

    def __str__(self) -> str:
        return f"CP{self.number}"

    def action_list(self) -> list[str]:
        return [line.strip() for line in self.actions.splitlines() if line.strip()]


class TeamThresholds(models.Model):
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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("warning thresholds")
        verbose_name_plural = _("warning thresholds")

    def __str__(self) -> str:
        return str(self.team)


# ---- The sales project plan's own sections (销售项目计划表) -------------------------------------------


class ResourceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    GIVEN = "given", _("Given")


class ResourcePlanItem(models.Model):
    """A resource we plan to give a key contact; what was already given comes from the activities."""

    member = models.ForeignKey(ChainMember, on_delete=models.CASCADE, related_name="resource_plan")
    resource = models.CharField(_("resource"), max_length=40, choices=list(ALL_RESOURCES.items()))
    status = models.CharField(
        _("status"), max_length=10, choices=ResourceStatus, default=ResourceStatus.PLANNED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned resource")
        verbose_name_plural = _("resource plan")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_resource_display()


class Competitor(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="competitors")
    name = models.CharField(_("competitor"), max_length=100)
    strengths = models.CharField(_("their strengths"), max_length=300, blank=True)
    our_edge = models.CharField(_("our edge"), max_length=300, blank=True)
    supporters = models.ManyToManyField(
        Contact,
        verbose_name=_("their supporters in the chain"),
        blank=True,
        related_name="favoured_competitors",
    )

    history = HistoricalRecords(m2m_fields=[supporters])

    class Meta:
        verbose_name = _("competitor")
        verbose_name_plural = _("competition")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class TenderItemKind(models.TextChoices):
    ADVANTAGE = "advantage", _("Advantage to put into the tender documents")
    CONTRACT_DEPARTMENT = "contract_department", _("Department that signs the contract")
    ACCEPTANCE_DEPARTMENT = "acceptance_department", _("Department that signs the acceptance")


class TenderItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGREED = "agreed", _("Agreed with the customer")
    DONE = "done", _("In the documents / prepared")


class TenderItem(models.Model):
    """The tender plan (招投标): advantages put lawfully on paper, and the departments to prepare."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tender_items")
    kind = models.CharField(
        _("kind"), max_length=24, choices=TenderItemKind, default=TenderItemKind.ADVANTAGE
    )
    text = models.CharField(_("what"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=TenderItemStatus, default=TenderItemStatus.PLANNED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tender plan item")
        verbose_name_plural = _("tender plan")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.text


class NegotiationTerm(models.Model):
    """One row of the negotiation exchange table (谈判交换): worth little to us, much to them."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="negotiation_terms")
    term = models.CharField(_("term"), max_length=200)
    cost_to_us = models.DecimalField(
        _("cost to us (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    value_to_them = models.DecimalField(
        _("value to them (CNY)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    offered = models.BooleanField(_("offered"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("negotiation term")
        verbose_name_plural = _("negotiation exchange table")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.term


# ---- Review (审阅) ---------------------------------------------------------------------------------


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


# ---- Visit information sheets (拜访信息表) ------------------------------------------------------------


class VisitStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class VisitSheet(models.Model):
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
    version = models.PositiveIntegerField(default=1, editable=False)
    # Generated when the blank sheet is shown: a second "create" with the same key opens the first sheet.
    client_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

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


class VisitTemplate(models.Model):
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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit sheet template")
        verbose_name_plural = _("visit sheet templates")
        constraints = [
            models.UniqueConstraint(fields=["team", "customer_type"], name="unique_visit_template")
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.customer_type or _('default')}"
