"""Rows below a record read in the record's own query, as a JSON array from a correlated subquery.

A plan holds a dozen kinds of rows (pains under members, people and asks under activities, the plan's
small tables...). Read one query per relation, a page took twenty queries; read as JSON arrays annotated
on the parent rows, it takes three, the same for any size. The arrays come back as plain dicts, decoded by
the model's field types (`decoded`). Works on PostgreSQL and SQLite alike.
"""

import json
from decimal import Decimal

from django.db import models
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, JSONObject

# Types whose JSON form must be turned back into Python values by the field (dates come as text, decimals
# as numbers, booleans as 0/1 on SQLite). DateTimeFields are never read this way: their JSON form differs
# between databases.
CONVERTED = (models.DateField, models.DecimalField, models.BooleanField)


def json_rows(queryset: models.QuerySet, link: str, fields: dict, outer: str = "pk") -> Subquery:
    """The rows of `queryset` whose `link` is the outer row's `outer`, each a JSON object of `fields` (name →
    field path or expression); NULL when there are none. In no particular order: SQLite before 3.44 cannot
    order inside an aggregate, so callers sort what they read."""
    row = Cast(JSONObject(**fields), models.TextField())
    return Subquery(
        queryset.filter(**{link: OuterRef(outer)})
        .order_by()
        .values(link)
        .annotate(rows=StringAgg(row, Value(",")))
        .values("rows")
    )


def model_fields(model, *exclude: str, prefix: str = "") -> dict:
    """Every column of `model` but datetimes, keyed by attname, as `json_rows` fields."""
    return {
        f.attname: f"{prefix}{f.attname}"
        for f in model._meta.concrete_fields
        if f.attname not in exclude and not isinstance(f, models.DateTimeField)
    }


def parse(text: str | None) -> list[dict]:
    return json.loads(f"[{text}]", parse_float=Decimal) if text else []


def decoded(model, text: str | None, order: tuple[str, ...] = ("id",)) -> list[dict]:
    """The rows as dicts of Python values (by `model`'s field types), sorted by `order` (keys; "-" for
    descending)."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    found = []
    for values in parse(text):
        row = {}
        for name, value in values.items():
            field = fields.get(name)
            if isinstance(field, models.JSONField) and isinstance(value, str):
                value = json.loads(value)  # SQLite keeps JSON columns as text
            elif isinstance(field, CONVERTED) and value is not None:
                value = field.to_python(value)
            row[name] = value
        found.append(row)
    for key in reversed(order):
        name = key.lstrip("-")
        found.sort(key=lambda row: (row.get(name) is not None, row.get(name)), reverse=key.startswith("-"))
    return found
