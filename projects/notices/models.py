"""Notices, their deliveries, each person's choices and each team's group robots."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.deals.models import Project
from salescamp.models import Team, User


class NoticeKind(models.TextChoices):
    PLAN_SUBMITTED = "plan_submitted", _("A plan awaits your review")
    PLAN_RETURNED = "plan_returned", _("A plan was returned")
    PLAN_APPROVED = "plan_approved", _("A plan was approved")
    PLAN_COMMENTED = "plan_commented", _("A comment on a plan")
    RELATIONSHIP_ASKED = "relationship_asked", _("You are asked to take a relationship")
    RELATIONSHIP_ANSWERED = "relationship_reply", _("A leader answered your request")
    TASK_DUE = "task_due", _("A task is due today")
    TASK_OVERDUE = "task_overdue", _("A task is overdue")
    TASK_ESCALATED = "task_escalated", _("A task of your team is long overdue")
    CONTACT_STALE = "contact_stale", _("A key contact has gone quiet")
    DRAFT_WAITING = "draft_waiting", _("A visit sheet is still a draft")
    DIGEST = "digest", _("Your morning summary")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    ROBOT = "robot", _("Team group robot")


class Notice(models.Model):
    """One event for one person. `message` is language-free (projects.rules.base.Text as data), read in the
    reader's language. `key` names the event, so recording it twice (two scheduler runs) records it once."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind)
    message = models.JSONField()
    link = models.CharField(max_length=300)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_event")]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    GIVEN_UP = "given_up", _("Failed, given up")


class Delivery(models.Model):
    """A notice on its way through one channel to one target (an address, a robot). Claimed by one worker
    at a time (`claim`), so it goes out at most once however many workers run."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel)
    robot = models.ForeignKey("TeamRobot", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField()  # not before (quiet hours, a retry's back-off)
    claimed_at = models.DateTimeField(null=True, blank=True)  # when a worker took it to send
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notice", "channel", "robot"], name="one_delivery_per_channel"),
            models.UniqueConstraint(
                fields=["notice", "channel"], condition=models.Q(robot=None), name="one_email_per_notice"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.notice} · {self.channel} · {self.status}"


class NoticePreference(models.Model):
    """Which events reach a person outside the app, by which channel, and when not to disturb them."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notice_preference")
    channels = models.JSONField(default=dict, blank=True)  # kind → ["email", "robot"]
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet until"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


class RobotKind(models.TextChoices):
    WECOM = "wecom", _("企业微信 group robot")
    DINGTALK = "dingtalk", _("钉钉 group robot")
    FEISHU = "feishu", _("飞书 group robot")


class TeamRobot(models.Model):
    """A team's group chat robot (群机器人). Its address and secret are write-only: no page, log line or
    export shows them again once saved."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="robots")
    kind = models.CharField(_("kind"), max_length=10, choices=RobotKind)
    name = models.CharField(_("name"), max_length=60, help_text=_("The group, e.g. 电网一组 销售群."))
    url = models.URLField(_("webhook address"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")

    def __str__(self) -> str:
        return f"{self.team} · {self.name}"
