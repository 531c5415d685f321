"""Versions submitted before the plan was one shape (snapshot format 1, written by the first round) still
open, print and compare after migration 0008 rewrote them as the plan's plain data."""

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps

from projects.plans import snapshot
from projects.plans.models import PlanSubmission

from .conftest import client_for

FORMAT_1 = json.loads((Path(__file__).parent / "data" / "snapshot_format1.json").read_text(encoding="utf-8"))
migration = importlib.import_module("projects.migrations.0008_snapshots_as_plan_data")


def test_a_format_1_version_reads_as_the_plan_it_was():
    version = snapshot.read(migration.upgrade(FORMAT_1))
    plan = version.plan
    assert plan.name == FORMAT_1["project"]["name"] and plan.account.name == "国网东北分部"
    assert {m.name for m in plan.members} == {m["name"] for m in FORMAT_1["members"]}
    assert [c.name for c in plan.competitors] == ["友商A"]
    assert (
        plan.competitors[0].supporter_ids
        and plan.contact(plan.competitors[0].supporter_ids[0]).name == "赵副总"
    )
    assert [t.term for t in plan.terms] == ["交货期提前三个月"]
    # The warnings keep the words they were shown in at the time.
    assert [str(w.message) for w in version.warnings] == [w["message"] for w in FORMAT_1["warnings"]]
    assert migration.upgrade(migration.upgrade(FORMAT_1)) == migration.upgrade(FORMAT_1)


@pytest.mark.django_db
def test_the_migration_rewrites_stored_versions_and_their_pages_open(org):
    submission = PlanSubmission.objects.create(
        project=org.project, number=1, snapshot=FORMAT_1, submitted_by=org.rep
    )
    migration.forward(apps, None)
    submission.refresh_from_db()
    assert submission.snapshot["format"] == snapshot.FORMAT
    client = client_for(org.rep)
    page = client.get(f"/projects/{org.project.pk}/plan/v1/")
    assert page.status_code == 200 and "刘组长" in page.text and "友商A" in page.text
    assert FORMAT_1["warnings"][0]["message"] in page.text
    assert client.get(f"/projects/{org.project.pk}/plan.pdf?version=1").status_code == 200
    assert client.get(f"/projects/{org.project.pk}/plan/compare/?a=1&b=draft").status_code == 200
