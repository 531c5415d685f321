"""A small checker that walks a plan document and collects every problem with its JSON path.

Each reading method records what is wrong and returns a default instead of raising, so one pass over the
document reports every problem, not just the first.
"""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from projects.plans.plan_format.errors import PlanIssue

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
_MISSING = object()  # tells an absent key from an explicit null


def model_field(model: type[models.Model], name: str) -> models.Field:
    """The model field whose limits a value must meet (and whose decimal places the export writes)."""
    return model._meta.get_field(name)


def _storable(text: str) -> bool:
    """No NUL (PostgreSQL refuses it in text) and no lone surrogate (not encodable as UTF-8)."""
    return "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)


def unstorable_strings(doc: Any) -> Iterable[str]:
    """The JSON path of every key or string value no database could store, walked without recursion."""
    pending: list[tuple[str, Any]] = [("$", doc)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if not _storable(value):
                yield path
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                if not _storable(key):
                    yield f"{path}.{key.encode('unicode_escape').decode('ascii')}"
                else:
                    pending.append((f"{path}.{key}", item))
        elif isinstance(value, list):
            pending.extend((f"{path}[{index}]", item) for index, item in reversed(list(enumerate(value))))


class Reader:
    def __init__(self) -> None:
        self.errors: list[PlanIssue] = []

    def fail(self, path: str, message: Any) -> None:
        self.errors.append(PlanIssue(path, str(message)))

    # --- containers

    def object(self, value: Any, path: str, keys: Iterable[str], required: Iterable[str] = ()) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, _("expected an object"))
            return None
        allowed = set(keys)
        for key in value:
            if key not in allowed:
                self.fail(f"{path}.{key}", _('unknown key "%(key)s"') % {"key": key})
        for key in required:
            if key not in value:
                self.fail(f"{path}.{key}", _("required"))
        return value

    def items(self, obj: dict, key: str, path: str) -> list[tuple[str, Any]]:
        """The items of a list under `key` (absent: empty), each with its path."""
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", _("expected a list"))
            return []
        return [(f"{path}.{key}[{index}]", item) for index, item in enumerate(value)]

    # --- scalars; each returns the default (or None) when the value is bad, after recording the problem

    def _clean(self, field: models.Field, value: Any, path: str) -> bool:
        """Run the model field's own validation (length, validators, blank) on an already typed value."""
        try:
            field.clean(value, None)
        except ValidationError as error:
            for message in error.messages:
                self.fail(path, message)
            return False
        return True

    def text(self, obj: dict, key: str, path: str, field: models.Field, default: str = "") -> str:
        value = obj.get(key, default)
        where = f"{path}.{key}"
        if not isinstance(value, str):
            self.fail(where, _("expected a string"))
            return default
        return value if self._clean(field, value, where) else default

    def boolean(self, obj: dict, key: str, path: str, default: bool = False) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", _("expected true or false"))
            return default
        return value

    def integer(self, obj: dict, key: str, path: str, field: models.Field, default: int) -> int:
        value = obj.get(key, default)
        where = f"{path}.{key}"
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, _("expected a whole number"))
            return default
        return value if self._clean(field, value, where) else default

    def choice(self, obj: dict, key: str, path: str, choices: Iterable[Any], what: str, default: Any) -> Any:
        """A value from a fixed set (the model's choices or a course catalogue)."""
        value = obj.get(key, default)
        return self.code(value, f"{path}.{key}", choices, what, default)

    def code(self, value: Any, path: str, choices: Iterable[Any], what: str, default: Any = None) -> Any:
        allowed = list(choices)
        wanted_type = int if all(isinstance(choice, int) for choice in allowed) else str
        if wanted_type is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(path, _("expected a whole number"))
            return default
        if wanted_type is str and not isinstance(value, str):
            self.fail(path, _("expected a string"))
            return default
        if value not in allowed:
            self.fail(path, _('unknown %(what)s "%(value)s"') % {"what": what, "value": value})
            return default
        return value

    def codes(self, obj: dict, key: str, path: str, choices: Iterable[Any], what: str) -> tuple:
        allowed = list(choices)
        result = []
        for item_path, item in self.items(obj, key, path):
            value = self.code(item, item_path, allowed, what)
            if value is None:
                continue
            if value in result:
                self.fail(item_path, _("listed twice"))
                continue
            result.append(value)
        return tuple(result)

    def strings(self, obj: dict, key: str, path: str) -> tuple[str, ...]:
        """A list of non-empty strings without repeats (usernames, contact keys, action lines)."""
        result: list[str] = []
        for item_path, item in self.items(obj, key, path):
            if not isinstance(item, str) or not item:
                self.fail(item_path, _("expected a non-empty string"))
            elif item in result:
                self.fail(item_path, _("listed twice"))
            else:
                result.append(item)
        return tuple(result)

    def username(self, obj: dict, key: str, path: str, *, nullable: bool) -> str | None:
        """A username's shape only: whether it is in $.people is checked once every section is read."""
        value = obj.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value:
            self.fail(
                f"{path}.{key}",
                _("expected a username") if not nullable else _("expected a username or null"),
            )
            return None
        return value

    def contact_key(self, obj: dict, key: str, path: str) -> str | None:
        """An optional contact key's shape only: whether it is in $.contacts is checked at the end."""
        value = obj.get(key)
        if value is not None and (not isinstance(value, str) or not value):
            self.fail(f"{path}.{key}", _("expected a contact key or null"))
            return None
        return value

    def date(self, obj: dict, key: str, path: str, *, nullable: bool) -> date | None:
        value = obj.get(key)
        where = f"{path}.{key}"
        if value is None:
            if not nullable and key in obj:
                self.fail(where, _("expected a date as YYYY-MM-DD"))
            return None
        if not isinstance(value, str) or not DATE_RE.match(value):
            self.fail(where, _("expected a date as YYYY-MM-DD"))
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(where, _('no such date "%(value)s"') % {"value": value})
            return None

    def decimal(
        self, obj: dict, key: str, path: str, field: models.DecimalField, default: Decimal | None
    ) -> Decimal | None:
        """A decimal written as a string ("12.50"), 0 or more, fitting the model field's digits; null only
        where the field is nullable."""
        value = obj.get(key, _MISSING)
        where = f"{path}.{key}"
        if value is _MISSING or (value is None and field.null):
            return default if value is _MISSING else None
        # The pattern admits only what Decimal() reads, so the conversion below cannot fail.
        if not isinstance(value, str) or not DECIMAL_RE.match(value):
            self.fail(where, _('expected a decimal number written as a string, e.g. "12.50"'))
            return default
        number = Decimal(value)
        if number < 0:
            self.fail(where, _("must be 0 or more"))
            return default
        return number if self._clean(field, number, where) else default
