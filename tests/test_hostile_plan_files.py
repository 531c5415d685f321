"""Plan files made to hurt: each is refused with exit 2 and a JSON path, never a traceback; an import shares
only within the team, records who imported it, and says which existing contacts it changed."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.models import Contact
from projects.deals.models import Project
from projects.plans.plan_format import PlanFormatError, import_plan, parse_plan

from .test_plan_format import example, example_people  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


HEADER = '{"format": "salescamp.plan", "version": 1, "project": '


def run(command: str, tmp_path, text: str, capsys) -> tuple[int, list[str]]:
    target = tmp_path / "plan.json"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command(command, str(target))
    return exit_.value.code, capsys.readouterr().err.splitlines()


HOSTILE_FILES = {
    "nested a million deep": (HEADER + "[" * 1_000_000 + "]" * 1_000_000 + "}", "nests"),
    "a 5000-digit number": (HEADER + "1" * 5000 + "}", "digits"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["check_plan", "import_plan"])
@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_hostile_json_is_refused_with_exit_2(command, name, tmp_path, capsys):
    text, word = HOSTILE_FILES[name]
    code, errors = run(command, tmp_path, text, capsys)
    assert code == 2
    assert len(errors) == 1 and errors[0].startswith("$: ") and word in errors[0]


@pytest.mark.parametrize(
    ("where", "bad"),
    [("$.project.name", "\\ud800"), ("$.account.name", "国网\\u0000东北")],
)
def test_lone_surrogates_and_nul_are_refused_at_their_path(where, bad, tmp_path, capsys):
    doc = example()
    text = json.dumps(doc, ensure_ascii=False)
    key = where.rsplit(".", 1)[-1]
    section = doc[where.split(".")[1]]
    text = text.replace(json.dumps(section[key], ensure_ascii=False), f'"{bad}"', 1)

    code, errors = run("check_plan", tmp_path, text, capsys)

    assert code == 2
    assert errors == [f"{where}: contains a NUL or a lone surrogate character"]


def test_a_nul_in_a_key_is_named_escaped():
    doc = example()
    doc["project"]["na\x00me"] = "x"
    with pytest.raises(PlanFormatError) as error:
        parse_plan(doc)
    assert error.value.lines() == ["$.project.na\\x00me: contains a NUL or a lone surrogate character"]


def test_an_import_with_a_surrogate_saves_nothing(db, example_people, tmp_path, capsys):  # noqa: F811
    text = json.dumps(example(), ensure_ascii=False).replace("配电自动化主站升级", "\\udc00", 1)
    before = Project.objects.count()
    code, errors = run("import_plan", tmp_path, text, capsys)
    assert code == 2 and errors[0].startswith("$.project.name")
    assert Project.objects.count() == before


def test_import_refuses_sharing_with_someone_outside_the_team(org, example_people):  # noqa: F811
    doc = example()
    doc["people"].append({"username": org.stranger.username, "display_name": "小李", "rank": 1})
    doc["project"]["shared_with"].append(org.stranger.username)
    before = Project.objects.count()

    with pytest.raises(PlanFormatError) as error:
        import_plan(doc, team=org.team)

    assert [line.split(":")[0] for line in error.value.lines()] == ["$.project.shared_with"]
    assert org.stranger.display_name in error.value.lines()[0]
    assert Project.objects.count() == before


def test_import_records_the_importer_and_reports_the_contacts_it_changed(org, example_people):  # noqa: F811
    doc = example()
    doc["account"]["name"] = org.account.name
    doc["contacts"][1]["name"] = org.contact.name  # 刘组长 exists; the file changes what we know of them
    doc["contacts"][1]["personality"] = "owl"
    untouched = Contact.objects.filter(account=org.account).exclude(pk=org.contact.pk).first()

    imported = import_plan(doc, by=org.lead)

    assert imported.updated_contacts == [org.contact]
    assert org.contact.history.latest().history_user == org.lead
    assert imported.project.history.latest().history_user == org.lead
    assert imported.project.members.first().history.latest().history_user == org.lead
    assert untouched.history.latest().history_user != org.lead


def test_import_plan_command_names_the_importer_and_lists_updated_contacts(
    org,
    example_people,  # noqa: F811
    tmp_path,
):
    doc = example()
    doc["account"]["name"] = org.account.name
    doc["contacts"][1]["name"] = org.contact.name
    doc["contacts"][1]["personality"] = "owl"
    target = tmp_path / "plan.json"
    target.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()

    call_command("import_plan", str(target), "--by", org.lead.username, stdout=out)

    project = Project.objects.exclude(pk=org.project.pk).get()
    assert out.getvalue().splitlines() == [
        f"{project.pk}\t/projects/{project.pk}/",
        f"updated contact\t{org.contact.pk}\t{org.contact.name}",
    ]
    assert project.history.earliest().history_user == org.lead
