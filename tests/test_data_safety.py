"""Backup and restore: every demo project survives export_plan → import_plan exactly."""

import pytest

from projects.deals.models import Project
from projects.demo import load_demo
from projects.plans.plan_format import export_project, import_plan


@pytest.mark.django_db
def test_every_demo_project_round_trips_exactly():
    load_demo()
    projects = list(Project.objects.select_related("team", "owner").order_by("pk"))
    assert len(projects) >= 3
    for project in projects:
        exported = export_project(project)
        restored = import_plan(exported, team=project.team).project
        assert restored.pk != project.pk
        assert export_project(restored) == exported, project.name
