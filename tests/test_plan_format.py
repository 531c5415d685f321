"""The plan as a JSON file: export, validate, check without a database, import all or nothing."""

import datetime
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from accounts.models import Account, Contact
from projects.deals.loading import load_plan
from projects.deals.models import Activity, Competitor, NegotiationTerm, Project, ResourcePlanItem, TenderItem
from projects.plans.plan_format import PlanFormatError, export_project, import_plan, parse_plan, to_plan_data
from projects.rules import evaluate
from salescamp.models import Rank

from .factories import (
    ActivityFactory,
    AskFactory,
    ChainMemberFactory,
    ContactFactory,
    ControlPointFactory,
    EngagementFactory,
    InternalSaleFactory,
    PainFactory,
    ProjectFactory,
    TeamThresholdsFactory,
    UserFactory,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TODAY = datetime.date(2026, 4, 1)


def example() -> dict:
    return json.loads((DATA / "plan_example.json").read_text(encoding="utf-8"))


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a child process, with the settings a production-like run needs."""
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-only-not-secret",
        "ALLOWED_HOSTS": "localhost",
        "PYTHONIOENCODING": "utf-8",
        **env,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture(autouse=True)
def _english():
    # Error and warning texts are compared word for word: in English, whatever the catalogue says.
    with translation.override("en"):
        yield


NO_DATABASE = {"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}


def all_keys(value) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(key for item in value.values() for key in all_keys(item))]
    if isinstance(value, list):
        return [key for item in value for key in all_keys(item)]
    return []


def warning_lines(warnings) -> list[str]:
    return [f"{w.code}\t{w.subject.label}\t{w.message}" for w in warnings]


@pytest.fixture
def project(org):
    """A plan with something in every section, in 电网一组, owned by the rep."""
    sponsor = UserFactory(username="zongjian", display_name="陈总监", rank=Rank.DIRECTOR)
    TeamThresholdsFactory(team=org.team, small_gift_limit=Decimal("150"), stale_days=45)
    project = ProjectFactory(
        account=org.account,
        owner=org.rep,
        name="配电自动化主站升级",
        state="S2",
        state_signs=["s2_we_design"],
        strategy="top_down",
        expected_close=datetime.date(2026, 9, 30),
        amount=Decimal("3800000.50"),
        our_price=Decimal("3650000"),
        their_price=Decimal("3400000.5"),
    )
    project.shared_with.add(org.teammate)
    coach = ContactFactory(
        account=org.account, name="孙工", title="自动化专责", personality="koala", reports_to=org.contact
    )
    ContactFactory(account=org.account, name="钱主任", title="计划处主任", level=2, function="planning")
    boss = ChainMemberFactory(project=project, contact=org.boss, roles=["key"], depth=2, owner=org.lead)
    PainFactory(member=boss, text="平稳落地", kind="risk")
    bridge = ChainMemberFactory(
        project=project, contact=org.contact, roles=["bridge"], stance="support", depth=3
    )
    PainFactory(member=bridge, text="重谈框架协议", kind="commercial")
    PainFactory(member=bridge, text="采购合规", kind="risk")
    ChainMemberFactory(
        project=project,
        contact=coach,
        roles=["coach", "general"],
        acquaintance="同乡",
        acquaintance_holder=org.lead,
    )
    ResourcePlanItem.objects.create(member=bridge, resource="personal.stand_out", note="行业论坛发言")
    ResourcePlanItem.objects.create(member=boss, resource="enterprise.project_success", status="given")
    ResourcePlanItem.objects.create(member=bridge, resource="info.success_case", status="given")
    rival = Competitor.objects.create(
        project=project, name="友商A", strengths="老供应商", our_edge="成功案例"
    )
    rival.supporters.set([coach, org.boss])
    Competitor.objects.create(project=project, name="友商B")
    TenderItem.objects.create(project=project, kind="contract_department", text="物资部").contacts.set(
        [coach, org.contact]
    )
    TenderItem.objects.create(project=project, text="支持国产操作系统", status="agreed")
    TenderItem.objects.create(project=project, kind="acceptance_department", text="调度中心", status="done")
    NegotiationTerm.objects.create(
        project=project, term="质保三年", cost_to_us=Decimal("60000"), value_to_them=Decimal("200000.5")
    )
    NegotiationTerm.objects.create(
        project=project,
        term="免费培训",
        cost_to_us=Decimal("0"),
        value_to_them=Decimal("80000"),
        offered=True,
    )
    EngagementFactory(project=project, user=org.lead, part="陪同拜访")
    EngagementFactory(project=project, user=sponsor)
    InternalSaleFactory(project=project, status="committed")
    InternalSaleFactory(project=project, target="director", person=sponsor, commitment="拜访采购副总")
    first = ActivityFactory(
        project=project,
        date=datetime.date(2026, 3, 2),
        topics=["success_case"],
        reason_met="想了解成功案例",
        hook="下周再来",
        resources=["info.success_case"],
        other_departments=["technical"],
        control_points=[2],
    )
    first.our_people.set([org.rep])
    first.contacts.set([org.contact, coach])
    AskFactory(activity=first, kind="introduction", text="引荐采购副总", contact=org.contact, granted=True)
    AskFactory(activity=first, text="介绍招采流程")
    gift = ActivityFactory(
        project=project,
        kind="gift",
        date=datetime.date(2026, 3, 2),
        gift_kind="liquor",
        gift_value=Decimal("600"),
        presales_days=Decimal("0.5"),
    )
    gift.our_people.set([org.rep])
    gift.contacts.set([org.boss])
    planned = ActivityFactory(
        project=project,
        kind="dinner",
        date=datetime.date(2026, 4, 20),
        done=False,
        topics=["product_features"],
    )
    planned.our_people.set([org.rep, org.lead])
    planned.contacts.set([org.boss])
    ControlPointFactory(project=project, number=1, status="in_progress", actions="陪同拜访\n\n  组织交流  ")
    ControlPointFactory(project=project, number=4, status="held")
    return Project.objects.select_related("account", "owner", "team", "team__thresholds").get(pk=project.pk)


# --- export ---------------------------------------------------------------------------------------------


def test_export_names_its_format_and_refers_to_contacts_and_people_by_key(project, org):
    doc = export_project(project)

    assert (doc["format"], doc["version"]) == ("salescamp.plan", 2)
    keys = {contact["name"]: contact["key"] for contact in doc["contacts"]}
    liu = next(contact for contact in doc["contacts"] if contact["name"] == "刘组长")
    assert liu["reports_to"] == keys["赵副总"]
    assert [member["contact"] for member in doc["chain"]] == [keys["赵副总"], keys["刘组长"], keys["孙工"]]
    assert doc["chain"][0]["owner"] == "lead"
    assert {p["username"]: p["rank"] for p in doc["people"]} == {
        "zongjian": 3,
        "lead": 2,
        "rep": 1,
        "teammate": 1,
    }
    assert doc["project"]["amount"] == "3800000.50"
    assert doc["thresholds"]["small_gift_limit"] == "150.00"
    assert doc["control_points"][0]["actions"] == ["陪同拜访", "组织交流"]
    assert [cp["number"] for cp in doc["control_points"]] == [1, 2, 3, 4]
    assert not [key for key in all_keys(doc) if key == "id" or key.endswith("_id")]


def test_export_is_valid_by_its_own_rules(project):
    parse_plan(export_project(project))


def test_export_import_export_is_identical(project, org):
    first = export_project(project)

    copy_ = import_plan(first).project

    assert copy_.pk != project.pk
    assert (copy_.team, copy_.account, copy_.owner) == (org.team, org.account, org.rep)
    again = Project.objects.select_related("account", "owner", "team", "team__thresholds").get(pk=copy_.pk)
    assert export_project(again) == first


def test_the_round_trip_keeps_every_one_of_the_plans_own_sections(project, org):
    first = export_project(project)
    assert all(member["resource_plan"] for member in first["chain"][:2])
    assert first["competitors"] and first["tender"] and first["negotiation"]

    copy_ = import_plan(first).project

    assert (copy_.our_price, copy_.their_price) == (Decimal("3650000.00"), Decimal("3400000.50"))
    bridge = copy_.members.get(contact=org.contact)
    assert list(bridge.resource_plan.values_list("resource", "status", "note")) == [
        ("personal.stand_out", "planned", "行业论坛发言"),
        ("info.success_case", "given", ""),
    ]
    rival = copy_.competitors.get(name="友商A")
    assert set(rival.supporters.values_list("name", flat=True)) == {"赵副总", "孙工"}
    assert rival.supporters.filter(account=org.account).count() == 2  # the account's contacts, not copies
    assert copy_.tender_items.count() == 3
    assert list(copy_.negotiation_terms.values_list("term", "cost_to_us", "value_to_them", "offered")) == [
        ("质保三年", Decimal("60000.00"), Decimal("200000.50"), False),
        ("免费培训", Decimal("0.00"), Decimal("80000.00"), True),
    ]
    again = Project.objects.select_related("account", "owner", "team", "team__thresholds").get(pk=copy_.pk)
    assert export_project(again) == first


def test_export_writes_the_plans_own_sections_in_a_fixed_order(project):
    doc = export_project(project)

    keys = {contact["name"]: contact["key"] for contact in doc["contacts"]}
    assert (doc["project"]["our_price"], doc["project"]["their_price"]) == ("3650000.00", "3400000.50")
    assert [member["resource_plan"] for member in doc["chain"]] == [
        [{"resource": "enterprise.project_success", "status": "given", "note": ""}],
        [
            {"resource": "personal.stand_out", "status": "planned", "note": "行业论坛发言"},
            {"resource": "info.success_case", "status": "given", "note": ""},
        ],
        [],
    ]
    assert doc["competitors"] == [
        {
            "name": "友商A",
            "strengths": "老供应商",
            "our_edge": "成功案例",
            "supporters": [keys["赵副总"], keys["孙工"]],  # senior first
        },
        {"name": "友商B", "strengths": "", "our_edge": "", "supporters": []},
    ]
    assert [(item["kind"], item["status"]) for item in doc["tender"]] == [
        ("acceptance_department", "done"),
        ("advantage", "agreed"),
        ("contract_department", "planned"),
    ]
    assert doc["negotiation"] == [
        {"term": "质保三年", "cost_to_us": "60000.00", "value_to_them": "200000.50", "offered": False},
        {"term": "免费培训", "cost_to_us": "0.00", "value_to_them": "80000.00", "offered": True},
    ]
    assert list(doc)[-4:] == ["competitors", "tender", "negotiation", "thresholds"]


def test_a_project_without_the_plans_own_sections_exports_them_empty(org):
    project = ProjectFactory(account=org.account, owner=org.rep)
    ChainMemberFactory(project=project, contact=org.contact)

    doc = export_project(project)

    assert (doc["project"]["our_price"], doc["project"]["their_price"]) == (None, None)
    assert doc["chain"][0]["resource_plan"] == []
    assert (doc["competitors"], doc["tender"], doc["negotiation"]) == ([], [], [])
    parse_plan(doc)


def test_export_plan_writes_the_file_given_with_o(project, tmp_path):
    target = tmp_path / "plan.json"

    call_command("export_plan", str(project.pk), "-o", str(target))

    text = target.read_text(encoding="utf-8")
    assert "配电自动化主站升级" in text  # UTF-8, not \\u escapes
    assert text.startswith('{\n  "format": "salescamp.plan",')
    assert json.loads(text) == export_project(project)


def test_export_plan_writes_to_stdout_by_default(project):
    out = io.StringIO()

    call_command("export_plan", str(project.pk), stdout=out)

    assert json.loads(out.getvalue()) == export_project(project)


# --- check ----------------------------------------------------------------------------------------------


def test_warnings_from_an_exported_file_equal_the_engines_for_the_project(project, tmp_path):
    target = tmp_path / "plan.json"
    call_command("export_plan", str(project.pk), "-o", str(target))
    expected = evaluate(load_plan(project), TODAY)
    assert expected  # the fixture is meant to trip several rules

    from_file = evaluate(to_plan_data(parse_plan(export_project(project))), TODAY)
    out = io.StringIO()
    call_command("check_plan", str(target), "--today", TODAY.isoformat(), stdout=out)

    assert warning_lines(from_file) == warning_lines(expected)
    assert [w.severity for w in from_file] == [w.severity for w in expected]
    assert out.getvalue().splitlines() == warning_lines(expected)


def test_check_plan_needs_no_database_and_prints_the_expected_codes():
    result = run_manage(
        "check_plan", str(DATA / "plan_warnings.json"), "--today", "2026-04-01", **NO_DATABASE
    )

    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(line) == 3 for line in lines)
    by_code = {code: (subject, message) for code, subject, message in lines}
    assert "采购副总 赵总" in by_code["PARITY_GAP"][0]
    assert "孙工" in by_code["COACH_RISKY_TYPE"][0]
    assert "刘组长" in by_code["NO_PAIN"][0]


def test_check_plan_exits_2_on_a_broken_file(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "salescamp.plan", "version": 1,', encoding="utf-8")

    result = run_manage("check_plan", str(broken), **NO_DATABASE)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("$: ")  # one line, in the default language (Chinese)
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda doc: doc.update(format="something.else"), "$.format"),
        (lambda doc: doc.update(version=3), "$.version"),
        (lambda doc: doc["chain"][1]["roles"].append("boss"), '$.chain[1].roles[1]: unknown role "boss"'),
    ],
)
def test_check_plan_exits_2_on_bad_values(tmp_path, capsys, change, expected):
    doc = example()
    change(doc)
    target = tmp_path / "plan.json"
    target.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(SystemExit) as exit_:
        call_command("check_plan", str(target))

    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[0].startswith(expected)


# --- validation -----------------------------------------------------------------------------------------


def test_the_documented_example_is_valid():
    parsed = parse_plan(example())

    assert parsed.contact("liu").reports_to == "zhao"
    assert parsed.activities[1].gift_value == Decimal("80.00")
    assert parsed.thresholds.s3_presales_days == Decimal("5.0")


def test_the_example_in_the_docs_is_the_test_data_file():
    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    block = text.split("```json\n", 1)[1].split("```", 1)[0]

    assert json.loads(block) == example()


def test_optional_keys_take_the_models_defaults():
    doc = {
        "format": "salescamp.plan",
        "version": 1,
        "project": {"name": "新项目", "owner": "rep"},
        "account": {"name": "某客户"},
        "people": [{"username": "rep", "rank": 1}],
    }

    parsed = parse_plan(doc)

    assert (parsed.project.stage, parsed.project.amount, parsed.chain) == ("lead", Decimal("0"), ())
    assert (parsed.project.our_price, parsed.project.their_price) == (None, None)
    assert (parsed.competitors, parsed.tender, parsed.negotiation) == ((), (), ())
    assert to_plan_data(parsed, today=TODAY).owner.name == "rep"


def test_the_plans_own_sections_are_optional():
    doc = example()
    for key in ("competitors", "tender", "negotiation"):
        del doc[key]
    for key in ("our_price", "their_price"):
        del doc["project"][key]
    for member in doc["chain"]:
        del member["resource_plan"]

    parsed = parse_plan(doc)

    assert (parsed.project.our_price, parsed.project.their_price) == (None, None)
    assert [member.resource_plan for member in parsed.chain] == [(), (), ()]
    assert (parsed.competitors, parsed.tender, parsed.negotiation) == ((), (), ())


def test_the_example_reads_the_plans_own_sections():
    parsed = parse_plan(example())

    assert (parsed.project.our_price, parsed.project.their_price) == (
        Decimal("3650000.00"),
        Decimal("3400000"),
    )
    assert [item.resource for item in parsed.chain[1].resource_plan] == [
        "info.success_case",
        "personal.stand_out",
    ]
    assert parsed.competitors[0].supporters == ("zhao",)
    assert [item.kind for item in parsed.tender] == [
        "acceptance_department",
        "advantage",
        "contract_department",
    ]
    assert (parsed.negotiation[1].cost_to_us, parsed.negotiation[1].offered) == (Decimal("20000.00"), True)


def _set(path, value):
    """A change to the example: set the value at a path of keys and indexes."""

    def change(doc):
        target = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _delete(path):
    def change(doc):
        target = doc
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


BAD_DOCUMENTS = [
    ("role", _set(("chain", 2, "roles", 0), "boss"), '$.chain[2].roles[0]: unknown role "boss"'),
    ("unknown key", _set(("project", "colour"), "red"), '$.project.colour: unknown key "colour"'),
    ("missing key", _delete(("account", "name")), "$.account.name: required"),
    ("date format", _set(("activities", 0, "date"), "2026/03/02"), "$.activities[0].date: expected a date"),
    ("no such date", _set(("chain", 0, "added_on"), "2026-02-30"), "$.chain[0].added_on: no such date"),
    ("decimal as number", _set(("project", "amount"), 3800000), "$.project.amount: expected a decimal"),
    (
        "negative decimal",
        _set(("activities", 1, "gift_value"), "-5"),
        "$.activities[1].gift_value: must be 0",
    ),
    ("too many places", _set(("activities", 1, "presales_days"), "1.25"), "$.activities[1].presales_days"),
    ("level as string", _set(("contacts", 0, "level"), "3"), "$.contacts[0].level: expected a whole number"),
    ("level out of range", _set(("contacts", 0, "level"), 5), '$.contacts[0].level: unknown level "5"'),
    ("boolean", _set(("activities", 0, "done"), "yes"), "$.activities[0].done: expected true or false"),
    ("depth", _set(("chain", 0, "depth"), 9), "$.chain[0].depth: unknown relationship depth"),
    (
        "topic",
        _set(("activities", 0, "topics", 0), "golf"),
        '$.activities[0].topics[0]: unknown topic "golf"',
    ),
    ("resource", _set(("activities", 0, "resources"), ["info.gossip"]), "$.activities[0].resources[0]"),
    (
        "sign",
        _set(("project", "state_signs", 1), "s9_x"),
        '$.project.state_signs[1]: unknown state sign "s9_x"',
    ),
    (
        "department",
        _set(("activities", 0, "other_departments", 0), "hr"),
        "$.activities[0].other_departments[0]",
    ),
    ("target", _set(("internal_sales", 0, "target"), "ceo"), "$.internal_sales[0].target: unknown internal"),
    ("control point", _set(("control_points", 3, "number"), 5), "$.control_points[3].number"),
    ("twice", _set(("control_points", 3, "number"), 1), "$.control_points[3].number"),
    ("threshold", _set(("thresholds", "parity_gap"), 7), "$.thresholds.parity_gap"),
    ("email", _set(("contacts", 1, "email"), "not-an-email"), "$.contacts[1].email"),
    ("too long", _set(("contacts", 1, "name"), "名" * 51), "$.contacts[1].name"),
    ("blank", _set(("project", "name"), ""), "$.project.name"),
    ("won without reason", _set(("project", "stage"), "won"), "$.project.outcome_reason"),
    (
        "reports to nobody",
        _set(("contacts", 1, "reports_to"), "qian"),
        "$.contacts[1].reports_to: no contact",
    ),
    (
        "reporting loop",
        _set(("contacts", 0, "reports_to"), "sun"),
        "$.contacts[0].reports_to: reporting loop",
    ),
    ("reports to self", _set(("contacts", 2, "reports_to"), "sun"), "$.contacts[2].reports_to"),
    ("key twice", _set(("contacts", 2, "key"), "liu"), '$.contacts[2].key: key "liu" already used'),
    ("name twice", _set(("contacts", 2, "name"), "刘组长"), "$.contacts[2].name"),
    (
        "chain contact",
        _set(("chain", 1, "contact"), "ghost"),
        '$.chain[1].contact: no contact with key "ghost"',
    ),
    (
        "chain owner",
        _set(("chain", 0, "owner"), "ghost"),
        '$.chain[0].owner: no person with username "ghost"',
    ),
    (
        "ask contact",
        _set(("activities", 0, "asks", 0, "contact"), "ghost"),
        "$.activities[0].asks[0].contact",
    ),
    ("our people", _set(("activities", 1, "our_people", 1), "ghost"), "$.activities[1].our_people[1]"),
    ("activity contacts", _set(("activities", 1, "contacts", 0), 7), "$.activities[1].contacts[0]"),
    ("owner", _set(("project", "owner"), "ghost"), "$.project.owner: no person"),
    ("rank", _set(("people", 0, "rank"), 0), "$.people[0].rank"),
    ("list expected", _set(("chain",), {}), "$.chain: expected a list"),
    ("object expected", _set(("activities", 0), "visit"), "$.activities[0]: expected an object"),
    ("action lines", _set(("control_points", 0, "actions", 0), "a\nb"), "$.control_points[0].actions[0]"),
    # The plan's own sections
    ("our price negative", _set(("project", "our_price"), "-1"), "$.project.our_price: must be 0 or more"),
    ("their price as number", _set(("project", "their_price"), 3400000), "$.project.their_price: expected a"),
    ("price places", _set(("project", "our_price"), "1.234"), "$.project.our_price"),
    ("price digits", _set(("project", "their_price"), "1" * 13), "$.project.their_price"),
    (
        "resource code",
        _set(("chain", 1, "resource_plan", 1, "resource"), "info.gossip"),
        '$.chain[1].resource_plan[1].resource: unknown resource "info.gossip"',
    ),
    (
        "resource status",
        _set(("chain", 0, "resource_plan", 0, "status"), "lost"),
        '$.chain[0].resource_plan[0].status: unknown status "lost"',
    ),
    (
        "resource note",
        _set(("chain", 0, "resource_plan", 0, "note"), "x" * 201),
        "$.chain[0].resource_plan[0].note",
    ),
    (
        "resource missing",
        _delete(("chain", 0, "resource_plan", 0, "resource")),
        "$.chain[0].resource_plan[0].resource: required",
    ),
    (
        "resource plan list",
        _set(("chain", 2, "resource_plan"), "info"),
        "$.chain[2].resource_plan: expected a list",
    ),
    (
        "supporter",
        _set(("competitors", 0, "supporters", 0), "ghost"),
        '$.competitors[0].supporters[0]: no contact with key "ghost"',
    ),
    (
        "supporter twice",
        _set(("competitors", 0, "supporters"), ["zhao", "zhao"]),
        "$.competitors[0].supporters[1]: listed twice",
    ),
    ("supporter not a key", _set(("competitors", 0, "supporters", 0), 3), "$.competitors[0].supporters[0]"),
    ("competitor name", _delete(("competitors", 0, "name")), "$.competitors[0].name: required"),
    ("competitor name too long", _set(("competitors", 0, "name"), "x" * 101), "$.competitors[0].name"),
    ("competitor key", _set(("competitors", 0, "price"), "1"), '$.competitors[0].price: unknown key "price"'),
    ("tender kind", _set(("tender", 0, "kind"), "price_list"), "$.tender[0].kind: unknown tender item kind"),
    ("tender status", _set(("tender", 1, "status"), "won"), '$.tender[1].status: unknown status "won"'),
    ("tender text", _set(("tender", 2, "text"), ""), "$.tender[2].text"),
    ("tender object", _set(("tender", 2), "物资部"), "$.tender[2]: expected an object"),
    (
        "cost negative",
        _set(("negotiation", 0, "cost_to_us"), "-100"),
        "$.negotiation[0].cost_to_us: must be 0",
    ),
    (
        "value null",
        _set(("negotiation", 1, "value_to_them"), None),
        "$.negotiation[1].value_to_them: expected a decimal",
    ),
    ("cost missing", _delete(("negotiation", 1, "cost_to_us")), "$.negotiation[1].cost_to_us: required"),
    (
        "offered",
        _set(("negotiation", 0, "offered"), "yes"),
        "$.negotiation[0].offered: expected true or false",
    ),
    ("term blank", _set(("negotiation", 1, "term"), ""), "$.negotiation[1].term"),
    ("negotiation list", _set(("negotiation",), {}), "$.negotiation: expected a list"),
]


@pytest.mark.parametrize(
    ("change", "expected"), [case[1:] for case in BAD_DOCUMENTS], ids=[c[0] for c in BAD_DOCUMENTS]
)
def test_every_error_names_the_json_path_of_the_bad_value(change, expected):
    doc = example()
    change(doc)

    with pytest.raises(PlanFormatError) as error:
        parse_plan(doc)

    assert any(line.startswith(expected) for line in error.value.lines()), error.value.lines()


def test_all_problems_are_reported_at_once():
    doc = example()
    doc["chain"][0]["roles"] = ["boss"]
    doc["activities"][1]["gift_value"] = 80
    doc["project"]["owner"] = "ghost"

    with pytest.raises(PlanFormatError) as error:
        parse_plan(doc)

    assert [line.split(":")[0] for line in error.value.lines()] == [
        "$.chain[0].roles[0]",
        "$.activities[1].gift_value",
        "$.project.owner",
    ]


def test_a_document_that_is_not_an_object_is_refused():
    with pytest.raises(PlanFormatError) as error:
        parse_plan([1, 2])

    assert error.value.lines() == ["$: expected an object"]


# --- import ---------------------------------------------------------------------------------------------


@pytest.fixture
def example_people(org):
    """The example's people in the org fixture's team."""
    rep = UserFactory(username="xiaozhang", display_name="小张")
    lead = UserFactory(username="wangzuzhang", display_name="王组长", rank=Rank.TEAM_LEAD)
    org.team.memberships.create(user=rep)
    org.team.memberships.create(user=lead)
    return rep, lead


def test_import_creates_the_project_account_and_contacts(org, example_people):
    rep, lead = example_people
    doc = example()
    doc["account"]["name"] = "华北能源"

    project = import_plan(doc).project

    account = Account.objects.get(name="华北能源")
    assert (account.team, account.industry, project.account, project.owner) == (
        org.team,
        "电力",
        account,
        rep,
    )
    sun = Contact.objects.get(account=account, name="孙工")
    assert (sun.reports_to.name, sun.reports_to.reports_to.name, sun.personality) == (
        "刘组长",
        "赵总",
        "koala",
    )
    assert list(project.shared_with.all()) == [lead]
    member = project.members.get(contact__name="赵总")
    assert (member.owner, member.added_on, member.pains.get().kind) == (
        lead,
        datetime.date(2026, 3, 2),
        "risk",
    )
    exec_meeting = project.activities.get(kind="exec_meeting")
    assert set(exec_meeting.our_people.all()) == {rep, lead}
    assert exec_meeting.gift_value == Decimal("80.00")
    assert project.control_points.get(number=1).actions == "王组长陪同拜访采购副总"


def test_import_updates_contacts_matched_by_name(org, example_people):
    doc = example()
    doc["account"]["name"] = org.account.name
    doc["contacts"][1]["name"] = org.contact.name  # 刘组长 already exists at the account
    doc["contacts"][1]["personality"] = "owl"

    project = import_plan(doc).project

    org.contact.refresh_from_db()
    assert project.account == org.account
    assert org.contact.personality == "owl" and org.contact.version > 1
    assert Contact.objects.filter(account=org.account, name=org.contact.name).count() == 1
    assert org.contact.reports_to.name == "赵总"


def test_import_refuses_unknown_usernames_with_their_path(org, example_people):
    doc = example()
    doc["people"].append({"username": "ghost", "display_name": "幽灵", "rank": 1})
    doc["activities"][1]["our_people"].append("ghost")

    projects_before = Project.objects.count()

    with pytest.raises(PlanFormatError) as error:
        import_plan(doc)

    assert error.value.lines() == ['$.people[2].username: no user "ghost" in this app']
    assert Project.objects.count() == projects_before


def test_import_is_all_or_nothing(org, example_people, monkeypatch):
    doc = example()
    doc["account"]["name"] = "华北能源"
    doc["activities"][-1]["goal"] = "BOOM"
    contacts_before = set(Contact.objects.values_list("pk", "name", "version"))
    projects_before = Project.objects.count()
    original_clean = Activity.clean

    def clean(activity):
        if activity.goal == "BOOM":  # an error only the model finds, in the very last activity
            raise ValidationError({"goal": "boom", "__all__": "broken"})
        original_clean(activity)

    monkeypatch.setattr(Activity, "clean", clean)

    with pytest.raises(PlanFormatError) as error:
        import_plan(doc)

    assert error.value.lines() == ["$.activities[1].goal: boom", "$.activities[1]: broken"]
    assert Project.objects.count() == projects_before
    assert not Account.objects.filter(name="华北能源").exists()
    assert set(Contact.objects.values_list("pk", "name", "version")) == contacts_before


def test_import_creates_the_plans_own_sections(org, example_people):
    doc = example()
    doc["account"]["name"] = "华北能源"

    project = import_plan(doc).project

    assert (project.our_price, project.their_price) == (Decimal("3650000.00"), Decimal("3400000.00"))
    liu = project.members.get(contact__name="刘组长")
    assert list(liu.resource_plan.values_list("resource", "status")) == [
        ("info.success_case", "given"),
        ("personal.stand_out", "planned"),
    ]
    rival = project.competitors.get()
    assert [contact.name for contact in rival.supporters.all()] == ["赵总"]
    assert rival.supporters.get().account.name == "华北能源"
    assert sorted(project.tender_items.values_list("kind", "status")) == [
        ("acceptance_department", "planned"),
        ("advantage", "agreed"),
        ("contract_department", "planned"),
    ]
    assert list(project.negotiation_terms.values_list("cost_to_us", "offered")) == [
        (Decimal("60000.00"), False),
        (Decimal("20000.00"), True),
    ]


def test_import_is_all_or_nothing_up_to_the_last_negotiation_term(org, example_people, monkeypatch):
    doc = example()
    doc["account"]["name"] = "华北能源"
    doc["negotiation"][-1]["term"] = "BOOM"
    counts_before = [
        model.objects.count()
        for model in (Project, Account, Contact, ResourcePlanItem, Competitor, TenderItem, NegotiationTerm)
    ]
    original_clean = NegotiationTerm.clean

    def clean(term):
        if term.term == "BOOM":  # an error only the model finds, in the very last record of the import
            raise ValidationError({"term": "boom"})
        original_clean(term)

    monkeypatch.setattr(NegotiationTerm, "clean", clean)

    with pytest.raises(PlanFormatError) as error:
        import_plan(doc)

    assert error.value.lines() == ["$.negotiation[1].term: boom"]
    assert [
        model.objects.count()
        for model in (Project, Account, Contact, ResourcePlanItem, Competitor, TenderItem, NegotiationTerm)
    ] == counts_before
    assert not Competitor.supporters.through.objects.exists()


def test_import_reports_model_errors_in_the_plans_own_sections_at_their_path(
    org, example_people, monkeypatch
):
    doc = example()
    original_clean = ResourcePlanItem.clean

    def clean(item):
        if item.resource == "personal.stand_out":
            raise ValidationError("not for this contact")
        original_clean(item)

    monkeypatch.setattr(ResourcePlanItem, "clean", clean)
    projects_before = Project.objects.count()

    with pytest.raises(PlanFormatError) as error:
        import_plan(doc)

    assert error.value.lines() == ["$.chain[1].resource_plan[1]: not for this contact"]
    assert Project.objects.count() == projects_before


def test_import_turns_model_errors_into_json_paths(org, example_people):
    doc = example()
    doc["project"]["owner"] = "stranger"
    doc["people"].append({"username": "stranger", "display_name": "小李", "rank": 1})
    projects_before = Project.objects.count()

    with pytest.raises(PlanFormatError) as error:
        import_plan(doc, team=org.team)

    assert [line.split(":")[0] for line in error.value.lines()] == ["$.project.owner", "$.account.name"]
    assert Project.objects.count() == projects_before


def test_import_plan_prints_the_new_projects_id_and_path(org, example_people):
    out = io.StringIO()
    existing = set(Project.objects.values_list("pk", flat=True))

    call_command("import_plan", str(DATA / "plan_example.json"), stdout=out)

    project = Project.objects.exclude(pk__in=existing).get()
    assert project.name == "配电自动化主站升级"
    assert out.getvalue().splitlines()[0] == f"{project.pk}\t/projects/{project.pk}/"


def test_import_plan_prints_each_error_and_exits_2_with_nothing_saved(org, example_people, tmp_path, capsys):
    doc = example()
    doc["chain"][2]["roles"] = ["boss"]
    doc["people"][0]["username"] = "ghost"
    target = tmp_path / "plan.json"
    target.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    projects_before = Project.objects.count()

    with pytest.raises(SystemExit) as exit_:
        call_command("import_plan", str(target))

    assert exit_.value.code == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == '$.chain[2].roles[0]: unknown role "boss"'
    assert len(errors) > 1  # ghost is not in $.people, so references to wangzuzhang fail too
    assert Project.objects.count() == projects_before


def test_an_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    from projects.plans.plan_format import files

    monkeypatch.setattr(files, "MAX_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_text('{"format": "salescamp.plan", "padding": "' + "x" * 200 + '"}')
    with pytest.raises(files.PlanFormatError) as error:
        files.read_document(str(big))
    assert "$" in str(error.value.lines()[0])
