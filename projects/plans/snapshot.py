"""A submitted version (PlanSubmission.snapshot): the plan's plain data and the engine's warnings of that day,
as JSON. Read back, a version is drawn by the same view as the live plan, in the reader's language.

    {"format": 2, "taken_on": "2026-05-09", "plan": {...PlanData...}, "warnings": [...Warning.as_data()...]}

Versions submitted before the plan was one shape (format 1) were rewritten to this one by migration 0007;
their warnings keep the words of the day they were submitted (a Text without a msgid is shown as stored).
"""

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from projects.rules import Warning
from projects.rules.data import PlanData

FORMAT = 2


def to_json(value: Any) -> Any:
    """Dataclasses, tuples, frozensets, dates and decimals as JSON values."""
    if dataclasses.is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset):
        return [to_json(item) for item in sorted(value)]
    if isinstance(value, (tuple, list)):
        return [to_json(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def from_json(kind: Any, value: Any) -> Any:
    """The inverse of to_json, led by the type hints of the dataclasses."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        inner = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return from_json(inner[0], value)
    if origin is tuple:
        return tuple(from_json(typing.get_args(kind)[0], item) for item in value)
    if origin is frozenset:
        return frozenset(from_json(typing.get_args(kind)[0], item) for item in value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        known = {f.name for f in dataclasses.fields(kind)}
        return kind(**{name: from_json(hints[name], item) for name, item in value.items() if name in known})
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(str(value))
    return value


def take(plan: PlanData, warnings: list[Warning], today: date) -> dict:
    return {
        "format": FORMAT,
        "taken_on": today.isoformat(),
        "plan": to_json(plan),
        "warnings": [warning.as_data() for warning in warnings],
    }


@dataclasses.dataclass(frozen=True)
class Version:
    plan: PlanData
    warnings: list[Warning]
    taken_on: date


def read(snapshot: dict) -> Version:
    return Version(
        plan=from_json(PlanData, snapshot["plan"]),
        warnings=[Warning.from_data(item) for item in snapshot["warnings"]],
        taken_on=date.fromisoformat(snapshot["taken_on"]),
    )
