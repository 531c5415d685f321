"""The resource plan (资源计划): what each key contact was given and is planned to get, and the resource the
course would offer next — information first, then enterprise benefit, then personal benefit, each in its
own order of priority [lesson 2]."""

from dataclasses import dataclass

from projects.rules.codes import ResourceStatus, Role
from projects.rules.course import ALL_RESOURCES, RESOURCE_ORDER
from projects.rules.data import ChainMember, PlanData
from projects.rules.parity import member_roles

# Whose relationship carries the deal: they get a row in the resource plan.
KEY_ROLES = frozenset({Role.HIGH_LEVEL, Role.BRIDGE, Role.COACH, Role.KEY})


def in_order(codes) -> list[str]:
    return sorted(codes, key=lambda code: RESOURCE_ORDER.get(code, len(RESOURCE_ORDER)))


@dataclass(frozen=True)
class ResourceRow:
    member: ChainMember
    given: list[str]  # codes, in the course's order: at done activities or marked given in the plan
    planned: list[str]  # planned for an activity or in the plan, not given yet
    planned_in_activities: list[str]
    suggested: str | None  # the highest-priority resource neither given nor planned


def resource_rows(plan: PlanData) -> list[ResourceRow]:
    """A row per chain member who is key, or has anything given or planned."""
    given: dict[int, set[str]] = {}
    in_activities: dict[int, set[str]] = {}
    for activity in plan.activities:
        target = given if activity.done else in_activities
        for contact_id in activity.contact_ids:
            target.setdefault(contact_id, set()).update(activity.resources)
    rows = []
    for member in plan.members:
        items = member.resource_plan
        from_activities = given.get(member.contact_id, set())
        if not (KEY_ROLES & member_roles(plan, member) or items or from_activities):
            continue
        given_codes = from_activities | {i.resource for i in items if i.status == ResourceStatus.GIVEN}
        planned_codes = in_activities.get(member.contact_id, set()) | {
            i.resource for i in items if i.status == ResourceStatus.PLANNED
        }
        rows.append(
            ResourceRow(
                member=member,
                given=in_order(given_codes),
                planned=in_order(planned_codes - given_codes),
                planned_in_activities=in_order(in_activities.get(member.contact_id, set())),
                suggested=next((c for c in ALL_RESOURCES if c not in given_codes | planned_codes), None),
            )
        )
    return rows
