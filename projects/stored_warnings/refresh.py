"""Evaluate projects with the engine and store what it says, replacing what was stored before.

A refresh never costs the user their write: it runs in a savepoint, and a project whose evaluation fails
is logged with its id and keeps its previous rows (and stays due for the next run)."""

import logging
from collections.abc import Iterable
from datetime import date

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from projects.deals.loading import PROJECT_RELATIONS, load_plans
from projects.deals.models import Project
from projects.rules import SEVERITY_ORDER, Severity, evaluate
from projects.rules.data import PlanData
from projects.stored_warnings.models import CurrentWarning, WarningsEvaluation

logger = logging.getLogger(__name__)

BATCH = 100  # projects read and evaluated together: the loader's three queries serve them all


def refresh(project_ids: Iterable[int], today: date | None = None) -> list[int]:
    """Store the current warnings of these projects (ids of deleted projects are ignored). Returns the
    ids whose evaluation failed."""
    today = today or timezone.localdate()
    ids = sorted(set(project_ids))
    failed: list[int] = []
    for start in range(0, len(ids), BATCH):
        failed += _refresh_batch(ids[start : start + BATCH], today)
    return failed


def _refresh_batch(ids: list[int], today: date) -> list[int]:
    projects = list(Project.objects.filter(pk__in=ids).select_related(*PROJECT_RELATIONS).order_by("pk"))
    evaluated, failed = {}, []
    try:
        plans = load_plans(projects)
    except Exception:
        logger.exception("warnings: could not read projects %s", ids)
        return ids
    for project, plan in zip(projects, plans, strict=True):
        try:
            evaluated[project.pk] = _rows(project, plan, today)
        except Exception:
            logger.exception("warnings: the engine failed on project %s", project.pk)
            failed.append(project.pk)
    try:
        with transaction.atomic():  # a savepoint: the user's own write is kept whatever happens here
            CurrentWarning.objects.filter(project_id__in=evaluated).delete()
            CurrentWarning.objects.bulk_create(row for rows in evaluated.values() for row in rows)
            now = timezone.now()
            WarningsEvaluation.objects.bulk_create(
                [WarningsEvaluation(project_id=pk, evaluated_on=today, evaluated_at=now) for pk in evaluated],
                update_conflicts=True,
                unique_fields=["project"],
                update_fields=["evaluated_on", "evaluated_at"],
            )
    except DatabaseError:
        logger.exception("warnings: could not store the warnings of projects %s", sorted(evaluated))
        return ids
    return failed


def _rows(project: Project, plan: PlanData, today: date) -> list[CurrentWarning]:
    member_of = {member.contact_id: member.id for member in plan.members}
    return [
        CurrentWarning(
            project=project,
            owner_id=project.owner_id,
            team_id=project.team_id,
            code=warning.code,
            severity=str(warning.severity),
            severity_rank=SEVERITY_ORDER[Severity(warning.severity)],
            position=position,
            subject_kind=str(warning.subject.kind),
            subject_id=str(warning.subject.id),
            member_id=member_of.get(warning.subject.id) if warning.subject.kind == "contact" else None,
            data=warning.as_data(),
            evaluated_on=today,
        )
        for position, warning in enumerate(evaluate(plan, today))
    ]


def mark_stale(projects: Q) -> int:
    """Have the next refresh redo these projects (a team's thresholds changed); returns how many."""
    return WarningsEvaluation.objects.filter(project__in=Project.objects.filter(projects)).update(
        evaluated_on=None
    )


def refresh_due(today: date | None = None, *, within: Q | None = None) -> tuple[int, list[int]]:
    """Evaluate every project not yet evaluated today (or never, or marked stale), a batch at a time, each
    batch in its own transaction with its projects locked: two runs at once share the work, and a run
    killed half-way leaves the rest due for the next. Returns (projects evaluated, ids that failed)."""
    today = today or timezone.localdate()
    due = Q(warnings_evaluation__isnull=True) | Q(warnings_evaluation__evaluated_on__isnull=True)
    due |= Q(warnings_evaluation__evaluated_on__lt=today)
    if within is not None:
        due &= within
    done, failed = 0, []
    while True:
        with transaction.atomic():
            batch = list(
                Project.objects.filter(due)
                .exclude(pk__in=failed)
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")
                .values_list("pk", flat=True)[:BATCH]
            )
            if not batch:
                return done, failed
            batch_failed = _refresh_batch(batch, today)
        failed += batch_failed
        done += len(batch) - len(batch_failed)
