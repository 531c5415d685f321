"""The decision chain (决策链): the people of the account in this deal, their pains (痛苦链) and the resources
we plan to give them (资源计划)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Contact
from projects.deals.models.choices import CodesValidator, Depth, PainKind, ResourceStatus, Role, Stance
from projects.deals.models.project import Project
from projects.rules.course import ALL_RESOURCES
from salescamp.editing import Versioned
from salescamp.models import User

CONTACT_FROM_OTHER_ACCOUNT = _(
    "This contact belongs to another account; only %(account)s's people can be in this chain."
)
HOLDER_WITHOUT_ACQUAINTANCE = _(
    "Say how they know each other: classmates, former colleagues, a friend's introduction."
)


class ChainMember(Versioned):
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
        help_text=_(
            "How one of ours knew them before, e.g. classmates, former colleagues, a friend's introduction"
        ),
    )
    # Prior acquaintance belongs to a person (旧识): it excuses a private activity only when they attend.
    acquaintance_holder = models.ForeignKey(
        User,
        verbose_name=_("who of ours knows them"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acquaintances",
        help_text=_("Empty means the owner on our side."),
    )
    added_on = models.DateField(_("added on"), default=timezone.localdate)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("decision-chain member")
        verbose_name_plural = _("decision chain")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "contact"],
                name="unique_chain_member",
                violation_error_message=_("This contact is already in the decision chain."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} @ {self.project}"

    def clean(self) -> None:
        if self.contact_id and self.project_id and self.contact.account_id != self.project.account_id:
            raise ValidationError(
                {"contact": CONTACT_FROM_OTHER_ACCOUNT % {"account": self.project.account.name}}
            )
        if self.acquaintance_holder_id and not self.acquaintance.strip():
            raise ValidationError({"acquaintance": HOLDER_WITHOUT_ACQUAINTANCE})


class Pain(Versioned):
    """One link of the pain chain (痛苦链): what hurts this person, in their position."""

    member = models.ForeignKey(ChainMember, on_delete=models.CASCADE, related_name="pains")
    text = models.TextField(_("pain"))
    kind = models.CharField(_("kind"), max_length=12, choices=PainKind, default=PainKind.OTHER)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("pain")
        verbose_name_plural = _("pains")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class ResourcePlanItem(Versioned):
    """A resource we plan to give a key contact; what was already given comes from the activities."""

    member = models.ForeignKey(ChainMember, on_delete=models.CASCADE, related_name="resource_plan")
    resource = models.CharField(_("resource"), max_length=40, choices=list(ALL_RESOURCES.items()))
    status = models.CharField(
        _("status"), max_length=10, choices=ResourceStatus, default=ResourceStatus.PLANNED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("planned resource")
        verbose_name_plural = _("resource plan")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_resource_display()


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class RelationshipRequest(models.Model):
    """A leader of ours asked to take a relationship a rep cannot hold at parity (狐假虎威): accepted, the
    leader becomes the relationship's owner on our side; declined, with a reason the rep reads."""

    member = models.ForeignKey(ChainMember, on_delete=models.CASCADE, related_name="requests")
    leader = models.ForeignKey(
        User, verbose_name=_("leader asked"), on_delete=models.CASCADE, related_name="relationship_requests"
    )
    asked_by = models.ForeignKey(
        User, verbose_name=_("asked by"), on_delete=models.CASCADE, related_name="relationships_asked"
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus, default=RequestStatus.PENDING
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("relationship request")
        verbose_name_plural = _("relationship requests")
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="pending"),
                name="one_open_request_per_relationship",
                violation_error_message=_("A leader has already been asked to take this relationship."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.leader} ← {self.member}"
