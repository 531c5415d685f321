"""The parity rule (责权利对等) and the roles it computes.

A contact whose level is `thresholds.parity_gap` or more steps above the rank of the person on our side
who owns the relationship is not at parity: they are 高层 (high-level) *for us*, whatever their title.

Parity is also about who shows up (activity_parity): an executive weighs who came to meet them, so an
activity is judged by the people of ours present, whoever owns the relationship on paper.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from projects.rules.codes import SHORT_KINDS, ActivityKind, Role
from projects.rules.data import Activity, ChainMember, Contact, Person, PlanData, Thresholds


def effective_owner(plan: PlanData, member: ChainMember) -> Person:
    """Who holds this relationship on our side: the member's owner, or else the project owner."""
    return member.owner or plan.owner


def parity_gap(plan: PlanData, member: ChainMember) -> int:
    """Contact level minus the owner's rank: 0 is parity (rep ↔ bridge), 2 is 采购副总 ↔ rep."""
    return member.level - effective_owner(plan, member).rank


def rank_needed(level: int, thresholds: Thresholds) -> int:
    """The lowest rank of ours at parity with a contact of `level`: with the default gap of 2, a team lead
    (组长) for an executive (高层), a director (总监) for the top decision level (决策层). Every rule that
    asks for "a leader of matching rank" asks for this one."""
    return max(level - thresholds.parity_gap + 1, 1)


def is_high_level(plan: PlanData, member: ChainMember) -> bool:
    """The computed 高层 role: not at parity with the person who deals with them."""
    return parity_gap(plan, member) >= plan.thresholds.parity_gap


def member_roles(plan: PlanData, member: ChainMember) -> frozenset[str]:
    """The typed roles, plus "high_level" when parity says so."""
    if is_high_level(plan, member):
        return member.roles | {Role.HIGH_LEVEL}
    return member.roles


def is_executive(member: ChainMember, thresholds: Thresholds) -> bool:
    """An executive by title (高层 or 决策层), whoever owns the relationship."""
    return member.level >= thresholds.high_level


def acquaintance_holder(plan: PlanData, member: ChainMember) -> Person | None:
    """Who of ours knew this contact before (旧识), or None if nobody did. Prior acquaintance belongs to a
    person: recorded without one, it is the relationship owner's."""
    if not member.acquaintance.strip():
        return None
    return member.acquaintance_holder or effective_owner(plan, member)


def knows_from_before(plan: PlanData, member: ChainMember, people) -> bool:
    """Whether the one of ours who knew this contact before is among `people` (an activity's attendance):
    a classmate's familiarity does not carry over to a colleague who comes without them."""
    holder = acquaintance_holder(plan, member)
    return holder is not None and any(person.id == holder.id for person in people)


class Footing(StrEnum):
    """How an activity stands on parity with one contact met in it."""

    AT_PARITY = "at_parity"  # someone of ours of matching rank is there
    REPORT = "report"  # a short contact after our leader has met them: what the course recommends
    OPENING_ALONE = "opening_alone"  # the first meeting, and no leader of ours of matching rank met them
    LONG_ALONE = "long_alone"  # a long activity with no one of matching rank present
    STILL_ALONE = "still_alone"  # a short contact after an opening alone: our leader has still not met them


# The footings the PARITY_GAP warning speaks about: the opening, where the relationship takes its footing,
# and a long activity. Later short visits before our leader came are shown on the row (STILL_ALONE) but not
# warned about again: the opening's warning and the relationship's own PARITY_GAP already say it.
GAP_FOOTINGS = frozenset({Footing.OPENING_ALONE, Footing.LONG_ALONE})
NOT_AT_PARITY = GAP_FOOTINGS | {Footing.STILL_ALONE}
# Never a parity gap on their own: a call is how the course reaches the top ("你给 a 总打个电话…由上提下"),
# and a gift is judged by the gift rules, not by who carried it.
UNMEASURED_KINDS = frozenset({ActivityKind.PHONE, ActivityKind.GIFT})


@dataclass(frozen=True)
class ContactFooting:
    contact: Contact
    ours: Person  # the most senior of ours present
    gap: int  # the contact's level minus that person's rank
    needed: int  # the rank of ours that would be at parity
    footing: str  # Footing

    @property
    def flagged(self) -> bool:
        """Worth a PARITY_GAP warning on the activity."""
        return self.footing in GAP_FOOTINGS

    @property
    def at_a_gap(self) -> bool:
        """Not at parity on this activity, warned about or not."""
        return self.footing in NOT_AT_PARITY


def activity_parity(plan: PlanData, activity: Activity) -> list[ContactFooting]:
    """Each contact met in the activity against the most senior of ours present, the flagged first, then
    the widest gap; empty when the activity names nobody on one side."""
    if not activity.our_people:
        return []
    ours = max(activity.our_people, key=lambda person: person.rank)
    found = []
    for contact_id in activity.contact_ids:
        contact = plan.contact(contact_id)
        if contact is None:
            continue
        gap = contact.level - ours.rank
        needed = rank_needed(contact.level, plan.thresholds)
        if gap < plan.thresholds.parity_gap:
            footing = Footing.AT_PARITY
        elif activity.kind in UNMEASURED_KINDS or (
            activity.kind in SHORT_KINDS and leader_met_before(plan, activity, contact_id, needed)
        ):
            footing = Footing.REPORT
        elif activity.kind in SHORT_KINDS:
            opening = not any(
                (other.date, other.id) < (activity.date, activity.id) and (other.done or not activity.done)
                for other in plan.activities_with(contact_id)
            )
            footing = Footing.OPENING_ALONE if opening else Footing.STILL_ALONE
        else:
            footing = Footing.LONG_ALONE
        found.append(ContactFooting(contact=contact, ours=ours, gap=gap, needed=needed, footing=footing))
    return sorted(found, key=lambda f: (not f.flagged, not f.at_a_gap, -f.gap))


def leader_meets_later(plan: PlanData, activity: Activity, contact_id: int, needed: int) -> bool:
    """Whether someone of ours of rank `needed` or above meets the contact after this activity, logged or
    planned: the gap it opened is being mended."""
    return any(
        (other.date, other.id) > (activity.date, activity.id)
        and any(p.rank >= needed for p in other.our_people)
        for other in plan.activities_with(contact_id)
    )


def leader_met_before(plan: PlanData, activity: Activity, contact_id: int, needed: int) -> bool:
    """Whether someone of ours of rank `needed` or above met the contact before this activity: in an
    earlier logged activity (or, for a planned one, any earlier activity in the plan), or from before the
    project as their prior acquaintance."""
    member = plan.member(contact_id)
    if member is not None:
        holder = acquaintance_holder(plan, member)
        if holder is not None and holder.rank >= needed:
            return True
    for other in plan.activities_with(contact_id):
        earlier = (other.date, other.id) < (activity.date, activity.id)
        if earlier and (other.done or not activity.done) and any(p.rank >= needed for p in other.our_people):
            return True
    return False


def leader_to_ask(plan: PlanData, member: ChainMember) -> Person | None:
    """The nearest leader of the project team's management line senior enough to hold this relationship at
    parity (the one the advice names: "请陈总监接这条关系"), or None if nobody in the line is."""
    needed = rank_needed(member.level, plan.thresholds)
    holder = effective_owner(plan, member)
    return next((p for p in plan.leaders if p.rank >= needed and p.id != holder.id), None)


def arranged_meeting(plan: PlanData, member: ChainMember, today: date) -> Activity | None:
    """The soonest planned activity, today or later, where someone of ours senior enough meets the contact:
    the gap is being mended (已安排), not ignored."""
    needed = rank_needed(member.level, plan.thresholds)
    return min(
        (
            activity
            for activity in plan.activities_with(member.contact_id)
            if not activity.done
            and activity.date >= today
            and activity.kind not in UNMEASURED_KINDS
            and any(person.rank >= needed for person in activity.our_people)
        ),
        key=lambda activity: (activity.date, activity.id),
        default=None,
    )
