"""CP1_MISSING … CP4_MISSING: the four control points (控制点) and what covers each.

Hold all four and the project is almost won: (1) high-level and organisational relationships set the
tone; (2) nails in the key layers; (3) lawful input to the tender documents; (4) general relationships.
"""

from collections.abc import Callable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from django.utils.translation import gettext_noop as _

from projects.rules.base import (
    LESSON_RECAP,
    Section,
    Severity,
    Subject,
    Text,
    Warning,
    activity_label,
    interpolate,
)
from projects.rules.codes import ControlPointStatus, Depth, Level, Role, TenderItemKind, TenderItemStatus
from projects.rules.data import PlanData
from projects.rules.moments import under_way
from projects.rules.parity import is_executive
from projects.rules.words import level_word

CONTROL_POINT_NAMES = {
    1: Text(_("high-level and organisational relationships")),
    2: Text(_("nails in the key layers")),
    3: Text(_("lawful input to the tender documents")),
    4: Text(_("general relationships")),
}
ROLE_LABELS = {
    Role.BRIDGE: Text(_("bridge (桥梁)")),
    Role.COACH: Text(_("coach (教练)")),
    Role.KEY: Text(_("key person (关键人)")),
    Role.GENERAL: Text(_("general relationship (普遍)")),
}
# Which typed roles cover which control point.
COVERING_ROLES = {2: (Role.KEY, Role.COACH, Role.BRIDGE), 4: (Role.GENERAL,)}
TENDER_STATUS_WORDS = {
    TenderItemStatus.PLANNED: Text(_("planned")),
    TenderItemStatus.AGREED: Text(_("agreed with the customer")),
    TenderItemStatus.DONE: Text(_("in the documents")),
}
# The departments that sign the contract and the acceptance: the part of CP4 the tender plan prepares.
SIGNING_DEPARTMENTS = {
    TenderItemKind.CONTRACT_DEPARTMENT: _("%(department)s, which signs the contract"),
    TenderItemKind.ACCEPTANCE_DEPARTMENT: _("%(department)s, which signs the acceptance"),
}

COVERED_BY_EXECUTIVE = _("%(contact)s (%(level)s), acquainted or closer")
COVERED_BY_EXECUTIVE_ACTIVITY = _("%(activity)s with %(contacts)s")
COVERED_BY_ROLE = _("%(contact)s, our %(role)s")
COVERED_BY_STAFF = _("base-level staff we know: %(contacts)s")
COVERED_BY_TAGGED_ACTIVITY = _("%(activity)s serves this control point")
COVERED_BY_TENDER_ADVANTAGE = _("Tender plan, %(status)s: %(advantage)s")
COVERED_BY_SIGNING_CONTACTS = _("%(department)s: we know %(contacts)s")
COVERED_BY_ACTION = _("Action: %(action)s")
COVERED_BY_STATUS = _("Marked as held")


def _render(template: Any, **params: Any) -> Callable[[], str]:
    """A description not rendered yet: a rule only asks whether there is one."""
    return lambda: str(interpolate(template, **params))


def _covering(plan: PlanData, number: int) -> Iterator[Callable[[], str]]:
    """What covers control point `number`, in order, each as a function that renders its description."""
    t = plan.thresholds
    if number == 1:
        # CP1: an executive we know, or an activity that reaches one.
        for member in plan.members:
            if is_executive(member, t) and member.depth >= Depth.ACQUAINTED:
                yield _render(COVERED_BY_EXECUTIVE, contact=member.label, level=level_word(member.level))
        for activity in plan.activities:
            executives = [m.label for m in plan.members_of(activity) if is_executive(m, t)]
            if executives:
                yield _render(
                    COVERED_BY_EXECUTIVE_ACTIVITY, activity=activity_label(activity), contacts=executives
                )
    # CP2 and CP4: people in the roles that hold them.
    for member in plan.members:
        for role in COVERING_ROLES.get(number, ()):
            if role in member.roles:
                yield _render(COVERED_BY_ROLE, contact=member.label, role=ROLE_LABELS[role])
    if number == 4:
        # CP4 also: two base-level staff we know.
        staff = [m.label for m in plan.members if m.level == Level.STAFF and m.depth >= Depth.ACQUAINTED]
        if len(staff) >= 2:
            yield _render(COVERED_BY_STAFF, contacts=staff)
        # And the people we know in the departments that sign the contract and the acceptance ("验收的时候，
        # 合同签署的时候…防止我们的项目在细微处翻盘" [last lesson]).
        for item in plan.tender:
            names = [contact.label for cid in item.contact_ids if (contact := plan.contact(cid))]
            if item.kind in SIGNING_DEPARTMENTS and names:
                department = interpolate(SIGNING_DEPARTMENTS[item.kind], department=item.text)
                yield _render(COVERED_BY_SIGNING_CONTACTS, department=department, contacts=names)
    if number == 3:
        # CP3 is the tender plan's own work: "将我们一切的优势落地到招采文件中" [last lesson]. It is never
        # derived from contacts: only the tender plan, activities, actions and status count.
        for item in plan.tender:
            if item.kind == TenderItemKind.ADVANTAGE and item.text.strip():
                yield _render(
                    COVERED_BY_TENDER_ADVANTAGE,
                    advantage=item.text,
                    status=TENDER_STATUS_WORDS.get(item.status, item.status),
                )
    for activity in plan.activities:
        if number in activity.control_points:
            yield _render(COVERED_BY_TAGGED_ACTIVITY, activity=activity_label(activity))
    control_point = plan.control_point(number)
    for action in control_point.actions:
        if action.strip():
            yield _render(COVERED_BY_ACTION, action=action)
    if control_point.status == ControlPointStatus.HELD:
        yield lambda: str(Text(COVERED_BY_STATUS))


def control_point_coverage(plan: PlanData, first: int | None = None) -> dict[int, list[str]]:
    """For each control point 1-4, short descriptions (in the active language) of what covers it: all, or
    the `first` few (a plan of a thousand activities has a thousand)."""
    return {
        number: [render() for render in islice(_covering(plan, number), first)] for number in (1, 2, 3, 4)
    }


def is_covered(plan: PlanData, number: int) -> bool:
    """Whether anything covers the control point: the first item found is enough, nothing is rendered."""
    return next(_covering(plan, number), None) is not None


TITLE = _("Control point %(number)s not covered: %(name)s")
MESSAGE = _("Nothing covers control point %(number)s: %(name)s.")
REASONS = {
    1: _(
        "High-level and organisational relationships set the tone for the whole project and make our "
        "work at the middle and base levels legitimate."
    ),
    2: _("Nails in the key layers give timely, true, first-hand information to steer the project."),
    3: _(
        "Through those relationships we take part, lawfully, in drafting the tender documents and turn "
        "our advantages into a winning position on paper."
    ),
    4: _(
        "General relationships keep acceptance, contract signing and one small remark from overturning "
        "the deal."
    ),
}
NEXT_STEPS = {
    1: _(
        "Plan a meeting between an executive and our leader, or an organisation-level step: a framework "
        "agreement, a site visit for the group."
    ),
    2: _(
        "Grow a coach or key person in the key layers (procurement staff, technical middle managers) and "
        "keep in regular touch."
    ),
    3: _(
        "Agree with the customer, in advance and lawfully, which of our advantages go into the tender "
        "documents; record it as an action."
    ),
    4: _("Meet the base-level staff of every function, above all those who sign acceptance and contracts."),
}


class ControlPointRule:
    """One rule per control point, with the same CODE / SEVERITY / TITLE / check as a rule module."""

    SEVERITY = Severity.MEDIUM

    def __init__(self, number: int) -> None:
        self.number = number
        self.CODE = f"CP{number}_MISSING"
        self.TITLE = interpolate(TITLE, number=number, name=CONTROL_POINT_NAMES[number])

    def __repr__(self) -> str:
        return f"<ControlPointRule {self.CODE}>"

    def check(self, plan: PlanData, today: date) -> list[Warning]:
        # A fresh lead has had no chance to hold any control point yet (projects.rules.moments).
        if not under_way(plan) or is_covered(plan, self.number):
            return []
        return [
            Warning(
                code=self.CODE,
                severity=self.SEVERITY,
                subject=Subject.section(Section.CONTROL_POINTS),
                message=interpolate(MESSAGE, number=self.number, name=CONTROL_POINT_NAMES[self.number]),
                reason=REASONS[self.number],
                next_step=NEXT_STEPS[self.number],
                lesson=LESSON_RECAP,
            )
        ]


CP1, CP2, CP3, CP4 = (ControlPointRule(n) for n in (1, 2, 3, 4))
RULES = (CP1, CP2, CP3, CP4)
