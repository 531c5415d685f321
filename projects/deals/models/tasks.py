"""Tasks (待办): the next steps a visit leaves, or a rep writes by hand. Beside the deal, not in it: a task is
something one of ours must do, and becomes an activity with the customer only when someone plans it so."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Contact
from projects.deals.models.activities import Activity
from projects.deals.models.project import Project
from salescamp.editing import Versioned
from salescamp.models import User


class Task(Versioned):
    """A next step (待办): something one of ours must do, perhaps about one contact, by a date. It is not an
    activity with the customer: it becomes one only when someone chooses so (`activity`)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(_("what to do"), max_length=300)
    owner = models.ForeignKey(
        User, verbose_name=_("who of ours"), on_delete=models.PROTECT, related_name="tasks"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("about which contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    due = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    visit = models.ForeignKey(
        "projects.VisitSheet",
        verbose_name=_("from the visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("planned as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_task",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done", models.F("due").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["owner", "done", "due"]), models.Index(fields=["project", "done"])]

    def __str__(self) -> str:
        return self.text

    def is_overdue(self, today) -> bool:
        # A date in the past is accepted (a rep may log yesterday's promise late) and shown as overdue.
        return not self.done and self.due is not None and self.due < today
