"""The plan as a JSON file (计划的 JSON 格式): export, validate, check and import — see docs/plan-format.md.

    doc = export_project(project)           # a plain dict, stable order, no database ids
    parsed = parse_plan(doc)                # validates everything without touching the database
    plan = to_plan_data(parsed)             # the warnings engine's plain data, still no database
    project = import_plan(doc, team=team).project   # one transaction: all or nothing

Every problem is reported with the JSON path of the bad value (`$.chain[2].roles[0]: unknown role "boss"`)
in a PlanFormatError that collects all of them.

The modules: document (the name, version and parsed shape), reader (the path-keeping checker), parse with
sections, chain, activities and deal (one reader per part of the document), plain (to the engine's data),
export, importer, files (JSON text for the commands), errors.
"""

from projects.plans.plan_format.document import FORMAT, READABLE_VERSIONS, VERSION, ParsedPlan
from projects.plans.plan_format.errors import PlanFormatError, PlanIssue
from projects.plans.plan_format.export import export_project
from projects.plans.plan_format.files import dumps, loads, read_document
from projects.plans.plan_format.importer import import_plan
from projects.plans.plan_format.parse import parse_plan
from projects.plans.plan_format.plain import to_plan_data

__all__ = [
    "FORMAT",
    "READABLE_VERSIONS",
    "VERSION",
    "ParsedPlan",
    "PlanFormatError",
    "PlanIssue",
    "dumps",
    "export_project",
    "import_plan",
    "loads",
    "parse_plan",
    "read_document",
    "to_plan_data",
]
