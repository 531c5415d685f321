"""Version 2 of the plan format (a prior acquaintance belongs to a person; asks granted; the people linked to
tender items; the relationship ladder's thresholds), version 1 documents still read and imported, and
check_plan's --explain and --format json."""

import copy
import json
from pathlib import Path

import pytest
from django.utils import translation

from projects.deals.loading import load_plan
from projects.deals.models import ChainMember, Project
from projects.plans.plan_format import PlanFormatError, export_project, import_plan, parse_plan, to_plan_data
from projects.rules import evaluate

from .factories import UserFactory
from .test_plan_format import NO_DATABASE, TODAY, run_manage

DATA = Path(__file__).resolve().parent / "data"


def document(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def example_people(org):
    """The example's people as users of org's team."""
    lead = UserFactory(username="wangzuzhang", display_name="王组长", rank=2)
    org.team.memberships.create(user=lead)
    rep = UserFactory(username="xiaozhang", display_name="小张", rank=1)
    org.team.memberships.create(user=rep)
    return rep, lead


def errors_of(doc: dict) -> list[str]:
    with pytest.raises(PlanFormatError) as raised:
        parse_plan(doc)
    return [f"{issue.path}: {issue.message}" for issue in raised.value.errors]


# --- version 2 -------------------------------------------------------------------------------------------


def test_the_example_names_who_of_ours_knew_the_bridge_before():
    parsed = parse_plan(document("plan_example.json"))
    bridge = next(member for member in parsed.chain if member.contact == "liu")
    assert (bridge.acquaintance, bridge.acquaintance_holder) == ("同乡", "xiaozhang")
    plan = to_plan_data(parsed, today=TODAY)
    member = next(m for m in plan.members if m.name == "刘组长")
    assert member.acquaintance_holder.username == "xiaozhang"
    assert plan.activities[-1].asks[0].granted is True
    acceptance = next(item for item in plan.tender if item.kind == "acceptance_department")
    assert [plan.contact(cid).name for cid in acceptance.contact_ids] == ["孙工"]
    assert plan.thresholds.familiar_meetings == 3


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda doc: doc["chain"][1].update(acquaintance="同乡"),
            "$.chain[1].acquaintance: expected an object",
        ),
        (
            lambda doc: doc["chain"][1].update(acquaintance={"holder": "xiaozhang", "how": " "}),
            "$.chain[1].acquaintance.how: say how they know each other",
        ),
        (
            lambda doc: doc["chain"][1].update(acquaintance={"holder": "ghost", "how": "同学"}),
            '$.chain[1].acquaintance.holder: no person with username "ghost" in $.people',
        ),
        (
            lambda doc: doc["chain"][1].update(acquaintance={"who": "xiaozhang", "how": "同学"}),
            '$.chain[1].acquaintance.who: unknown key "who"',
        ),
        (
            lambda doc: doc["tender"][0].update(contacts=["ghost"]),
            '$.tender[0].contacts[0]: no contact with key "ghost" in $.contacts',
        ),
        (
            lambda doc: doc["activities"][0]["asks"][0].update(granted="yes"),
            "$.activities[0].asks[0].granted: expected true or false",
        ),
        (lambda doc: doc["thresholds"].update(depth_leeway=9), "$.thresholds.depth_leeway: "),
    ],
)
def test_version_2_values_are_checked_with_their_path(change, expected):
    doc = document("plan_example.json")
    change(doc)
    assert any(line.startswith(expected) for line in errors_of(doc)), errors_of(doc)


@pytest.mark.django_db
def test_the_new_fields_survive_an_import_and_an_export(org, example_people):
    rep, _lead = example_people
    project = import_plan(document("plan_example.json"), team=org.team).project
    bridge = ChainMember.objects.get(project=project, contact__name="刘组长")
    assert (bridge.acquaintance, bridge.acquaintance_holder) == ("同乡", rep)
    assert project.activities.get(kind="visit").asks.get().granted is True
    assert list(
        project.tender_items.get(kind="acceptance_department").contacts.values_list("name", flat=True)
    ) == ["孙工"]
    again = export_project(Project.objects.select_related("account", "owner", "team").get(pk=project.pk))
    assert _named(again) == _named(document("plan_example.json"))


def _named(doc: dict) -> tuple:
    """What the new fields say, with contacts by name (the export numbers its own keys)."""
    name = {contact["key"]: contact["name"] for contact in doc["contacts"]}
    return (
        [(name[m["contact"]], m["acquaintance"]) for m in doc["chain"]],
        [(a["date"], [(ask["text"], ask["granted"]) for ask in a["asks"]]) for a in doc["activities"]],
        [(item["text"], [name[key] for key in item["contacts"]]) for item in doc["tender"]],
    )


# --- version 1 still reads -------------------------------------------------------------------------------


def test_a_version_1_document_reads_its_acquaintance_as_the_relationship_owners():
    parsed = parse_plan(document("plan_example_v1.json"))
    assert parsed.version == 1
    bridge = next(member for member in parsed.chain if member.contact == "liu")
    assert (bridge.acquaintance, bridge.acquaintance_holder) == ("同乡", None)
    # Same warnings as the version 2 document saying the same thing with the holder left to the owner.
    v2 = document("plan_example.json")
    v2["chain"][1]["acquaintance"] = {"holder": None, "how": "同乡"}
    for item in v2["tender"]:
        item["contacts"] = []
    v2["activities"][0]["asks"][0]["granted"] = False

    def codes(doc):
        return [
            (w.code, str(w.subject.label))
            for w in evaluate(to_plan_data(parse_plan(doc), today=TODAY), TODAY)
        ]

    assert codes(document("plan_example_v1.json")) == codes(v2)


def test_a_version_1_document_refuses_the_version_2_acquaintance():
    doc = document("plan_example_v1.json")
    doc["chain"][1]["acquaintance"] = {"holder": None, "how": "同乡"}
    assert "$.chain[1].acquaintance: expected a string" in errors_of(doc)


@pytest.mark.django_db
def test_a_version_1_document_still_imports_and_exports_as_version_2(org, example_people):
    project = import_plan(document("plan_example_v1.json"), team=org.team).project
    bridge = ChainMember.objects.get(project=project, contact__name="刘组长")
    assert (bridge.acquaintance, bridge.acquaintance_holder) == ("同乡", None)
    exported = export_project(Project.objects.select_related("account", "owner", "team").get(pk=project.pk))
    assert exported["version"] == 2
    assert [m["acquaintance"] for m in exported["chain"]] == [None, {"holder": None, "how": "同乡"}, None]
    assert load_plan(project).members[1].acquaintance == "同乡"


def test_a_version_from_the_future_is_refused():
    doc = copy.deepcopy(document("plan_example.json"))
    doc["version"] = 3
    assert errors_of(doc) == ["$.version: unsupported version 3: this app reads versions 1, 2"]


# --- check_plan --explain and --format json -------------------------------------------------------------


def test_check_plan_explains_each_warning_with_its_reason_next_step_and_lesson():
    result = run_manage(
        "check_plan", str(DATA / "plan_example.json"), "--today", "2026-04-01", "--explain", **NO_DATABASE
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    headed = [index for index, line in enumerate(lines) if not line.startswith("    ")]
    assert headed and all(len(lines[index].split("\t")) == 3 for index in headed)
    for index in headed:
        assert [line.split(":")[0].strip() for line in lines[index + 1 : index + 4]] == [
            "为什么",
            "下一步",
            "出自",
        ]
    assert len(lines) == 4 * len(headed)


def test_check_plan_writes_json_for_other_tools():
    result = run_manage(
        "check_plan",
        str(DATA / "plan_example.json"),
        "--today",
        "2026-04-01",
        "--format",
        "json",
        **NO_DATABASE,
    )
    assert result.returncode == 0, result.stderr
    document_ = json.loads(result.stdout)
    assert document_["today"] == "2026-04-01"
    assert document_["warnings"]
    for warning in document_["warnings"]:
        assert set(warning) == {"code", "severity", "subject", "message", "reason", "next_step", "lesson"}
        assert set(warning["subject"]) == {"kind", "id", "label"}
        assert warning["severity"] in {"high", "medium", "low"}
    plain = run_manage("check_plan", str(DATA / "plan_example.json"), "--today", "2026-04-01", **NO_DATABASE)
    assert [w["code"] for w in document_["warnings"]] == [
        line.split("\t")[0] for line in plain.stdout.splitlines()
    ]


def test_check_plan_json_exits_2_on_a_bad_document(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "salescamp.plan", "version": 2}', encoding="utf-8")
    result = run_manage("check_plan", str(broken), "--format", "json", **NO_DATABASE)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("$.")
