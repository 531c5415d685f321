"""The warning catalogue the engine implements, as docs/warnings.md: written from the rules themselves (their
codes, severities, titles, what each is about, the course's reason, next step and lesson), so the document
cannot drift from the engine (tests/test_warnings_doc.py; `manage.py write_warnings_doc` rewrites it)."""

import inspect

from django.utils import translation

from projects.rules import ALL_RULES
from projects.rules.base import text
from projects.rules.control_points import NEXT_STEPS, REASONS, ControlPointRule

HEADER = """# The warning catalogue

Every warning a page, a desk, an export, a PDF, the visit diagnosis or `check_plan` shows comes from the
engine in `projects/rules/`, with the team's thresholds. This file is written from the engine itself
(`python manage.py write_warnings_doc`); a test fails when they differ. Codes are stable: they appear in the
JSON export and `check_plan`; pages show the title and the words, never the code.

Severity: **high** (the deal is at risk as planned), **medium**, **low** (a habit the course teaches).
"""


def _about(rule) -> str:
    if isinstance(rule, ControlPointRule):
        return f"Nothing covers control point {rule.number}: no contact, activity or action."
    doc = inspect.getdoc(rule).splitlines()[0]
    return doc.split(":", 1)[1].strip()


def _texts(rule) -> tuple:
    if isinstance(rule, ControlPointRule):
        return REASONS[rule.number], NEXT_STEPS[rule.number]
    return rule.REASON, rule.NEXT_STEP


def _shown(value, language: str) -> str:
    with translation.override(language):
        return " ".join(str(text(value)).split())


def catalogue_markdown() -> str:
    lines = [HEADER, "| code | severity | title | 中文 | about |", "|---|---|---|---|---|"]
    for rule in ALL_RULES:
        english, chinese = _shown(rule.TITLE, "en"), _shown(rule.TITLE, "zh-hans")
        lines.append(f"| `{rule.CODE}` | {rule.SEVERITY} | {english} | {chinese} | {_about(rule)} |")
    lines.append("")
    for rule in ALL_RULES:
        reason, next_step = _texts(rule)
        lines += [
            f"## `{rule.CODE}` — {_shown(rule.TITLE, 'zh-hans')}",
            "",
            f"- Why (the course): {_shown(reason, 'zh-hans')}",
            f"- Next step: {_shown(next_step, 'zh-hans')}",
            "",
        ]
    return "\n".join(lines)
