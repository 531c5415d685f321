"""NO_PAIN: a bridge, key person or executive with no pain recorded (痛苦链)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_12, Severity, Subject, Warning, interpolate, warning_factory
from projects.rules.base import in_context as pgettext
from projects.rules.codes import Role
from projects.rules.data import ChainMember, PlanData
from projects.rules.moments import under_way
from projects.rules.parity import is_executive

CODE = "NO_PAIN"
SEVERITY = Severity.MEDIUM
TITLE = _("No pain recorded")
MESSAGE = _("%(contact)s (%(why)s) has no pain recorded.")
WHY_LABELS = {
    Role.BRIDGE: pgettext("contact role", "bridge"),
    Role.KEY: pgettext("contact role", "key person"),
    "executive": pgettext("contact role", "executive"),
}
REASON = _(
    "Each person's pain differs with their position; the pain chain steers the technical exchanges and "
    "what we say to executives."
)
NEXT_STEP = _(
    "Next time, ask what this person answers for and what worries them most about the project; record it "
    "as their pain."
)

warn = warning_factory(CODE, SEVERITY)


def why_it_matters(plan: PlanData, member: ChainMember) -> list:
    why = [WHY_LABELS[role] for role in (Role.BRIDGE, Role.KEY) if role in member.roles]
    if is_executive(member, plan.thresholds):
        why.append(WHY_LABELS["executive"])
    return why


def check(plan: PlanData, today: date) -> list[Warning]:
    if not under_way(plan):
        return []  # pains are what the first visits bring back
    warnings = []
    for member in plan.members:
        why = why_it_matters(plan, member)
        if not why or member.pains:
            continue
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(MESSAGE, contact=member.label, why=tuple(why)),
                reason=REASON,
                next_step=NEXT_STEP,
                lesson=LESSON_12,
            )
        )
    return warnings
