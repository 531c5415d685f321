"""The plan as a JSON file (计划的 JSON 格式): export, validate, check and import — see docs/plan-format.md.

    doc = export_project(project)           # a plain dict, stable order, no database ids
    parsed = parse_plan(doc)                # validates everything without touching the database
    plan = to_plan_data(parsed)             # the warnings engine's plain data, still no database
    project = import_plan(doc, team=team)   # one transaction: all or nothing

Every problem is reported with the JSON path of the bad value (`$.chain[2].roles[0]: unknown role "boss"`)
in a PlanFormatError that collects all of them.
"""

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import Account, Contact, Function, Level, Personality, ProcurementGroup
from salescamp.models import Membership, Rank, Team, User

from .course import ALL_RESOURCES, ALL_STATE_SIGNS, CONTROL_POINTS, INTERNAL_TARGETS
from .loader import load_project, thresholds_for
from .models import (
    Activity,
    ActivityKind,
    Ask,
    AskKind,
    ChainMember,
    ControlPoint,
    ControlPointStatus,
    CustomerState,
    Depth,
    Engagement,
    GiftKind,
    InternalSale,
    InternalSaleStatus,
    Pain,
    PainKind,
    Project,
    Role,
    Stage,
    Stance,
    Strategy,
    TeamThresholds,
    Topic,
)
from .rules import data

FORMAT = "salescamp.plan"
VERSION = 1


# ---------------------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class PlanIssue:
    path: str  # JSON path of the bad value, e.g. "$.chain[2].roles[0]"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PlanFormatError(Exception):
    """One or more problems in a plan document, each naming the JSON path of the bad value."""

    def __init__(self, errors: Iterable[PlanIssue]):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    @classmethod
    def single(cls, path: str, message: str) -> "PlanFormatError":
        return cls([PlanIssue(path, message)])

    def lines(self) -> list[str]:
        return [str(error) for error in self.errors]


# ---------------------------------------------------------------------------------------------------------
# The parsed document: plain Python values, references still by contact key and username


@dataclass(frozen=True, kw_only=True)
class ParsedAccount:
    name: str
    industry: str = ""
    region: str = ""


@dataclass(frozen=True, kw_only=True)
class ParsedContact:
    key: str
    name: str
    title: str = ""
    level: int = Level.STAFF
    function: str = Function.TECHNICAL
    procurement_group: str = ProcurementGroup.NONE
    reports_to: str | None = None  # a contact key
    personality: str = Personality.UNKNOWN
    phone: str = ""
    wechat: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class ParsedPerson:
    username: str
    display_name: str = ""
    rank: int = Rank.REP

    @property
    def name(self) -> str:
        return self.display_name or self.username


@dataclass(frozen=True, kw_only=True)
class ParsedProject:
    name: str
    owner: str  # username
    stage: str = Stage.LEAD
    outcome_reason: str = ""
    amount: Decimal = Decimal("0")
    expected_close: date | None = None
    state: str = CustomerState.UNKNOWN
    state_signs: tuple[str, ...] = ()
    strategy: str = Strategy.UNDECIDED
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedPain:
    text: str
    kind: str = PainKind.OTHER


@dataclass(frozen=True, kw_only=True)
class ParsedMember:
    contact: str  # contact key
    roles: tuple[str, ...] = ()
    stance: str = Stance.NEUTRAL
    depth: int = Depth.STRANGER
    owner: str | None = None  # username; None: the project owner
    acquaintance: str = ""
    added_on: date | None = None  # None: the day of the import (or of the check)
    pains: tuple[ParsedPain, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedEngagement:
    username: str
    part: str = ""


@dataclass(frozen=True, kw_only=True)
class ParsedInternalSale:
    target: str
    commitment: str
    person: str | None = None  # username
    status: str = InternalSaleStatus.PLANNED


@dataclass(frozen=True, kw_only=True)
class ParsedAsk:
    text: str
    kind: str = AskKind.INFORMATION
    contact: str | None = None  # contact key


@dataclass(frozen=True, kw_only=True)
class ParsedActivity:
    kind: str
    date: date
    done: bool = False
    our_people: tuple[str, ...] = ()  # usernames
    contacts: tuple[str, ...] = ()  # contact keys
    topics: tuple[str, ...] = ()
    gift_kind: str = GiftKind.NONE
    gift_value: Decimal | None = None
    gift_approved: bool = False
    goal: str = ""
    hook: str = ""
    outcome: str = ""
    reason_met: str = ""
    resources: tuple[str, ...] = ()
    other_departments: tuple[str, ...] = ()
    control_points: tuple[int, ...] = ()
    presales_days: Decimal = Decimal("0")
    asks: tuple[ParsedAsk, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedControlPoint:
    number: int
    status: str = ControlPointStatus.NOT_STARTED
    actions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedPlan:
    version: int
    project: ParsedProject
    account: ParsedAccount
    contacts: tuple[ParsedContact, ...] = ()
    people: tuple[ParsedPerson, ...] = ()
    engagement: tuple[ParsedEngagement, ...] = ()
    chain: tuple[ParsedMember, ...] = ()
    internal_sales: tuple[ParsedInternalSale, ...] = ()
    activities: tuple[ParsedActivity, ...] = ()
    control_points: tuple[ParsedControlPoint, ...] = ()
    thresholds: data.Thresholds = field(default_factory=data.Thresholds)

    def contact(self, key: str) -> ParsedContact:
        return next(contact for contact in self.contacts if contact.key == key)

    def person(self, username: str) -> ParsedPerson:
        return next(person for person in self.people if person.username == username)


# ---------------------------------------------------------------------------------------------------------
# Reading: a small checker that walks the document and collects every problem with its path

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
_MISSING = object()


def _field(model: type[models.Model], name: str) -> models.Field:
    return model._meta.get_field(name)


class _Reader:
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

    def _get(self, obj: dict, key: str, default: Any) -> Any:
        return obj.get(key, default)

    def _clean(self, model_field: models.Field | None, value: Any, path: str) -> bool:
        """Run the model field's own validation (length, validators, blank) on an already typed value."""
        if model_field is None:
            return True
        try:
            model_field.clean(value, None)
        except ValidationError as error:
            for message in error.messages:
                self.fail(path, message)
            return False
        return True

    def text(
        self, obj: dict, key: str, path: str, model_field: models.Field | None, default: str = ""
    ) -> str:
        value = obj.get(key, default)
        where = f"{path}.{key}"
        if not isinstance(value, str):
            self.fail(where, _("expected a string"))
            return default
        return value if self._clean(model_field, value, where) else default

    def boolean(self, obj: dict, key: str, path: str, default: bool = False) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", _("expected true or false"))
            return default
        return value

    def integer(self, obj: dict, key: str, path: str, model_field: models.Field | None, default: int) -> int:
        value = obj.get(key, default)
        where = f"{path}.{key}"
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, _("expected a whole number"))
            return default
        return value if self._clean(model_field, value, where) else default

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
        self, obj: dict, key: str, path: str, model_field: models.Field, default: Decimal | None
    ) -> Decimal | None:
        """A decimal written as a string ("12.50"), 0 or more, fitting the model field's digits."""
        value = obj.get(key, _MISSING)
        where = f"{path}.{key}"
        if value is _MISSING or (value is None and model_field.null):
            return default if value is _MISSING else None
        if not isinstance(value, str) or not DECIMAL_RE.match(value):
            self.fail(where, _('expected a decimal number written as a string, e.g. "12.50"'))
            return default
        try:
            number = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern already rules this out
            self.fail(where, _('expected a decimal number written as a string, e.g. "12.50"'))
            return default
        if number < 0:
            self.fail(where, _("must be 0 or more"))
            return default
        return number if self._clean(model_field, number, where) else default


def _labels(choices: Iterable[tuple[Any, Any]]) -> list[Any]:
    return [value for value, _label in choices]


INTERNAL_TARGET_CODES = _labels(INTERNAL_TARGETS)


def _read_header(doc: Any) -> None:
    if not isinstance(doc, dict):
        raise PlanFormatError.single("$", _("expected an object"))
    if doc.get("format") != FORMAT:
        raise PlanFormatError.single(
            "$.format", _('expected "%(format)s", the plan format\'s name') % {"format": FORMAT}
        )
    version = doc.get("version")
    if type(version) is not int or version != VERSION:
        raise PlanFormatError.single(
            "$.version",
            _("unsupported version %(version)s: this app reads version %(supported)s")
            % {"version": json.dumps(version), "supported": VERSION},
        )


TOP_KEYS = (
    "format",
    "version",
    "project",
    "account",
    "contacts",
    "people",
    "engagement",
    "chain",
    "internal_sales",
    "activities",
    "control_points",
    "thresholds",
)


def parse_plan(doc: Any) -> ParsedPlan:
    """Validate a whole plan document without touching the database; raise PlanFormatError listing
    every problem with its JSON path."""
    _read_header(doc)
    r = _Reader()
    r.object(doc, "$", TOP_KEYS, required=("format", "version", "project", "account"))

    account = _read_account(r, doc.get("account", {}))
    contacts = _read_contacts(r, doc)
    people = _read_people(r, doc)
    project = _read_project(r, doc.get("project", {}))
    engagement = _read_engagement(r, doc)
    chain = _read_chain(r, doc)
    internal_sales = _read_internal_sales(r, doc)
    activities = _read_activities(r, doc)
    control_points = _read_control_points(r, doc)
    thresholds = _read_thresholds(r, doc.get("thresholds", {}))

    parsed = ParsedPlan(
        version=VERSION,
        project=project,
        account=account,
        contacts=contacts,
        people=people,
        engagement=engagement,
        chain=chain,
        internal_sales=internal_sales,
        activities=activities,
        control_points=control_points,
        thresholds=thresholds,
    )
    _check_references(r, parsed)
    if r.errors:
        raise PlanFormatError(r.errors)
    return parsed


def _read_account(r: _Reader, value: Any) -> ParsedAccount:
    path = "$.account"
    obj = r.object(value, path, ("name", "industry", "region"), required=("name",))
    if obj is None:
        return ParsedAccount(name="")
    return ParsedAccount(
        name=r.text(obj, "name", path, _field(Account, "name")),
        industry=r.text(obj, "industry", path, _field(Account, "industry")),
        region=r.text(obj, "region", path, _field(Account, "region")),
    )


CONTACT_KEYS = (
    "key",
    "name",
    "title",
    "level",
    "function",
    "procurement_group",
    "reports_to",
    "personality",
    "phone",
    "wechat",
    "email",
    "notes",
)


def _read_contacts(r: _Reader, doc: dict) -> tuple[ParsedContact, ...]:
    contacts = []
    key_paths: dict[str, str] = {}
    name_paths: dict[str, str] = {}
    for path, item in r.items(doc, "contacts", "$"):
        obj = r.object(item, path, CONTACT_KEYS, required=("key", "name"))
        if obj is None:
            continue
        key = obj.get("key")
        if not isinstance(key, str) or not key.strip() or len(key) > 100:
            r.fail(f"{path}.key", _("expected a non-empty string of at most 100 characters"))
            key = None
        elif key in key_paths:
            r.fail(
                f"{path}.key",
                _('key "%(key)s" already used by %(other)s') % {"key": key, "other": key_paths[key]},
            )
        else:
            key_paths[key] = path
        name = r.text(obj, "name", path, _field(Contact, "name"))
        if name and name in name_paths:
            # The import matches contacts by name within the account, so a name must be unique here.
            r.fail(
                f"{path}.name",
                _('name "%(name)s" already used by %(other)s: contacts are matched by name')
                % {"name": name, "other": name_paths[name]},
            )
        elif name:
            name_paths[name] = path
        reports_to = obj.get("reports_to")
        if reports_to is not None and (not isinstance(reports_to, str) or not reports_to):
            r.fail(f"{path}.reports_to", _("expected a contact key or null"))
            reports_to = None
        contacts.append(
            ParsedContact(
                key=key or "",
                name=name,
                title=r.text(obj, "title", path, _field(Contact, "title")),
                level=r.choice(obj, "level", path, Level.values, _("level"), Level.STAFF),
                function=r.choice(obj, "function", path, Function.values, _("function"), Function.TECHNICAL),
                procurement_group=r.choice(
                    obj, "procurement_group", path, ProcurementGroup.values, _("procurement group"), ""
                ),
                reports_to=reports_to,
                personality=r.choice(
                    obj, "personality", path, Personality.values, _("personality"), Personality.UNKNOWN
                ),
                phone=r.text(obj, "phone", path, _field(Contact, "phone")),
                wechat=r.text(obj, "wechat", path, _field(Contact, "wechat")),
                email=r.text(obj, "email", path, _field(Contact, "email")),
                notes=r.text(obj, "notes", path, _field(Contact, "notes")),
            )
        )
    return tuple(contacts)


def _read_people(r: _Reader, doc: dict) -> tuple[ParsedPerson, ...]:
    people = []
    seen: dict[str, str] = {}
    for path, item in r.items(doc, "people", "$"):
        obj = r.object(item, path, ("username", "display_name", "rank"), required=("username", "rank"))
        if obj is None:
            continue
        username = r.text(obj, "username", path, _field(User, "username"))
        if username in seen:
            r.fail(
                f"{path}.username",
                _('username "%(username)s" already listed at %(other)s')
                % {"username": username, "other": seen[username]},
            )
        elif username:
            seen[username] = path
        people.append(
            ParsedPerson(
                username=username,
                display_name=r.text(obj, "display_name", path, _field(User, "display_name")),
                rank=r.choice(obj, "rank", path, Rank.values, _("rank"), Rank.REP),
            )
        )
    return tuple(people)


PROJECT_KEYS = (
    "name",
    "owner",
    "stage",
    "outcome_reason",
    "amount",
    "expected_close",
    "state",
    "state_signs",
    "strategy",
    "shared_with",
)


def _read_project(r: _Reader, value: Any) -> ParsedProject:
    path = "$.project"
    obj = r.object(value, path, PROJECT_KEYS, required=("name", "owner"))
    if obj is None:
        return ParsedProject(name="", owner="")
    owner = obj.get("owner", "")
    if not isinstance(owner, str) or not owner:
        r.fail(f"{path}.owner", _("expected a username"))
        owner = ""
    stage = r.choice(obj, "stage", path, Stage.values, _("stage"), Stage.LEAD)
    outcome_reason = r.text(obj, "outcome_reason", path, _field(Project, "outcome_reason"))
    if stage in (Stage.WON, Stage.LOST) and not outcome_reason.strip():
        r.fail(f"{path}.outcome_reason", _("say why the project was won or lost: the team learns from it"))
    return ParsedProject(
        name=r.text(obj, "name", path, _field(Project, "name")),
        owner=owner,
        stage=stage,
        outcome_reason=outcome_reason,
        amount=r.decimal(obj, "amount", path, _field(Project, "amount"), Decimal("0")),
        expected_close=r.date(obj, "expected_close", path, nullable=True),
        state=r.choice(obj, "state", path, CustomerState.values, _("customer state"), ""),
        state_signs=r.codes(obj, "state_signs", path, ALL_STATE_SIGNS, _("state sign")),
        strategy=r.choice(obj, "strategy", path, Strategy.values, _("strategy"), ""),
        shared_with=r.strings(obj, "shared_with", path),
    )


def _username(r: _Reader, obj: dict, key: str, path: str, *, nullable: bool) -> str | None:
    value = obj.get(key)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value:
        r.fail(
            f"{path}.{key}", _("expected a username") if not nullable else _("expected a username or null")
        )
        return None
    return value


def _read_engagement(r: _Reader, doc: dict) -> tuple[ParsedEngagement, ...]:
    result = []
    for path, item in r.items(doc, "engagement", "$"):
        obj = r.object(item, path, ("username", "part"), required=("username",))
        if obj is None:
            continue
        username = _username(r, obj, "username", path, nullable=False)
        if username and any(e.username == username for e in result):
            r.fail(f"{path}.username", _("listed twice"))
            continue
        result.append(
            ParsedEngagement(
                username=username or "", part=r.text(obj, "part", path, _field(Engagement, "part"))
            )
        )
    return tuple(result)


MEMBER_KEYS = ("contact", "roles", "stance", "depth", "owner", "acquaintance", "added_on", "pains")


def _read_chain(r: _Reader, doc: dict) -> tuple[ParsedMember, ...]:
    result = []
    for path, item in r.items(doc, "chain", "$"):
        obj = r.object(item, path, MEMBER_KEYS, required=("contact",))
        if obj is None:
            continue
        contact = obj.get("contact")
        if not isinstance(contact, str) or not contact:
            r.fail(f"{path}.contact", _("expected a contact key"))
            contact = ""
        elif any(m.contact == contact for m in result):
            r.fail(f"{path}.contact", _('contact "%(key)s" is already in the chain') % {"key": contact})
        pains = []
        for pain_path, pain in r.items(obj, "pains", path):
            pain_obj = r.object(pain, pain_path, ("text", "kind"), required=("text",))
            if pain_obj is not None:
                pains.append(
                    ParsedPain(
                        text=r.text(pain_obj, "text", pain_path, _field(Pain, "text")),
                        kind=r.choice(pain_obj, "kind", pain_path, PainKind.values, _("pain kind"), "other"),
                    )
                )
        result.append(
            ParsedMember(
                contact=contact,
                roles=r.codes(obj, "roles", path, Role.values, _("role")),
                stance=r.choice(obj, "stance", path, Stance.values, _("stance"), Stance.NEUTRAL),
                depth=r.choice(obj, "depth", path, Depth.values, _("relationship depth"), Depth.STRANGER),
                owner=_username(r, obj, "owner", path, nullable=True),
                acquaintance=r.text(obj, "acquaintance", path, _field(ChainMember, "acquaintance")),
                added_on=r.date(obj, "added_on", path, nullable=True),
                pains=tuple(pains),
            )
        )
    return tuple(result)


def _read_internal_sales(r: _Reader, doc: dict) -> tuple[ParsedInternalSale, ...]:
    result = []
    for path, item in r.items(doc, "internal_sales", "$"):
        obj = r.object(
            item, path, ("target", "person", "commitment", "status"), required=("target", "commitment")
        )
        if obj is None:
            continue
        result.append(
            ParsedInternalSale(
                target=r.choice(obj, "target", path, INTERNAL_TARGET_CODES, _("internal-selling target"), ""),
                person=_username(r, obj, "person", path, nullable=True),
                commitment=r.text(obj, "commitment", path, _field(InternalSale, "commitment")),
                status=r.choice(
                    obj, "status", path, InternalSaleStatus.values, _("status"), InternalSaleStatus.PLANNED
                ),
            )
        )
    return tuple(result)


ACTIVITY_KEYS = (
    "kind",
    "date",
    "done",
    "our_people",
    "contacts",
    "topics",
    "gift_kind",
    "gift_value",
    "gift_approved",
    "goal",
    "hook",
    "outcome",
    "reason_met",
    "resources",
    "other_departments",
    "control_points",
    "presales_days",
    "asks",
)


def _read_activities(r: _Reader, doc: dict) -> tuple[ParsedActivity, ...]:
    result = []
    for path, item in r.items(doc, "activities", "$"):
        obj = r.object(item, path, ACTIVITY_KEYS, required=("kind", "date"))
        if obj is None:
            continue
        asks = []
        for ask_path, ask in r.items(obj, "asks", path):
            ask_obj = r.object(ask, ask_path, ("kind", "text", "contact"), required=("text",))
            if ask_obj is None:
                continue
            contact = ask_obj.get("contact")
            if contact is not None and (not isinstance(contact, str) or not contact):
                r.fail(f"{ask_path}.contact", _("expected a contact key or null"))
                contact = None
            asks.append(
                ParsedAsk(
                    kind=r.choice(
                        ask_obj, "kind", ask_path, AskKind.values, _("ask kind"), AskKind.INFORMATION
                    ),
                    text=r.text(ask_obj, "text", ask_path, _field(Ask, "text")),
                    contact=contact,
                )
            )
        result.append(
            ParsedActivity(
                kind=r.choice(obj, "kind", path, ActivityKind.values, _("activity type"), ActivityKind.VISIT),
                date=r.date(obj, "date", path, nullable=False) or date.min,
                done=r.boolean(obj, "done", path),
                our_people=r.strings(obj, "our_people", path),
                contacts=r.strings(obj, "contacts", path),
                topics=r.codes(obj, "topics", path, Topic.values, _("topic")),
                gift_kind=r.choice(obj, "gift_kind", path, GiftKind.values, _("gift kind"), ""),
                gift_value=r.decimal(obj, "gift_value", path, _field(Activity, "gift_value"), None),
                gift_approved=r.boolean(obj, "gift_approved", path),
                goal=r.text(obj, "goal", path, _field(Activity, "goal")),
                hook=r.text(obj, "hook", path, _field(Activity, "hook")),
                outcome=r.text(obj, "outcome", path, _field(Activity, "outcome")),
                reason_met=r.text(obj, "reason_met", path, _field(Activity, "reason_met")),
                resources=r.codes(obj, "resources", path, ALL_RESOURCES, _("resource")),
                other_departments=r.codes(obj, "other_departments", path, Function.values, _("department")),
                control_points=r.codes(obj, "control_points", path, CONTROL_POINTS, _("control point")),
                presales_days=r.decimal(
                    obj, "presales_days", path, _field(Activity, "presales_days"), Decimal("0")
                ),
                asks=tuple(asks),
            )
        )
    return tuple(result)


def _read_control_points(r: _Reader, doc: dict) -> tuple[ParsedControlPoint, ...]:
    result = []
    for path, item in r.items(doc, "control_points", "$"):
        obj = r.object(item, path, ("number", "status", "actions"), required=("number",))
        if obj is None:
            continue
        number = r.choice(obj, "number", path, CONTROL_POINTS, _("control point"), None)
        if number is not None and any(cp.number == number for cp in result):
            r.fail(f"{path}.number", _("control point %(number)s is listed twice") % {"number": number})
            continue
        actions = r.strings(obj, "actions", path)
        for index, action in enumerate(actions):
            if "\n" in action or "\r" in action or action != action.strip():
                r.fail(f"{path}.actions[{index}]", _("one action per item: no line breaks or outer spaces"))
        if len("\n".join(actions)) > _field(ControlPoint, "actions").max_length:
            r.fail(f"{path}.actions", _("the actions are too long together"))
        if number is not None:
            result.append(
                ParsedControlPoint(
                    number=number,
                    status=r.choice(
                        obj,
                        "status",
                        path,
                        ControlPointStatus.values,
                        _("status"),
                        ControlPointStatus.NOT_STARTED,
                    ),
                    actions=actions,
                )
            )
    return tuple(sorted(result, key=lambda cp: cp.number))


THRESHOLD_FIELDS = tuple(f.name for f in fields(data.Thresholds))


def _read_thresholds(r: _Reader, value: Any) -> data.Thresholds:
    path = "$.thresholds"
    obj = r.object(value, path, THRESHOLD_FIELDS)
    if obj is None:
        return data.Thresholds()
    defaults = data.Thresholds()
    values = {}
    for name in THRESHOLD_FIELDS:
        model_field = _field(TeamThresholds, name)
        default = getattr(defaults, name)
        if isinstance(model_field, models.DecimalField):
            values[name] = r.decimal(obj, name, path, model_field, default)
        else:
            values[name] = r.integer(obj, name, path, model_field, default)
    return data.Thresholds(**values)


def _check_references(r: _Reader, plan: ParsedPlan) -> None:
    """Contact keys and usernames that point nowhere; reporting loops."""
    keys = {contact.key for contact in plan.contacts}
    usernames = {person.username for person in plan.people}

    # Values already reported as malformed come through as "" and are not reported again.
    def contact_ref(path: str, key: str | None) -> None:
        if key and key not in keys:
            r.fail(path, _('no contact with key "%(key)s" in $.contacts') % {"key": key})

    def user_ref(path: str, username: str | None) -> None:
        if username and username not in usernames:
            r.fail(path, _('no person with username "%(username)s" in $.people') % {"username": username})

    user_ref("$.project.owner", plan.project.owner)
    for index, username in enumerate(plan.project.shared_with):
        user_ref(f"$.project.shared_with[{index}]", username)
    for index, contact in enumerate(plan.contacts):
        contact_ref(f"$.contacts[{index}].reports_to", contact.reports_to)
    for index, engagement in enumerate(plan.engagement):
        user_ref(f"$.engagement[{index}].username", engagement.username)
    for index, member in enumerate(plan.chain):
        contact_ref(f"$.chain[{index}].contact", member.contact)
        user_ref(f"$.chain[{index}].owner", member.owner)
    for index, sale in enumerate(plan.internal_sales):
        user_ref(f"$.internal_sales[{index}].person", sale.person)
    for index, activity in enumerate(plan.activities):
        path = f"$.activities[{index}]"
        for position, username in enumerate(activity.our_people):
            user_ref(f"{path}.our_people[{position}]", username)
        for position, key in enumerate(activity.contacts):
            contact_ref(f"{path}.contacts[{position}]", key)
        for position, ask in enumerate(activity.asks):
            contact_ref(f"{path}.asks[{position}].contact", ask.contact)

    # Reporting loops: follow each contact's bosses; report each loop once, at its first contact.
    boss_of = {contact.key: contact.reports_to for contact in plan.contacts if contact.reports_to in keys}
    index_of = {contact.key: index for index, contact in enumerate(plan.contacts)}
    reported: set[str] = set()
    for contact in plan.contacts:
        walk = [contact.key]
        boss = boss_of.get(contact.key)
        while boss is not None and boss not in walk:
            walk.append(boss)
            boss = boss_of.get(boss)
        if boss is None or boss in reported:
            continue
        loop = walk[walk.index(boss) :]
        reported.update(loop)
        first = min(loop, key=index_of.__getitem__)
        start = loop.index(first)
        ordered = [*loop[start:], *loop[:start], first]
        if len(loop) == 1:
            message = _("a contact cannot report to themselves")
        else:
            message = _("reporting loop: %(loop)s") % {"loop": " → ".join(ordered)}
        r.fail(f"$.contacts[{index_of[first]}].reports_to", message)


# ---------------------------------------------------------------------------------------------------------
# To the engine's plain data (pure: for check_plan, no database)


def to_plan_data(parsed: ParsedPlan, *, today: date | None = None) -> data.PlanData:
    """The warnings engine's data for a parsed document, ordered as projects.loader orders a project.

    Ids are positions in the file (1-based): contacts by their place in $.contacts, activities by their
    place in $.activities, people by their place in $.people. `today` stands in for a missing added_on.
    """
    today = today or date.today()
    person_index = {p.username: index for index, p in enumerate(parsed.people)}
    people = {
        p.username: data.Person(id=index + 1, name=p.name, rank=p.rank)
        for index, p in enumerate(parsed.people)
    }
    contact_index = {c.key: index for index, c in enumerate(parsed.contacts)}
    contacts = {c.key: c for c in parsed.contacts}

    def contact_order(key: str) -> tuple:
        return (-contacts[key].level, contacts[key].name, contact_index[key])

    owner = people[parsed.project.owner]
    engaged = {owner.id: owner}
    engagement = sorted(parsed.engagement, key=lambda e: (-people[e.username].rank, person_index[e.username]))
    for entry in engagement:
        engaged.setdefault(people[entry.username].id, people[entry.username])

    members = tuple(
        data.ChainMember(
            contact_id=contact_index[member.contact] + 1,
            name=contacts[member.contact].name,
            title=contacts[member.contact].title,
            level=contacts[member.contact].level,
            function=contacts[member.contact].function,
            personality=contacts[member.contact].personality,
            roles=frozenset(member.roles),
            stance=member.stance,
            depth=member.depth,
            owner=people[member.owner] if member.owner else None,
            acquaintance=member.acquaintance,
            pains=tuple(data.Pain(text=pain.text, kind=pain.kind) for pain in member.pains),
            added_on=member.added_on or today,
            reports_to_id=(
                contact_index[contacts[member.contact].reports_to] + 1
                if contacts[member.contact].reports_to
                else None
            ),
        )
        for member in sorted(parsed.chain, key=lambda m: contact_order(m.contact))
    )
    numbered = list(enumerate(parsed.activities, start=1))
    # The loader's order: newest first, then the later-created first.
    numbered.sort(key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    activities = tuple(
        data.Activity(
            id=number,
            kind=activity.kind,
            date=activity.date,
            done=activity.done,
            our_people=tuple(
                people[u]
                for u in sorted(activity.our_people, key=lambda u: (-people[u].rank, person_index[u]))
            ),
            contact_ids=tuple(contact_index[key] + 1 for key in sorted(activity.contacts, key=contact_order)),
            topics=frozenset(activity.topics),
            gift_kind=activity.gift_kind,
            gift_value=activity.gift_value,
            gift_approved=activity.gift_approved,
            goal=activity.goal,
            hook=activity.hook,
            outcome=activity.outcome,
            reason_met=activity.reason_met,
            resources=activity.resources,
            asks=tuple(
                data.Ask(
                    kind=ask.kind,
                    text=ask.text,
                    contact_id=contact_index[ask.contact] + 1 if ask.contact else None,
                )
                for ask in activity.asks
            ),
            other_departments=activity.other_departments,
            control_points=frozenset(activity.control_points),
            presales_days=activity.presales_days,
        )
        for number, activity in numbered
    )
    project = parsed.project
    return data.PlanData(
        project_id=0,
        name=project.name,
        stage=project.stage,
        state=project.state,
        strategy=project.strategy,
        owner=owner,
        engaged=tuple(engaged.values()),
        members=members,
        activities=activities,
        control_points=tuple(
            data.ControlPoint(number=cp.number, status=cp.status, actions=cp.actions)
            for cp in parsed.control_points
        ),
        thresholds=parsed.thresholds,
    )


# ---------------------------------------------------------------------------------------------------------
# Export


def _decimal_text(value: Decimal | None, model_field: models.DecimalField) -> str | None:
    """A decimal as a string with the model field's places: Decimal("200") → "200.00"."""
    if value is None:
        return None
    return str(Decimal(value).quantize(Decimal(1).scaleb(-model_field.decimal_places)))


def export_project(project: Project) -> dict:
    """The project as a plan document (see docs/plan-format.md). Same project, same output: every list has
    a fixed order and nothing carries a database id."""
    loaded = load_project(project)
    account = project.account
    contacts = list(
        Contact.objects.filter(account=account).select_related("reports_to").order_by("-level", "name", "pk")
    )
    key_of = {contact.pk: f"c{index}" for index, contact in enumerate(contacts, start=1)}

    users: dict[int, User] = {project.owner.pk: project.owner}
    shared = sorted(project.shared_with.all(), key=lambda u: u.username)
    for user in shared:
        users[user.pk] = user
    for engagement in loaded.engagements:
        users[engagement.user.pk] = engagement.user
    for member in loaded.members:
        if member.owner:
            users[member.owner.pk] = member.owner
    for sale in loaded.internal_sales:
        if sale.person:
            users[sale.person.pk] = sale.person
    for activity in loaded.activities:
        for user in activity.our_people.all():
            users[user.pk] = user

    def by_rank(user: User) -> tuple:
        return (-user.rank, user.username)

    activities = sorted(loaded.activities, key=lambda a: (a.date, a.pk))
    control_points = {cp.number: cp for cp in loaded.control_points}
    thresholds = thresholds_for(project)
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": {
            "name": project.name,
            "owner": project.owner.username,
            "stage": project.stage,
            "outcome_reason": project.outcome_reason,
            "amount": _decimal_text(project.amount, _field(Project, "amount")),
            "expected_close": project.expected_close.isoformat() if project.expected_close else None,
            "state": project.state,
            "state_signs": list(project.state_signs),
            "strategy": project.strategy,
            "shared_with": [user.username for user in shared],
        },
        "account": {"name": account.name, "industry": account.industry, "region": account.region},
        "contacts": [
            {
                "key": key_of[contact.pk],
                "name": contact.name,
                "title": contact.title,
                "level": contact.level,
                "function": contact.function,
                "procurement_group": contact.procurement_group,
                "reports_to": key_of.get(contact.reports_to_id) if contact.reports_to_id else None,
                "personality": contact.personality,
                "phone": contact.phone,
                "wechat": contact.wechat,
                "email": contact.email,
                "notes": contact.notes,
            }
            for contact in contacts
        ],
        "people": [
            {"username": user.username, "display_name": str(user), "rank": user.rank}
            for user in sorted(users.values(), key=by_rank)
        ],
        "engagement": [
            {"username": e.user.username, "part": e.part}
            for e in sorted(loaded.engagements, key=lambda e: by_rank(e.user))
        ],
        "chain": [
            {
                "contact": key_of[member.contact_id],
                "roles": list(member.roles),
                "stance": member.stance,
                "depth": member.depth,
                "owner": member.owner.username if member.owner else None,
                "acquaintance": member.acquaintance,
                "added_on": member.added_on.isoformat(),
                "pains": [{"text": pain.text, "kind": pain.kind} for pain in member.pains.all()],
            }
            for member in sorted(
                loaded.members, key=lambda m: (-m.contact.level, m.contact.name, m.contact_id)
            )
        ],
        "internal_sales": [
            {
                "target": sale.target,
                "person": sale.person.username if sale.person else None,
                "commitment": sale.commitment,
                "status": sale.status,
            }
            for sale in sorted(loaded.internal_sales, key=lambda s: s.pk)
        ],
        "activities": [
            {
                "kind": activity.kind,
                "date": activity.date.isoformat(),
                "done": activity.done,
                "our_people": [user.username for user in sorted(activity.our_people.all(), key=by_rank)],
                "contacts": [
                    key_of[contact.pk]
                    for contact in sorted(activity.contacts.all(), key=lambda c: (-c.level, c.name, c.pk))
                ],
                "topics": list(activity.topics),
                "gift_kind": activity.gift_kind,
                "gift_value": _decimal_text(activity.gift_value, _field(Activity, "gift_value")),
                "gift_approved": activity.gift_approved,
                "goal": activity.goal,
                "hook": activity.hook,
                "outcome": activity.outcome,
                "reason_met": activity.reason_met,
                "resources": list(activity.resources),
                "other_departments": list(activity.other_departments),
                "control_points": list(activity.control_points),
                "presales_days": _decimal_text(activity.presales_days, _field(Activity, "presales_days")),
                "asks": [
                    {"kind": ask.kind, "text": ask.text, "contact": key_of.get(ask.contact_id)}
                    for ask in sorted(activity.asks.all(), key=lambda a: a.pk)
                ],
            }
            for activity in activities
        ],
        "control_points": [
            {
                "number": number,
                "status": control_points[number].status if number in control_points else "not_started",
                "actions": control_points[number].action_list() if number in control_points else [],
            }
            for number in CONTROL_POINTS
        ],
        "thresholds": {
            name: (
                _decimal_text(getattr(thresholds, name), _field(TeamThresholds, name))
                if isinstance(_field(TeamThresholds, name), models.DecimalField)
                else getattr(thresholds, name)
            )
            for name in THRESHOLD_FIELDS
        },
    }


def dumps(doc: dict) -> str:
    """The document as the commands write it: UTF-8 text, Chinese unescaped, indent 2, newline at the end."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def loads(text: str | bytes) -> Any:
    """Parse JSON text; bad JSON becomes a PlanFormatError at "$" with the line and column."""
    try:
        return json.loads(text)
    except UnicodeDecodeError:
        raise PlanFormatError.single("$", _("the file is not UTF-8 text")) from None
    except json.JSONDecodeError as error:
        raise PlanFormatError.single(
            "$",
            _("not valid JSON: %(problem)s at line %(line)s, column %(column)s")
            % {"problem": error.msg, "line": error.lineno, "column": error.colno},
        ) from None


def read_document(file: str) -> Any:
    """Read and parse a JSON file ("-": stdin) for the commands; any problem is a PlanFormatError."""
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        raise PlanFormatError.single(
            "$", _("cannot read %(file)s: %(problem)s") % {"file": file, "problem": error.strerror or error}
        ) from None
    return loads(raw)


# ---------------------------------------------------------------------------------------------------------
# Import


def _model_errors(
    error: ValidationError, path: str, field_paths: dict[str, str] | None = None
) -> PlanFormatError:
    """A model's ValidationError as PlanFormatError lines, each at the JSON path of the field."""
    field_paths = field_paths or {}
    issues = []
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            where = path if name == NON_FIELD_ERRORS else field_paths.get(name, f"{path}.{name}")
            issues.extend(PlanIssue(where, message) for message in messages)
    else:
        issues.extend(PlanIssue(path, message) for message in error.messages)
    return PlanFormatError(issues)


def _save(instance: models.Model, path: str, field_paths: dict[str, str] | None = None, **clean: Any) -> None:
    try:
        instance.full_clean(**clean)
    except ValidationError as error:
        raise _model_errors(error, path, field_paths) from None
    instance.save()


def _resolve_users(parsed: ParsedPlan) -> dict[str, User]:
    found = {
        user.username: user for user in User.objects.filter(username__in=[p.username for p in parsed.people])
    }
    missing = [
        PlanIssue(
            f"$.people[{index}].username", _('no user "%(username)s" in this app') % {"username": p.username}
        )
        for index, p in enumerate(parsed.people)
        if p.username not in found
    ]
    if missing:
        raise PlanFormatError(missing)
    return found


def _team_for(owner: User, team: Team | None) -> Team:
    if team is not None:
        return team
    teams = list(Team.objects.filter(pk__in=Membership.objects.filter(user=owner).values("team_id")))
    if len(teams) != 1:
        raise PlanFormatError.single(
            "$.project.owner",
            _("%(username)s belongs to %(count)s teams: say which team to import into")
            % {"username": owner.username, "count": len(teams)},
        )
    return teams[0]


CONTACT_FIELDS = (
    "title",
    "level",
    "function",
    "procurement_group",
    "personality",
    "phone",
    "wechat",
    "email",
    "notes",
)


def import_plan(doc: Any, *, team: Team | None = None, owner: User | None = None) -> Project:
    """Create a new project from a plan document, in one transaction: all of it or nothing.

    Users are matched by username and must exist. The account is matched by name within the team, or
    created; contacts by name within the account, then updated from the file, or created. The team's
    thresholds are not touched (they belong to the team). `owner` overrides $.project.owner; `team`
    defaults to the owner's only team.
    """
    parsed = parse_plan(doc)
    with transaction.atomic():
        users = _resolve_users(parsed)
        owner = owner or users[parsed.project.owner]
        team = _team_for(owner, team)

        account = Account.objects.filter(team=team, name=parsed.account.name).order_by("pk").first()
        if account is None:
            account = Account(
                team=team,
                name=parsed.account.name,
                industry=parsed.account.industry,
                region=parsed.account.region,
            )
            _save(account, "$.account")

        contacts = _import_contacts(parsed, account)
        project = _import_project(parsed, account, team, owner, users)

        for index, entry in enumerate(parsed.engagement):
            path = f"$.engagement[{index}]"
            _save(
                Engagement(project=project, user=users[entry.username], part=entry.part),
                path,
                {"user": f"{path}.username"},
            )
        for index, member in enumerate(parsed.chain):
            _import_member(project, member, f"$.chain[{index}]", contacts, users)
        for index, sale in enumerate(parsed.internal_sales):
            _save(
                InternalSale(
                    project=project,
                    target=sale.target,
                    person=users[sale.person] if sale.person else None,
                    commitment=sale.commitment,
                    status=sale.status,
                ),
                f"$.internal_sales[{index}]",
            )
        for index, activity in enumerate(parsed.activities):
            _import_activity(project, activity, f"$.activities[{index}]", contacts, users)
        for index, cp in enumerate(parsed.control_points):
            _save(
                ControlPoint(
                    project=project, number=cp.number, status=cp.status, actions="\n".join(cp.actions)
                ),
                f"$.control_points[{index}]",
            )
    return project


def _import_contacts(parsed: ParsedPlan, account: Account) -> dict[str, Contact]:
    """Create or update the file's contacts; reporting lines are set afterwards, bosses first, so no
    half-updated state can look like a loop."""
    contacts: dict[str, Contact] = {}
    bumped: set[int] = set()  # an existing contact's version goes up once per import

    def bump(contact: Contact) -> None:
        if contact.pk not in bumped:
            bumped.add(contact.pk)
            contact.version += 1

    for index, entry in enumerate(parsed.contacts):
        path = f"$.contacts[{index}]"
        contact = Contact.objects.filter(account=account, name=entry.name).order_by("pk").first()
        values = {name: getattr(entry, name) for name in CONTACT_FIELDS}
        if contact is None:
            contact = Contact(account=account, name=entry.name, **values)
            _save(contact, path)
        elif any(getattr(contact, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(contact, name, value)
            bump(contact)
            _save(contact, path)
        contacts[entry.key] = contact

    done: set[str] = set()

    def set_boss(key: str) -> None:
        if key in done:
            return
        done.add(key)
        entry = parsed.contact(key)
        if entry.reports_to:
            set_boss(entry.reports_to)
        contact = contacts[key]
        boss = contacts[entry.reports_to] if entry.reports_to else None
        if contact.reports_to_id != (boss.pk if boss else None):
            contact.reports_to = boss
            bump(contact)
            index = parsed.contacts.index(entry)
            _save(contact, f"$.contacts[{index}]")

    for entry in parsed.contacts:
        set_boss(entry.key)
    return contacts


def _import_project(
    parsed: ParsedPlan, account: Account, team: Team, owner: User, users: dict[str, User]
) -> Project:
    p = parsed.project
    project = Project(
        account=account,
        team=team,
        owner=owner,
        name=p.name,
        stage=p.stage,
        outcome_reason=p.outcome_reason,
        amount=p.amount,
        expected_close=p.expected_close,
        state=p.state,
        state_signs=list(p.state_signs),
        strategy=p.strategy,
    )
    _save(project, "$.project", {"account": "$.account.name", "team": "$.project.owner"})
    project.shared_with.set([users[username] for username in p.shared_with])
    return project


def _import_member(
    project: Project, entry: ParsedMember, path: str, contacts: dict[str, Contact], users: dict[str, User]
) -> None:
    member = ChainMember(
        project=project,
        contact=contacts[entry.contact],
        roles=list(entry.roles),
        stance=entry.stance,
        depth=entry.depth,
        owner=users[entry.owner] if entry.owner else None,
        acquaintance=entry.acquaintance,
    )
    _save(member, path)
    if entry.added_on is not None:  # added_on is auto_now_add: the file's day is written after the insert
        ChainMember.objects.filter(pk=member.pk).update(added_on=entry.added_on)
        member.added_on = entry.added_on
    for index, pain in enumerate(entry.pains):
        _save(Pain(member=member, text=pain.text, kind=pain.kind), f"{path}.pains[{index}]")


def _import_activity(
    project: Project, entry: ParsedActivity, path: str, contacts: dict[str, Contact], users: dict[str, User]
) -> None:
    activity = Activity(
        project=project,
        kind=entry.kind,
        date=entry.date,
        done=entry.done,
        topics=list(entry.topics),
        gift_kind=entry.gift_kind,
        gift_value=entry.gift_value,
        gift_approved=entry.gift_approved,
        goal=entry.goal,
        hook=entry.hook,
        outcome=entry.outcome,
        reason_met=entry.reason_met,
        resources=list(entry.resources),
        other_departments=list(entry.other_departments),
        control_points=list(entry.control_points),
        presales_days=entry.presales_days,
    )
    _save(activity, path)
    activity.our_people.set([users[username] for username in entry.our_people])
    activity.contacts.set([contacts[key] for key in entry.contacts])
    for index, ask in enumerate(entry.asks):
        _save(
            Ask(
                activity=activity,
                kind=ask.kind,
                text=ask.text,
                contact=contacts[ask.contact] if ask.contact else None,
            ),
            f"{path}.asks[{index}]",
        )
