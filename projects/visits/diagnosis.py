"""The post-visit diagnosis (诊断): the course's warnings about this visit and the people met, computed by
the same engine as the project page over the project as it would be with the sheet applied."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.rules import evaluate
from projects.rules.data import PlanData
from projects.visits.effects import ActivityLogged, MemberMet, apply_to_plan
from projects.visits.models import VisitSheet, VisitStatus

# Rules about the visit itself; contact rules are kept for the people met.
VISIT_CODES = {
    "VISIT_NO_REASON",
    "VISIT_NO_HOOK",
    "FIRST_VISIT_TOO_DEEP",
    "FIRST_VISIT_ONE_DEPT",
    "HIGH_LEVEL_PRODUCT_TALK",
    "HIGH_LEVEL_GIFT",
    "GIFT_VALUE",
    "ONE_WAY_RECIPROCITY",
    "LEADER_WOLF_CRY",
    "HIGH_LEVEL_PRIVATE_ACTIVITY",
}
CONTACT_CODES = {
    "PARITY_GAP",
    "NO_PAIN",
    "COACH_RISKY_TYPE",
    "COACH_TOO_SENIOR",
    "ONE_WAY_RECIPROCITY",
    "FIRST_VISIT_TOO_DEEP",
}

# When the contact stalls, the course's playbook [lesson 12].
STALL_PLAYBOOK = {
    "wrong_venue": (
        _("Wrong venue"),
        [
            _("Some things cannot be said in the office: invite them to talk outside it or after hours."),
            _("Use a small activity — a meal at meal time, walking down together, sharing a car."),
        ],
    ),
    "wrong_person": (
        _("Wrong person"),
        [
            _("Ask them, politely, to introduce you to the person who handles this."),
            _("Note who they named and plan the next visit with that person."),
        ],
    ),
    "unwilling": (
        _("Unwilling"),
        [
            _("Ask nonviolent-communication questions: pure observation, your feeling and need, a request."),
            _("If they are still closed, pause; find the reason through other contacts before trying again."),
        ],
    ),
}


@dataclass
class Diagnosis:
    warnings: list
    playbook: tuple | None
    started: bool = True  # a sheet still being prepared has no visit to judge yet


def diagnose(sheet: VisitSheet, plan: PlanData, effects: list | None) -> Diagnosis:
    """`plan`: the project as it is; `effects`: the sheet's (None once it was submitted: the project then
    holds them)."""
    if sheet.status == VisitStatus.SUBMITTED:
        # Applied: the visit is real now, judged with the rest of the project.
        own_activity_ids = set(sheet.recorded.values_list("id", flat=True)) | {sheet.activity_id}
        visit = next((a for a in plan.activities if a.id == sheet.activity_id), None)
        met_ids = set(visit.contact_ids) if visit else set()
    elif not sheet.data.get("met"):  # the date is set from the start: the visit is real once someone is met
        return Diagnosis(warnings=[], playbook=None, started=False)
    else:
        plan = apply_to_plan(plan, effects)
        own_activity_ids = {e.activity.id for e in effects if isinstance(e, ActivityLogged)}
        met_ids = {e.contact_id for e in effects if isinstance(e, MemberMet)}
    kept = [
        warning
        for warning in evaluate(plan, timezone.localdate())
        if concerns_visit(warning, own_activity_ids, met_ids)
    ]
    return Diagnosis(warnings=kept, playbook=STALL_PLAYBOOK.get(sheet.data.get("stalled", "")))


def concerns_visit(warning, activity_ids: set[int], met_ids: set[int]) -> bool:
    subject = warning.subject
    if subject.kind == "activity":
        return subject.id in activity_ids and warning.code in VISIT_CODES
    return subject.kind == "contact" and subject.id in met_ids and warning.code in CONTACT_CODES
