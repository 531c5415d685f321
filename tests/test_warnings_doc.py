"""docs/warnings.md is the engine's catalogue, written from the rules: a rule added, renamed or reworded
without rewriting the document (`manage.py write_warnings_doc`) fails here."""

from pathlib import Path

from projects.rules import RULE_CODES
from projects.rules.document import catalogue_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "warnings.md"


def test_the_document_is_the_engines_catalogue():
    assert DOC.read_text(encoding="utf-8") == catalogue_markdown(), "run: python manage.py write_warnings_doc"


def test_the_document_names_every_code_with_its_reason_and_next_step():
    text = DOC.read_text(encoding="utf-8")
    for code in RULE_CODES:
        section = text[text.index(f"## `{code}`") :]
        assert "- Why (the course):" in section and "- Next step:" in section, code
