"""The engine's warnings of each project, as rows the desks can count; and when each project was last
evaluated (a project with no warning has no row of the first kind)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.deals.models import ChainMember, Project
from salescamp.models import Team, User


class CurrentWarning(models.Model):
    """One warning of a project as the engine gave it when last evaluated. `data` is the warning as
    language-free data (projects.rules.Warning.as_data): it renders in the reader's language."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="current_warnings")
    # The project's owner and team when evaluated, so the desks filter and count without a join.
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    severity = models.CharField(max_length=10)
    severity_rank = models.PositiveSmallIntegerField()  # 0 = high: the engine's order, sortable in SQL
    position = models.PositiveIntegerField()  # the engine's order within the project
    subject_kind = models.CharField(max_length=10)
    subject_id = models.CharField(max_length=40)
    # The chain member a contact warning is about: its name, level and roles for the desks' lists.
    member = models.ForeignKey(ChainMember, null=True, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField()
    evaluated_on = models.DateField()

    class Meta:
        verbose_name = _("current warning")
        verbose_name_plural = _("current warnings")
        indexes = [
            models.Index(fields=["team", "code"]),
            models.Index(fields=["owner", "severity_rank"]),
            models.Index(fields=["project", "position"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.project_id}"


class WarningsEvaluation(models.Model):
    """When a project's warnings were last evaluated. A stale day (or none) is what the daily refresh
    redoes, so a run killed half-way is completed by the next; a thresholds change marks its team's
    projects stale the same way."""

    project = models.OneToOneField(
        Project, primary_key=True, on_delete=models.CASCADE, related_name="warnings_evaluation"
    )
    evaluated_on = models.DateField(null=True)  # None: to be evaluated again
    evaluated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("warnings evaluation")
        verbose_name_plural = _("warnings evaluations")
        indexes = [models.Index(fields=["evaluated_on"])]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.evaluated_on}"
