"""Customer accounts (客户) and the people in them (联系人)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from salescamp.editing import Versioned
from salescamp.models import Team

REPORTS_TO_OTHER_ACCOUNT = _("A contact can only report to someone at the same account.")
REPORTS_TO_SELF = _("A contact cannot report to themselves.")
REPORTS_TO_CYCLE = _(
    "%(name)s already reports (directly or indirectly) to this contact: that would make a loop."
)

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-()]{5,24}$",
    _("Enter a phone number: digits, spaces, dashes and an optional leading +."),
)


class Level(models.IntegerChoices):
    """A contact's level (层级) in the customer org; the parity rule compares it with our rank."""

    STAFF = 1, _("Staff (基层)")
    MIDDLE = 2, _("Middle (中层)")
    EXECUTIVE = 3, _("Executive (高层)")
    TOP = 4, _("Top decision (决策层)")


class Function(models.TextChoices):
    """The line (条线) a contact works in."""

    TECHNICAL = "technical", _("Technical (技术)")
    PROCUREMENT = "procurement", _("Procurement (采购)")
    USER = "user", _("User department (需求/使用)")
    FINANCE = "finance", _("Finance (财务)")
    PLANNING = "planning", _("Planning (计划)")
    MANAGEMENT = "management", _("General management (综合/领导)")


class ProcurementGroup(models.TextChoices):
    NONE = "", _("Not in the procurement groups")
    EXECUTING = "executing", _("Executing team (招采执行小组)")
    LEADERSHIP = "leadership", _("Leadership team (招采领导小组)")


class Personality(models.TextChoices):
    """The course's four personalities (性格): peacocks, then tigers, grow into coaches."""

    UNKNOWN = "unknown", _("Unknown")
    PEACOCK = "peacock", _("Peacock (孔雀)")
    TIGER = "tiger", _("Tiger (老虎)")
    OWL = "owl", _("Owl (猫头鹰)")
    KOALA = "koala", _("Koala (考拉)")


class AccountQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AccountQuerySet":
        """The one rule for accounts: the owning team and the leaders above it (管理链)."""
        return self.filter(team_id__in=user.visible_team_ids())


class Account(Versioned):
    name = models.CharField(_("name"), max_length=100)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    region = models.CharField(_("region"), max_length=60, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("owning team"), on_delete=models.PROTECT, related_name="accounts"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "created_at", "version"])
    objects = AccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["name"]
        indexes = [models.Index(fields=["team", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An account cannot belong to itself.")})
            ancestor = ancestor.parent


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ContactQuerySet":
        return self.filter(account__team_id__in=user.visible_team_ids())


class Contact(Versioned):
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title"), max_length=80, blank=True)
    department = models.CharField(
        _("department"), max_length=80, blank=True
    )  # 部门, as the customer names it
    level = models.PositiveSmallIntegerField(_("level"), choices=Level, default=Level.STAFF)
    function = models.CharField(_("function"), max_length=20, choices=Function, default=Function.TECHNICAL)
    procurement_group = models.CharField(
        _("procurement group"),
        max_length=20,
        choices=ProcurementGroup,
        default=ProcurementGroup.NONE,
        blank=True,
    )
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    personality = models.CharField(
        _("personality"), max_length=10, choices=Personality, default=Personality.UNKNOWN
    )
    phone = models.CharField(_("phone"), max_length=25, blank=True, validators=[phone_validator])
    wechat = models.CharField(_("WeChat"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "created_at", "version"])
    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-level", "name"]
        indexes = [models.Index(fields=["account", "name"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name

    def clean(self) -> None:
        if self.reports_to_id is None:
            return
        if self.pk is not None and self.reports_to_id == self.pk:
            raise ValidationError({"reports_to": REPORTS_TO_SELF})
        boss = self.reports_to
        if boss.account_id != self.account_id:
            raise ValidationError({"reports_to": REPORTS_TO_OTHER_ACCOUNT})
        if self.pk is None:
            return  # nobody reports to a contact not saved yet: no loop is possible
        # The account's whole reporting map in one query, walked in memory: linear in the account's size.
        boss_of = dict(Contact.objects.filter(account_id=self.account_id).values_list("id", "reports_to_id"))
        boss_of[self.pk] = self.reports_to_id
        if any(self.pk in loop for loop in reporting_loops(boss_of)):
            raise ValidationError({"reports_to": REPORTS_TO_CYCLE % {"name": self.reports_to.name}})


def reporting_loops(boss_of: dict) -> list[list]:
    """Every loop in a reporting map (person → boss, None at the top), each as the people in it in the
    order the line runs. Each person is walked once: linear however long the lines are."""
    loops, finished = [], set()
    for start in boss_of:
        walk: dict = {}  # person → position in this walk
        person = start
        while person is not None and person not in finished and person not in walk:
            walk[person] = len(walk)
            person = boss_of.get(person)
        finished.update(walk)
        if person is not None and person in walk:
            loops.append(list(walk)[walk[person] :])
    return loops


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Previewed")
    APPLIED = "applied", _("Imported")


class ImportBatch(models.Model):
    """A customer list uploaded for import (客户导入): its rows as read, how its columns map to our fields,
    and, once applied, what it did. Kept in the database so any web process can show and apply it."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=200)
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list)  # [[row number in the file, [cells as text]], ...]
    mapping = models.JSONField(default=dict)  # column index (as text) → field key
    status = models.CharField(max_length=10, choices=ImportStatus, default=ImportStatus.PREVIEW)
    summary = models.JSONField(default=dict)  # what the import did, once applied
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("customer import")
        verbose_name_plural = _("customer imports")

    def __str__(self) -> str:
        return f"{self.file_name} · {self.created_at:%Y-%m-%d}"
