"""A new sheet starts from what is already known (拜访前: exhaust what you know) and from what the project
still lacks, so the rep walks in knowing what this visit must learn."""

import datetime

from django.utils.translation import gettext as _

from projects.deals.models import Role
from projects.rules.data import PlanData
from projects.visits.models import VisitSheet, VisitStatus
from projects.visits.schema import empty_sheet


def prefilled_sheet(plan: PlanData, previous: VisitSheet | None, today: datetime.date) -> dict:
    data = empty_sheet()
    account = plan.account
    earlier = previous.data if previous else {}
    data["known_company"] = earlier.get("known_company") or "；".join(
        part for part in (account.name, account.industry, account.region) if part
    )
    data["known_market"] = earlier.get("known_market", "")
    executives = [m for m in plan.members if m.level >= 3]
    data["known_executives"] = earlier.get("known_executives") or "\n".join(m.label for m in executives)
    pains = [f"{m.name}：{pain.text}" for m in plan.members for pain in m.pains]
    data["known_problems"] = earlier.get("known_problems") or "\n".join(pains)
    data["must_learn"] = [
        {"text": text, "done": False, "key": key} for key, text in what_to_learn(plan, previous)
    ]
    data["date"] = today.isoformat()  # most sheets are written right after the call
    data["state"] = plan.state  # as the project stands; one tap changes it
    return data


def what_to_learn(plan: PlanData, previous: VisitSheet | None) -> list[tuple[str, str]]:
    """The checklist: the gaps the course says a first visits must close, as this project still has them,
    each with the key of the answer that ticks it (projects.visits.schema.answered)."""
    items = []
    roles = {role for member in plan.members for role in member.roles}
    if not any(a.kind == "visit" and a.done for a in plan.activities):
        items.append(
            ("reason_met", _("Why did the customer agree to meet us in working hours? What do they expect?"))
        )
    if Role.BRIDGE not in roles:
        bridge = _("Who is the bridge — the one who links the executing and leadership teams?")
        items.append(("bridge", bridge))
    if Role.COACH not in roles:
        items.append(("coach", _("Who could become our coach and tell us how things really stand?")))
    for member in plan.members:
        matters = member.level >= 3 or member.roles & {Role.BRIDGE, Role.KEY}
        if matters and not member.pains:
            items.append((f"pain:{member.contact_id}", _("What is %(name)s's pain?") % {"name": member.name}))
    bant = (previous.data if previous and previous.status == VisitStatus.SUBMITTED else {}) or {}
    for key, question in (
        ("bant_budget", _("Budget: is it funded, how much?")),
        ("bant_authority", _("Authority: who decides, who signs?")),
        ("bant_need", _("Need: what problem must this solve?")),
        ("bant_timeline", _("Timeline: when will they buy?")),
    ):
        if not bant.get(key):
            items.append((key, question))
    if not plan.state:
        items.append(
            ("state", _("Which state is the project in: S1 locked elsewhere, S2 forming, S3 not yet real?"))
        )
    items.append(("competitors", _("Which competitors are around? Look at desks and in the corridors.")))
    return items
