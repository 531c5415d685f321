"""What every rule hands back: a Warning (预警) about one subject, with the course's reason and next step.

A warning is plain data: its texts are `Text`s, an English msgid with its parameters, translated only when
shown, so a warning computed once (or stored as JSON, see `as_data`) renders in whichever language the
reader uses. Rules write their texts with `gettext_noop` (as `_`), which marks them for translation and
returns the msgid itself.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol, Self

from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_noop as _

from projects.rules.codes import ActivityKind, GiftKind
from projects.rules.data import Activity, ChainMember, PlanData


@dataclass(frozen=True)
class Text:
    """A text to translate when shown: an English msgid and the values of its %(name)s placeholders, each
    a plain value, a list of them (joined the language's way), or a Text itself."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    context: str | None = None

    def __str__(self) -> str:
        template = gettext(self.msgid) if self.context is None else pgettext(self.context, self.msgid)
        return template % {name: _shown(value) for name, value in self.params} if self.params else template

    def param(self, name: str, default: Any = None) -> Any:
        return dict(self.params).get(name, default)

    def as_data(self) -> dict:
        data = {"msgid": self.msgid, "params": {name: _value_data(value) for name, value in self.params}}
        return data if self.context is None else {**data, "context": self.context}

    @classmethod
    def from_data(cls, data: Any) -> Any:
        """The inverse of as_data; plain values (a name, a number) come back as they were."""
        if isinstance(data, dict) and "msgid" in data:
            params = tuple((name, cls.from_data(value)) for name, value in data.get("params", {}).items())
            return cls(data["msgid"], params, data.get("context"))
        if isinstance(data, list):
            return tuple(cls.from_data(item) for item in data)
        return data


def _value_data(value: Any) -> Any:
    if isinstance(value, Text):
        return value.as_data()
    if isinstance(value, (tuple, list)):
        return [_value_data(item) for item in value]
    if isinstance(value, Decimal):
        return number(value)
    return value


def _shown(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        # A list of names: "王总, 李总" in English, "王总、李总" in Chinese.
        return pgettext("list separator", ", ").join(str(_shown(item)) for item in value)
    if isinstance(value, Text):
        return str(value)
    if isinstance(value, Decimal):
        return number(value)
    return value


def interpolate(template: str, **params: Any) -> Text:
    """`template % params`, translated then filled in each time it is shown."""
    return Text(template, tuple(params.items()))


def in_context(context: str, msgid: str) -> Text:
    """A Text translated in a context (pgettext). Modules import it as `pgettext`, the name makemessages
    extracts with its context."""
    return Text(msgid, context=context)


def course_label(label: Any) -> Text:
    """A label of the course's catalogues (projects.rules.course, lazy for the models' choices) as a Text:
    its msgid is what it reads with no translation active."""
    with translation.override(None):
        return Text(str(label))


def text(value: Any) -> Any:
    """A msgid as a Text; a Text or any other value as it is."""
    return Text(value) if isinstance(value, str) else value


class Severity(StrEnum):
    HIGH = "high"  # the deal is at risk as planned
    MEDIUM = "medium"
    LOW = "low"  # a habit the course teaches


SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


class SubjectKind(StrEnum):
    CONTACT = "contact"
    ACTIVITY = "activity"
    SECTION = "section"


class Section(StrEnum):
    """The sections of the sales project plan (销售项目计划表), in the course's order; a project-wide warning
    sits beside one of them. The same codes as the review's sections (projects.plans.models)."""

    BASICS = "basics"
    STATE = "state"
    CHAIN = "chain"
    PAINS = "pains"
    CONTROL_POINTS = "control_points"
    RESOURCES = "resources"
    INTERNAL_SELLING = "internal_selling"
    ACTIVITIES = "activities"
    COMPETITION = "competition"
    TENDER = "tender"
    NEGOTIATION = "negotiation"


SECTION_LABELS = {
    Section.BASICS: Text(_("Project basics")),
    Section.STATE: Text(_("Customer state and strategy")),
    Section.CHAIN: Text(_("Decision chain")),
    Section.PAINS: Text(_("Pain chain")),
    Section.CONTROL_POINTS: Text(_("The four control points")),
    Section.RESOURCES: Text(_("Resource plan")),
    Section.INTERNAL_SELLING: Text(_("Internal selling")),
    Section.ACTIVITIES: Text(_("Activity plan")),
    Section.COMPETITION: Text(_("Competition")),
    Section.TENDER: Text(_("Tender plan")),
    Section.NEGOTIATION: Text(_("Negotiation exchange table")),
}

# The course lessons, numbered as in the transcripts (seeds/README.md).
LESSON_2 = _("Lesson 2: resources and internal selling")
LESSON_12 = _("Lesson 12: the first visit")
LESSON_16 = _("Lesson 16: high-level customer relationships")
LESSON_RECAP = _("Final lesson: course recap")
LESSON_RELATIONSHIP = _("Short video: what a customer relationship is")
LESSON_TENDER = _("Lesson: tender and negotiation")

ACTIVITY_KIND_LABELS = {
    ActivityKind.VISIT: Text(_("Visit")),
    ActivityKind.PHONE: Text(_("Phone call")),
    ActivityKind.TECH_EXCHANGE: Text(_("Technical exchange")),
    ActivityKind.BUSINESS_TALK: Text(_("Business talk")),
    ActivityKind.SITE_VISIT: Text(_("Site visit")),
    ActivityKind.EXEC_MEETING: Text(_("Executive meeting")),
    ActivityKind.BANQUET: Text(_("Banquet")),
    ActivityKind.DINNER: Text(_("Private dinner")),
    ActivityKind.LEISURE: Text(_("KTV, sports or outing")),
    ActivityKind.GIFT: Text(_("Gift")),
}

GIFT_KIND_LABELS = {
    GiftKind.NONE: Text(_("a gift")),
    GiftKind.LOGO_SOUVENIR: Text(_("a logo souvenir")),
    GiftKind.CONSUMABLE: Text(_("consumables")),
    GiftKind.LIQUOR: Text(_("liquor")),
    GiftKind.CIGARETTES: Text(_("cigarettes")),
    GiftKind.VALUABLES: Text(_("valuables")),
    GiftKind.OTHER: Text(_("a gift")),
}
VALUE_NOT_RECORDED = Text(_("value not recorded"))


@dataclass(frozen=True)
class Subject:
    """What a warning sits beside: a contact, an activity, or a section of the plan."""

    kind: str  # SubjectKind
    id: int | str
    label: Any  # a plain str (a name) or a Text

    @classmethod
    def contact(cls, member: ChainMember) -> Self:
        return cls(kind=SubjectKind.CONTACT, id=member.contact_id, label=member.label)

    @classmethod
    def activity(cls, activity: Activity) -> Self:
        return cls(kind=SubjectKind.ACTIVITY, id=activity.id, label=activity_label(activity))

    @classmethod
    def section(cls, section: Section) -> Self:
        return cls(kind=SubjectKind.SECTION, id=str(section), label=SECTION_LABELS[section])


@dataclass(frozen=True)
class Warning:  # the catalogue's own word (预警); shadows the builtin only where imported
    code: str
    severity: str  # Severity
    subject: Subject
    message: Text
    reason: Text
    next_step: Text
    lesson: Text

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (SEVERITY_ORDER[Severity(self.severity)], self.code, str(self.subject.label))

    def as_dict(self) -> dict[str, Any]:
        """Plain strings in the active language, for the JSON export and the command-line check."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "subject": {
                "kind": str(self.subject.kind),
                "id": self.subject.id,
                "label": str(self.subject.label),
            },
            "message": str(self.message),
            "reason": str(self.reason),
            "next_step": str(self.next_step),
            "lesson": str(self.lesson),
        }

    def as_data(self) -> dict[str, Any]:
        """JSON-ready and language-free: a stored warning renders in the reader's language (from_data)."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "subject": {
                "kind": str(self.subject.kind),
                "id": self.subject.id,
                "label": _value_data(self.subject.label),
            },
            **{
                name: _value_data(getattr(self, name))
                for name in ("message", "reason", "next_step", "lesson")
            },
        }

    @classmethod
    def from_data(cls, data: dict) -> Self:
        subject = data["subject"]
        return cls(
            code=data["code"],
            severity=data["severity"],
            subject=Subject(kind=subject["kind"], id=subject["id"], label=Text.from_data(subject["label"])),
            **{name: Text.from_data(data[name]) for name in ("message", "reason", "next_step", "lesson")},
        )


class Rule(Protocol):
    """A rule module (or object) exposes these; `check` is pure over the plan's data."""

    CODE: str
    SEVERITY: str
    TITLE: str  # a msgid

    def check(self, plan: PlanData, today: date) -> list[Warning]: ...


def number(value: Decimal | int) -> str:
    """Decimal('5.50') → '5.5', Decimal('200') → '200'."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def activity_label(activity: Activity) -> Text:
    kind = ACTIVITY_KIND_LABELS.get(activity.kind, activity.kind)
    if activity.done:
        return interpolate(_("%(date)s %(kind)s"), date=activity.date.isoformat(), kind=kind)
    return interpolate(_("%(date)s %(kind)s (planned)"), date=activity.date.isoformat(), kind=kind)


def money(value: Decimal | int) -> str:
    """CNY with its unit and thousands separators, as a sales director reads it: ¥6,000, ¥80.50."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"¥{value:,.0f}"
    return f"¥{value:,.2f}"


def gift_value(activity: Activity) -> Any:
    return VALUE_NOT_RECORDED if activity.gift_value is None else money(activity.gift_value)


def labels(members: Iterable[ChainMember]) -> tuple[str, ...]:
    """Contact labels for a message; a Text joins them with the language's list separator."""
    return tuple(m.label for m in members)


def warning_factory(rule_code: str, severity: str) -> Callable[..., Warning]:
    """`warn(subject, message, reason, next_step, lesson)` pre-filled with a rule's code and severity; texts
    given as msgids become Texts."""

    def warn(subject: Subject, *, message: Any, reason: Any, next_step: Any, lesson: Any) -> Warning:
        return Warning(
            code=rule_code,
            severity=severity,
            subject=subject,
            message=text(message),
            reason=text(reason),
            next_step=text(next_step),
            lesson=text(lesson),
        )

    return warn
