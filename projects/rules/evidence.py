"""The relationship ladder read from the record (关系深度的证据): how deep the record of what happened says a
relationship is, beside the depth the rep rated it.

The course's ladder is 陌生 → 认识 → 熟悉 → 在乎 → 绑定 ("从陌生到认识，认识到熟悉，熟悉到在乎，在乎到绑定"
[last lesson]), and it names what climbs it:
- repeated contact: "至少3次拜访以上的机会…才有可能和客户建立一个很稳固的初步关系" [last lesson];
- personal topics: "客户一定要和你聊到私人话题…客户才会和你进一步建立私交" [last lesson];
- reciprocity that comes back: "我们提供价值，客户感到感激，客户提供回报" [last lesson], starting from small
  asks the customer grants ("求他先做一个小事") [short video].
So: met or called once is 认识; the team's number of meetings (or knowing them from before) is 熟悉; personal
topics reached and an ask granted on top of that is 在乎; more asks granted is 绑定. Only what was done
counts: a planned dinner is not yet evidence.
"""

from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext_noop as _

from projects.rules.base import Text, interpolate
from projects.rules.codes import MEETING_KINDS, ActivityKind, Depth, ResourceStatus, Topic
from projects.rules.data import ChainMember, PlanData, Thresholds
from projects.rules.parity import acquaintance_holder

ONE_MEETING = _("one meeting")
MEETINGS = _("%(count)s meetings")
ONE_CALL = _("one call")
CALLS = _("%(count)s calls")
PERSONAL = _("personal topics reached")
ASKED = _("asked %(asks)s times, granted %(granted)s")
ASKED_ONCE = _("asked once, granted %(granted)s")
GIVEN_ONE = _("one thing given")
GIVEN = _("%(count)s things given")
KNOWN_BEFORE = _("%(holder)s knew them before: %(how)s")
NOTHING = _("nothing on record yet")

NEEDS_CONTACT = _("a first meeting or call")
NEEDS_MEETINGS = _("%(count)s meetings in all (%(have)s so far)")
NEEDS_PERSONAL = _("personal topics the customer reached with you")
NEEDS_RETURNS = _("%(count)s asks they granted (%(have)s so far)")


@dataclass(frozen=True)
class Evidence:
    """What the record holds about one relationship, and the depth it supports."""

    meetings: int  # logged meetings in person
    calls: int
    personal: bool  # personal topics reached, or a private activity shared
    asks: int  # asks made of them in logged activities
    granted: int  # of which they granted
    given: int  # resources and gifts handed over, at activities or marked given in the resource plan
    known_before: Any  # Text naming who of ours knew them and how, or None
    depth: int  # Depth

    @property
    def summary(self) -> Text:
        """The evidence in one line: "3 次拜访 · 聊过私人话题 · 请求 2 次，对方答应 1 次"."""
        parts: list[Any] = []
        if self.meetings:
            parts.append(
                Text(ONE_MEETING) if self.meetings == 1 else interpolate(MEETINGS, count=self.meetings)
            )
        if self.calls:
            parts.append(Text(ONE_CALL) if self.calls == 1 else interpolate(CALLS, count=self.calls))
        if self.known_before is not None:
            parts.append(self.known_before)
        if self.personal:
            parts.append(Text(PERSONAL))
        if self.asks:
            template = ASKED_ONCE if self.asks == 1 else ASKED
            parts.append(interpolate(template, asks=self.asks, granted=self.granted))
        if self.given:
            parts.append(Text(GIVEN_ONE) if self.given == 1 else interpolate(GIVEN, count=self.given))
        return _joined(parts) if parts else Text(NOTHING)


def _joined(parts: list[Any]) -> Text:
    """Parts shown side by side with a middle dot, each translated when shown (a format, not a message)."""
    template = " · ".join(f"%(part{index})s" for index in range(len(parts)))
    return interpolate(template, **{f"part{index}": part for index, part in enumerate(parts)})


def evidence(plan: PlanData, member: ChainMember) -> Evidence:
    contact_id = member.contact_id
    meetings = calls = asks = granted = given = 0
    personal = False
    given_codes: set[str] = set()
    for activity in plan.activities_with(contact_id, done_only=True):
        meetings += activity.kind in MEETING_KINDS
        calls += activity.kind == ActivityKind.PHONE
        personal = personal or activity.is_private or Topic.PRIVATE in activity.topics
        given += len(activity.resources) + activity.has_gift
        given_codes.update(activity.resources)
        for ask in activity.asks:
            if ask.contact_id in (None, contact_id):
                asks += 1
                granted += ask.granted
    # Marked given in the resource plan and not already counted at an activity.
    given += sum(
        1
        for item in member.resource_plan
        if item.status == ResourceStatus.GIVEN and item.resource not in given_codes
    )
    holder = acquaintance_holder(plan, member)
    known_before = (
        interpolate(KNOWN_BEFORE, holder=holder.name, how=member.acquaintance.strip()) if holder else None
    )
    found = Evidence(
        meetings=meetings,
        calls=calls,
        personal=personal,
        asks=asks,
        granted=granted,
        given=given,
        known_before=known_before,
        depth=Depth.STRANGER,
    )
    return _with_depth(found, plan.thresholds)


def _with_depth(found: Evidence, t: Thresholds) -> Evidence:
    depth = Depth.STRANGER
    if found.meetings or found.calls:
        depth = Depth.ACQUAINTED
    if found.meetings >= t.familiar_meetings or found.known_before is not None:
        depth = Depth.FAMILIAR
    if depth == Depth.FAMILIAR and found.personal and found.granted >= t.cares_returns:
        depth = Depth.CARES
    if depth == Depth.CARES and found.granted >= t.bound_returns:
        depth = Depth.BOUND
    return replace(found, depth=depth)


def runs_ahead(rated: int, found: Evidence, t: Thresholds) -> bool:
    """Whether a rating runs ahead of the record by more than the team allows. 认识 needs no proof: the
    ladder's later steps are the ones a plan leans on (a private activity, a coach's word, a big ask)."""
    return rated >= Depth.FAMILIAR and rated - found.depth > t.depth_leeway


def missing_for(found: Evidence, depth: int, t: Thresholds) -> list[Text]:
    """What the record lacks to support `depth`, in the ladder's order."""
    missing = []
    if depth >= Depth.ACQUAINTED and not (found.meetings or found.calls or found.known_before):
        missing.append(Text(NEEDS_CONTACT))
    if depth >= Depth.FAMILIAR and found.meetings < t.familiar_meetings and found.known_before is None:
        missing.append(interpolate(NEEDS_MEETINGS, count=t.familiar_meetings, have=found.meetings))
    if depth >= Depth.CARES and not found.personal:
        missing.append(Text(NEEDS_PERSONAL))
    returns = t.bound_returns if depth >= Depth.BOUND else t.cares_returns
    if depth >= Depth.CARES and found.granted < returns:
        missing.append(interpolate(NEEDS_RETURNS, count=returns, have=found.granted))
    return missing
