"""PARITY_GAP: a relationship held, or an activity run, across a rank gap (责权利不对等)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_16, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.data import PlanData
from projects.rules.parity import (
    Footing,
    activity_parity,
    effective_owner,
    is_high_level,
    parity_gap,
    rank_needed,
)
from projects.rules.words import level_word, rank_word

CODE = "PARITY_GAP"
SEVERITY = Severity.HIGH
TITLE = _("Relationship not at parity")
MESSAGE = _(
    "%(contact)s (%(level)s) is handled by %(owner)s, our %(rank)s: %(gap)s levels apart, not at parity."
)
MESSAGE_OPENING = _(
    "%(activity)s: %(person)s meets %(contacts)s alone, before any leader of ours of %(needed)s rank or "
    "above has met them."
)
MESSAGE_LONG = _(
    "%(activity)s is a long activity with %(contacts)s, and no one of ours of %(needed)s rank or above "
    "takes part."
)
REASON = _(
    "Responsibility, authority and interest are not at parity (责权利不对等): an executive answers for "
    "ROI and business results and makes decisions; a rep answers for this year's quota and can only "
    "carry messages. An executive weighs who comes to meet them, whoever holds the relationship on paper."
)
NEXT_STEP = _(
    "Pair this relationship with a leader of ours, a %(needed)s or above (狐假虎威, borrow the tiger's "
    "authority); make every meeting a conversation with conclusions; talk ROI, long-term value, peer "
    "competition and success cases, not product features."
)
NEXT_STEP_ACTIVITY = _(
    "Bring a %(needed)s or someone more senior to this one; once our leader has met them, short office "
    "visits and regular reports by you are what the course recommends."
)

warn = warning_factory(CODE, SEVERITY)


def check(plan: PlanData, today: date) -> list[Warning]:
    return [*_relationships(plan), *_activities(plan)]


def _relationships(plan: PlanData) -> list[Warning]:
    warnings = []
    for member in plan.members:
        if not is_high_level(plan, member):
            continue
        owner = effective_owner(plan, member)
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(
                    MESSAGE,
                    contact=member.label,
                    level=level_word(member.level),
                    owner=owner.name,
                    rank=rank_word(owner.rank),
                    gap=parity_gap(plan, member),
                ),
                reason=REASON,
                next_step=interpolate(
                    NEXT_STEP, needed=rank_word(rank_needed(member.level, plan.thresholds))
                ),
                lesson=LESSON_16,
            )
        )
    return warnings


def _activities(plan: PlanData) -> list[Warning]:
    """Who shows up: an executive met by a rep alone, at the opening or in a long activity."""
    warnings = []
    for activity in plan.activities:
        flagged = [f for f in activity_parity(plan, activity) if f.flagged]
        if not flagged:
            continue
        opening = flagged[0].footing == Footing.OPENING_ALONE
        subject = Subject.activity(activity)
        needed = rank_word(max(f.needed for f in flagged))
        contacts = tuple(f.contact.label for f in flagged)
        warnings.append(
            warn(
                subject,
                message=interpolate(
                    MESSAGE_OPENING if opening else MESSAGE_LONG,
                    activity=subject.label,
                    person=flagged[0].ours.name,
                    contacts=contacts,
                    needed=needed,
                ),
                reason=REASON,
                next_step=interpolate(NEXT_STEP_ACTIVITY, needed=needed),
                lesson=LESSON_16,
            )
        )
    return warnings
