"""DEPTH_AHEAD_OF_RECORD: a relationship rated deeper than the record of what happened supports (重证据)."""

from datetime import date

from django.utils.translation import gettext_noop as _

from projects.rules.base import LESSON_RECAP, Severity, Subject, Text, Warning, interpolate, warning_factory
from projects.rules.base import in_context as pgettext
from projects.rules.codes import Depth
from projects.rules.data import PlanData
from projects.rules.evidence import evidence, missing_for, runs_ahead

CODE = "DEPTH_AHEAD_OF_RECORD"
SEVERITY = Severity.MEDIUM
TITLE = _("Relationship rated above the record")
MESSAGE = _("%(contact)s is rated %(rated)s, but the record supports %(supported)s: %(evidence)s.")
REASON = _(
    "The ladder 陌生 → 认识 → 熟悉 → 在乎 → 绑定 is climbed by repeated contact (at least three visits make "
    "a steady first relationship), by personal topics the customer reaches with you, and by reciprocity "
    "that comes back. A plan that leans on a relationship the record does not show leans on hope."
)
NEXT_STEP = _(
    "Rate it %(supported)s until the record shows more, or record what built it. To stand at %(rated)s it "
    "needs %(missing)s."
)
DEPTH_WORDS = {
    Depth.STRANGER: pgettext("relationship depth", "stranger (陌生)"),
    Depth.ACQUAINTED: pgettext("relationship depth", "acquainted (认识)"),
    Depth.FAMILIAR: pgettext("relationship depth", "familiar (熟悉)"),
    Depth.CARES: pgettext("relationship depth", "cares (在乎)"),
    Depth.BOUND: pgettext("relationship depth", "bound (绑定)"),
}

warn = warning_factory(CODE, SEVERITY)


def depth_word(depth: int) -> Text:
    return DEPTH_WORDS[Depth(min(max(depth, Depth.STRANGER), Depth.BOUND))]


def check(plan: PlanData, today: date) -> list[Warning]:
    t = plan.thresholds
    warnings = []
    for member in plan.members:
        found = evidence(plan, member)
        if not runs_ahead(member.depth, found, t):
            continue
        warnings.append(
            warn(
                Subject.contact(member),
                message=interpolate(
                    MESSAGE,
                    contact=member.label,
                    rated=depth_word(member.depth),
                    supported=depth_word(found.depth),
                    evidence=found.summary,
                ),
                reason=REASON,
                next_step=interpolate(
                    NEXT_STEP,
                    supported=depth_word(found.depth),
                    rated=depth_word(member.depth),
                    missing=tuple(missing_for(found, member.depth, t)),
                ),
                lesson=LESSON_RECAP,
            )
        )
    return warnings
