"""PARITY_GAP_ACTIVITY: an executive met without a leader of ours of matching rank — parity is about who
shows up, not only about who owns the relationship on paper (责权利对等看谁到场)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_16, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.data import Activity, PlanData
from projects.rules.parity import ContactFooting, Footing, activity_parity, leader_meets_later
from projects.rules.words import rank_word

CODE = "PARITY_GAP_ACTIVITY"
SEVERITY = Severity.HIGH
TITLE = _("Executive met without a leader of matching rank")
MESSAGE_OPENING = _(
    "%(activity)s: %(person)s meets %(contacts)s alone, before any leader of ours of %(needed)s rank or "
    "above has met them."
)
MESSAGE_LONG = _(
    "%(activity)s is a long activity with %(contacts)s, and no one of ours of %(needed)s rank or above "
    "takes part."
)
REASON = _(
    "An executive weighs who comes to meet them, whoever holds the relationship on paper: responsibility, "
    "authority and interest are not at parity between an executive and a rep (责权利不对等). High-level "
    "relationships are opened leader to leader, at site visits, executive meetings and banquets; once "
    "our leader has met them, the rep keeps the relationship warm with short office visits and regular "
    "reports."
)
NEXT_STEP = _(
    "Bring a %(needed)s or someone more senior to this one; once our leader has met them, short office "
    "visits and regular reports by you are what the course recommends."
)
NEXT_STEP_DONE = _(
    "Have a %(needed)s or someone more senior meet them next, at a site visit, an executive meeting or a "
    "banquet; after that, short office visits and regular reports by you are what the course recommends."
)

warn = warning_factory(CODE, SEVERITY)


def still_to_mend(plan: PlanData, activity: Activity, footing: ContactFooting) -> bool:
    """A planned activity can still be changed; a logged one matters until our leader meets them (or is
    planned to)."""
    return not activity.done or not leader_meets_later(plan, activity, footing.contact.id, footing.needed)


def check(plan: PlanData, today: date) -> list[Warning]:
    warnings = []
    for activity in plan.activities:
        flagged = [
            f for f in activity_parity(plan, activity) if f.flagged and still_to_mend(plan, activity, f)
        ]
        if not flagged:
            continue
        subject = Subject.activity(activity)
        needed = rank_word(max(f.needed for f in flagged))
        opening = flagged[0].footing == Footing.OPENING_ALONE
        warnings.append(
            warn(
                subject,
                message=interpolate(
                    MESSAGE_OPENING if opening else MESSAGE_LONG,
                    activity=subject.label,
                    person=flagged[0].ours.name,
                    contacts=tuple(f.contact.label for f in flagged),
                    needed=needed,
                ),
                reason=REASON,
                next_step=interpolate(NEXT_STEP_DONE if activity.done else NEXT_STEP, needed=needed),
                lesson=LESSON_16,
            )
        )
    return warnings
