"""Reading the stored warnings of many projects: counted, filtered and ordered by the database, each row
turned back into the engine's Warning only for the few a page lists."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, QuerySet
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.deals.models import ChainMember, Project
from projects.rules import CATALOGUE, Severity, Warning
from projects.stored_warnings.models import CurrentWarning

SEVERITY_LABELS = {Severity.HIGH: _("High"), Severity.MEDIUM: _("Medium"), Severity.LOW: _("Low")}


@dataclass(frozen=True)
class StoredWarning:
    """A warning of one project as last evaluated, with what its message is about."""

    project: Project
    warning: Warning
    member: ChainMember | None  # the chain member a contact warning is about (contact, owner joined)
    evaluated_on: date

    @property
    def severity_label(self) -> Any:
        return SEVERITY_LABELS[Severity(self.warning.severity)]

    @property
    def title(self) -> Any:
        """The catalogue's words for the warning."""
        return CATALOGUE[self.warning.code][1]

    @property
    def url(self) -> str:
        """One click from the warning to its subject on the project page."""
        subject = self.warning.subject
        prefix = {"contact": "member", "activity": "activity"}.get(str(subject.kind), "section")
        return f"{reverse('project_detail', args=[self.project.pk])}#{prefix}-{subject.id}"


def of_projects(projects: QuerySet) -> QuerySet:
    """The stored warnings of these projects (a queryset of Project, filtered as the page needs)."""
    return CurrentWarning.objects.filter(project__in=projects.values("pk"))


def of_project_ids(ids: list[int]) -> QuerySet:
    """The stored warnings of the projects a page has already read."""
    return CurrentWarning.objects.filter(project_id__in=ids)


def severity_counts(rows: QuerySet) -> dict[str, int]:
    return {row["severity"]: row["n"] for row in rows.order_by().values("severity").annotate(n=Count("pk"))}


def code_owner_counts(rows: QuerySet) -> Counter:
    """How many warnings of each code each owner's projects have: the rep × warning matrix."""
    cells = rows.order_by().values("code", "owner_id").annotate(n=Count("pk"))
    return Counter({(cell["code"], cell["owner_id"]): cell["n"] for cell in cells})


def by_severity(rows: QuerySet) -> QuerySet:
    """Most severe first, then by code, project and the engine's order within the project."""
    return rows.order_by("severity_rank", "code", "project__name", "project_id", "position")


def longest_quiet(rows: QuerySet) -> QuerySet:
    """STALE_KEY_CONTACT rows, the contact quiet longest first (the days its message names)."""
    days = KeyTextTransform("days", KeyTransform("params", KeyTransform("message", "data")))
    return rows.filter(code="STALE_KEY_CONTACT").order_by(
        Cast(days, IntegerField()).desc(), "member__contact__name", "pk"
    )


def most_senior(rows: QuerySet, code: str) -> QuerySet:
    """Rows of a contact warning, the most senior contact first."""
    return rows.filter(code=code).order_by(
        "-member__contact__level", "member__contact__name", "project__name", "pk"
    )


def listed(rows: QuerySet, limit: int) -> list[StoredWarning]:
    """At most `limit` rows as warnings to show, with their project and chain member, in one query."""
    chosen = rows.select_related(
        "project", "project__account", "project__owner", "member", "member__contact", "member__owner"
    )[:limit]
    return [
        StoredWarning(row.project, Warning.from_data(row.data), row.member, row.evaluated_on)
        for row in chosen
    ]
