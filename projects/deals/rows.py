"""Rows below a record read in the record's own query, as a JSON array from a correlated subquery.

A project page shows a dozen kinds of rows (pains under members, people and asks under activities, the
plan's small tables...). Read one query per relation, the page took twenty queries; read as JSON arrays
annotated on the parent rows, it takes a handful, the same for any size. The rows come back as model
instances placed where Django's prefetching would put them, so templates and forms see no difference.
Works on PostgreSQL and SQLite alike (JSONObject and StringAgg are portable in Django 6).
"""

import json
from decimal import Decimal

from django.db import models
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, JSONObject

# Types whose JSON form must be turned back into Python values by the field (dates come as text,
# decimals as numbers, booleans as 0/1 on SQLite). DateTimeFields are never read this way: their
# JSON form differs between databases.
CONVERTED = (models.DateField, models.DecimalField, models.BooleanField)


def json_rows(queryset: models.QuerySet, link: str, fields: dict) -> Subquery:
    """The rows of `queryset` whose `link` is the outer row, each a JSON object of `fields` (name → field
    path or expression); NULL when there are none. In no particular order: SQLite before 3.44 cannot
    order inside an aggregate, so callers sort what they read."""
    row = Cast(JSONObject(**fields), models.TextField())
    return Subquery(
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=StringAgg(row, Value(",")))
        .values("rows")
    )


def model_fields(model, *exclude: str, prefix: str = "") -> dict:
    """Every column of `model` the pages may read (not datetimes), keyed by attname, as `json_rows` fields."""
    return {
        f.attname: f"{prefix}{f.attname}"
        for f in model._meta.concrete_fields
        if f.attname not in exclude and not isinstance(f, models.DateTimeField)
    }


def parse(text: str | None) -> list[dict]:
    return json.loads(f"[{text}]", parse_float=Decimal) if text else []


def instance(model, values: dict):
    """A model instance as the database would have given it. A nested object under a relation's name
    (a JSONObject of the related row) becomes that related instance, cached as select_related would."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    kwargs, related = {}, {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None:
            related[name] = instance(model._meta.get_field(name).related_model, value) if value else None
            continue
        if isinstance(field, models.JSONField) and isinstance(value, str):
            value = json.loads(value)  # SQLite keeps JSON columns as text
        elif isinstance(field, CONVERTED) and value is not None:
            value = field.to_python(value)
        kwargs[name] = value
    obj = model(**kwargs)
    obj._state.adding, obj._state.db = False, "default"
    for name, other in related.items():
        model._meta.get_field(name).set_cached_value(obj, other if other is None or other.pk else None)
    return obj


def instances(model, text: str | None, order: tuple[str, ...] | None = None) -> list:
    """The rows as instances, in `order` (field names, "-" for descending; the model's own ordering by
    default), as the database would have ordered them."""
    objects = [instance(model, values) for values in parse(text)]
    for name in reversed(order if order is not None else model._meta.ordering):
        attribute = name.lstrip("-")
        objects.sort(key=lambda obj: _sort_key(obj, attribute), reverse=name.startswith("-"))
    return objects


def _sort_key(obj, path: str):
    for part in path.split("__"):
        obj = getattr(obj, part, None)
    return (obj is not None, obj)


def attach(obj, relation: str, objects: list) -> None:
    """Place `objects` where prefetch_related(relation) would, so `obj.<relation>.all()` reads them."""
    manager = getattr(obj, relation)
    # many-to-many managers name their cache; the rows below a foreign key use the relation's name
    name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    queryset = manager.all()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = queryset
