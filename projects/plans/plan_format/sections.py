"""Reading the plan's flat sections: the project, both sides' people, internal selling, the control points
and the thresholds. Each reader checks shapes and values only; references are checked by parse.py."""

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from accounts.models import Account, Contact, Function, Level, Personality, ProcurementGroup
from projects.deals.models import (
    ControlPoint,
    ControlPointStatus,
    CustomerState,
    Engagement,
    InternalSale,
    InternalSaleStatus,
    Project,
    Stage,
    Strategy,
    TeamThresholds,
)
from projects.plans.plan_format.document import (
    THRESHOLD_FIELDS,
    ParsedAccount,
    ParsedContact,
    ParsedControlPoint,
    ParsedEngagement,
    ParsedInternalSale,
    ParsedPerson,
    ParsedProject,
)
from projects.plans.plan_format.reader import Reader, model_field
from projects.rules import data
from projects.rules.course import ALL_STATE_SIGNS, CONTROL_POINTS, INTERNAL_TARGETS
from salescamp.models import Rank, User

INTERNAL_TARGET_CODES = [code for code, _label in INTERNAL_TARGETS]


def read_account(r: Reader, value: Any) -> ParsedAccount:
    path = "$.account"
    obj = r.object(value, path, ("name", "industry", "region"), required=("name",))
    if obj is None:
        return ParsedAccount(name="")
    return ParsedAccount(
        name=r.text(obj, "name", path, model_field(Account, "name")),
        industry=r.text(obj, "industry", path, model_field(Account, "industry")),
        region=r.text(obj, "region", path, model_field(Account, "region")),
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


def read_contacts(r: Reader, doc: dict) -> tuple[ParsedContact, ...]:
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
        name = r.text(obj, "name", path, model_field(Contact, "name"))
        if name and name in name_paths:
            # The import matches contacts by name within the account, so a name must be unique here.
            r.fail(
                f"{path}.name",
                _('name "%(name)s" already used by %(other)s: contacts are matched by name')
                % {"name": name, "other": name_paths[name]},
            )
        elif name:
            name_paths[name] = path
        reports_to = r.contact_key(obj, "reports_to", path)
        contacts.append(
            ParsedContact(
                key=key or "",
                name=name,
                title=r.text(obj, "title", path, model_field(Contact, "title")),
                level=r.choice(obj, "level", path, Level.values, _("level"), Level.STAFF),
                function=r.choice(obj, "function", path, Function.values, _("function"), Function.TECHNICAL),
                procurement_group=r.choice(
                    obj, "procurement_group", path, ProcurementGroup.values, _("procurement group"), ""
                ),
                reports_to=reports_to,
                personality=r.choice(
                    obj, "personality", path, Personality.values, _("personality"), Personality.UNKNOWN
                ),
                phone=r.text(obj, "phone", path, model_field(Contact, "phone")),
                wechat=r.text(obj, "wechat", path, model_field(Contact, "wechat")),
                email=r.text(obj, "email", path, model_field(Contact, "email")),
                notes=r.text(obj, "notes", path, model_field(Contact, "notes")),
            )
        )
    return tuple(contacts)


def read_people(r: Reader, doc: dict) -> tuple[ParsedPerson, ...]:
    people = []
    seen: dict[str, str] = {}
    for path, item in r.items(doc, "people", "$"):
        obj = r.object(item, path, ("username", "display_name", "rank"), required=("username", "rank"))
        if obj is None:
            continue
        username = r.text(obj, "username", path, model_field(User, "username"))
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
                display_name=r.text(obj, "display_name", path, model_field(User, "display_name")),
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
    "our_price",
    "their_price",
    "state",
    "state_signs",
    "strategy",
    "shared_with",
)


def read_project(r: Reader, value: Any) -> ParsedProject:
    path = "$.project"
    obj = r.object(value, path, PROJECT_KEYS, required=("name", "owner"))
    if obj is None:
        return ParsedProject(name="", owner="")
    owner = obj.get("owner", "")
    if not isinstance(owner, str) or not owner:
        r.fail(f"{path}.owner", _("expected a username"))
        owner = ""
    stage = r.choice(obj, "stage", path, Stage.values, _("stage"), Stage.LEAD)
    outcome_reason = r.text(obj, "outcome_reason", path, model_field(Project, "outcome_reason"))
    if stage in (Stage.WON, Stage.LOST) and not outcome_reason.strip():
        r.fail(f"{path}.outcome_reason", _("say why the project was won or lost: the team learns from it"))
    return ParsedProject(
        name=r.text(obj, "name", path, model_field(Project, "name")),
        owner=owner,
        stage=stage,
        outcome_reason=outcome_reason,
        amount=r.decimal(obj, "amount", path, model_field(Project, "amount"), Decimal("0")),
        expected_close=r.date(obj, "expected_close", path, nullable=True),
        our_price=r.decimal(obj, "our_price", path, model_field(Project, "our_price"), None),
        their_price=r.decimal(obj, "their_price", path, model_field(Project, "their_price"), None),
        state=r.choice(obj, "state", path, CustomerState.values, _("customer state"), ""),
        state_signs=r.codes(obj, "state_signs", path, ALL_STATE_SIGNS, _("state sign")),
        strategy=r.choice(obj, "strategy", path, Strategy.values, _("strategy"), ""),
        shared_with=r.strings(obj, "shared_with", path),
    )


def read_engagement(r: Reader, doc: dict) -> tuple[ParsedEngagement, ...]:
    result = []
    for path, item in r.items(doc, "engagement", "$"):
        obj = r.object(item, path, ("username", "part"), required=("username",))
        if obj is None:
            continue
        username = r.username(obj, "username", path, nullable=False)
        if username and any(e.username == username for e in result):
            r.fail(f"{path}.username", _("listed twice"))
            continue
        result.append(
            ParsedEngagement(
                username=username or "", part=r.text(obj, "part", path, model_field(Engagement, "part"))
            )
        )
    return tuple(result)


def read_internal_sales(r: Reader, doc: dict) -> tuple[ParsedInternalSale, ...]:
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
                person=r.username(obj, "person", path, nullable=True),
                commitment=r.text(obj, "commitment", path, model_field(InternalSale, "commitment")),
                status=r.choice(
                    obj, "status", path, InternalSaleStatus.values, _("status"), InternalSaleStatus.PLANNED
                ),
            )
        )
    return tuple(result)


def read_control_points(r: Reader, doc: dict) -> tuple[ParsedControlPoint, ...]:
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
        if len("\n".join(actions)) > model_field(ControlPoint, "actions").max_length:
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


def read_thresholds(r: Reader, value: Any) -> data.Thresholds:
    path = "$.thresholds"
    obj = r.object(value, path, THRESHOLD_FIELDS)
    if obj is None:
        return data.Thresholds()
    defaults = data.Thresholds()
    values = {}
    for name in THRESHOLD_FIELDS:
        field = model_field(TeamThresholds, name)
        default = getattr(defaults, name)
        if isinstance(field, models.DecimalField):
            values[name] = r.decimal(obj, name, path, field, default)
        else:
            values[name] = r.integer(obj, name, path, field, default)
    return data.Thresholds(**values)
