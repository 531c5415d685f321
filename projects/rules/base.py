"""What every rule hands back: a Warning (预警) about one subject, with the course's reason and next step.

Texts are lazy: a warning computed once renders in whichever language is active when it is shown.
Messages are English msgids with %(name)s placeholders, filled in by `interpolate`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol, Self

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from projects.rules.data import Activity, ActivityKind, ChainMember, GiftKind, PlanData


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
    """The sections of the sales project plan (销售项目计划表) a project-wide warning sits beside."""

    CHAIN = "chain"
    ACTIVITIES = "activities"
    CONTROL_POINTS = "control_points"
    STATE = "state"
    ENGAGEMENT = "engagement"


SECTION_LABELS = {
    Section.CHAIN: _("Decision chain"),
    Section.ACTIVITIES: _("Activities"),
    Section.CONTROL_POINTS: _("Control points"),
    Section.STATE: _("Project state"),
    Section.ENGAGEMENT: _("Our people"),
}

# The course lessons, numbered as in the transcripts (seeds/README.md).
LESSON_2 = _("Lesson 2: resources and internal selling")
LESSON_12 = _("Lesson 12: the first visit")
LESSON_16 = _("Lesson 16: high-level customer relationships")
LESSON_RECAP = _("Final lesson: course recap")
LESSON_RELATIONSHIP = _("Short video: what a customer relationship is")

ACTIVITY_KIND_LABELS = {
    ActivityKind.VISIT: _("Visit"),
    ActivityKind.PHONE: _("Phone call"),
    ActivityKind.TECH_EXCHANGE: _("Technical exchange"),
    ActivityKind.BUSINESS_TALK: _("Business talk"),
    ActivityKind.SITE_VISIT: _("Site visit"),
    ActivityKind.EXEC_MEETING: _("Executive meeting"),
    ActivityKind.BANQUET: _("Banquet"),
    ActivityKind.DINNER: _("Private dinner"),
    ActivityKind.LEISURE: _("Leisure (KTV, sports, outing)"),
    ActivityKind.GIFT: _("Gift"),
}

GIFT_KIND_LABELS = {
    GiftKind.NONE: _("a gift"),
    GiftKind.LOGO_SOUVENIR: _("a logo souvenir"),
    GiftKind.CONSUMABLE: _("consumables"),
    GiftKind.LIQUOR: _("liquor"),
    GiftKind.CIGARETTES: _("cigarettes"),
    GiftKind.VALUABLES: _("valuables"),
    GiftKind.OTHER: _("a gift"),
}
VALUE_NOT_RECORDED = _("value not recorded")


@dataclass(frozen=True)
class Subject:
    """What a warning sits beside: a contact, an activity, or a section of the plan."""

    kind: str  # SubjectKind
    id: int | str
    label: Any  # str or a lazy string

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
    message: Any  # lazy strings: str() them in the language wanted
    reason: Any
    next_step: Any
    lesson: Any

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


class Rule(Protocol):
    """A rule module (or object) exposes these; `check` is pure over the plan's data."""

    CODE: str
    SEVERITY: str
    TITLE: Any

    def check(self, plan: PlanData, today: date) -> list[Warning]: ...


def _text(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        # A list of names: "王总, 李总" in English, "王总、李总" in Chinese.
        return pgettext("list separator", ", ").join(str(item) for item in value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return number(value)
    return value


def _fill(template: Any, params: dict[str, Any]) -> str:
    return str(template) % {key: _text(value) for key, value in params.items()}


# Made once: each call of django's lazy() builds a new proxy class, which cost more than the rules did.
_lazy_fill = lazy(_fill, str)


def interpolate(template: Any, **params: Any) -> Any:
    """A lazy `template % params`: translated, then filled in, each time it is rendered."""
    return _lazy_fill(template, params)


def number(value: Decimal | int) -> str:
    """Decimal('5.50') → '5.5', Decimal('200') → '200'."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def activity_label(activity: Activity) -> Any:
    kind = ACTIVITY_KIND_LABELS.get(activity.kind, activity.kind)
    if activity.done:
        return interpolate(_("%(date)s %(kind)s"), date=activity.date.isoformat(), kind=kind)
    return interpolate(_("%(date)s %(kind)s (planned)"), date=activity.date.isoformat(), kind=kind)


def gift_value(activity: Activity) -> Any:
    return VALUE_NOT_RECORDED if activity.gift_value is None else number(activity.gift_value)


def labels(members: Iterable[ChainMember]) -> tuple[str, ...]:
    """Contact labels for a message; interpolate joins them with the language's list separator."""
    return tuple(m.label for m in members)


def warning_factory(rule_code: str, severity: str) -> Callable[..., Warning]:
    """`warn(subject, message, reason, next_step, lesson)` pre-filled with a rule's code and severity."""

    def warn(subject: Subject, *, message: Any, reason: Any, next_step: Any, lesson: Any) -> Warning:
        return Warning(
            code=rule_code,
            severity=severity,
            subject=subject,
            message=message,
            reason=reason,
            next_step=next_step,
            lesson=lesson,
        )

    return warn
