"""The words for the codes the plan is written in, looked up when shown (in the reader's language): one
table for every page, the PDF and the comparison of versions."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from accounts.models import Function, Level, Personality, ProcurementGroup
from projects.deals.models import (
    ActivityKind,
    AskKind,
    ControlPointStatus,
    CustomerState,
    Depth,
    GiftKind,
    InternalSaleStatus,
    PainKind,
    ResourceStatus,
    Role,
    Stage,
    Stance,
    Strategy,
    TenderItemKind,
    TenderItemStatus,
    Topic,
)
from projects.rules.course import ALL_RESOURCES, ALL_STATE_SIGNS, CONTROL_POINTS, INTERNAL_TARGETS
from salescamp.models import Rank

ROLE_LABELS = {"high_level": _("High-level (高层)"), **dict(Role.choices)}

CHOICES: dict[str, dict] = {
    "stage": dict(Stage.choices),
    "state": dict(CustomerState.choices),
    "strategy": dict(Strategy.choices),
    "role": ROLE_LABELS,
    "stance": dict(Stance.choices),
    "depth": dict(Depth.choices),
    "level": dict(Level.choices),
    "function": dict(Function.choices),
    "personality": dict(Personality.choices),
    "procurement_group": dict(ProcurementGroup.choices),
    "rank": dict(Rank.choices),
    "pain_kind": dict(PainKind.choices),
    "activity_kind": dict(ActivityKind.choices),
    "topic": dict(Topic.choices),
    "gift_kind": dict(GiftKind.choices),
    "ask_kind": dict(AskKind.choices),
    "cp_status": dict(ControlPointStatus.choices),
    "target": dict(INTERNAL_TARGETS),
    "sale_status": dict(InternalSaleStatus.choices),
    "resource": ALL_RESOURCES,
    "resource_status": dict(ResourceStatus.choices),
    "tender_kind": dict(TenderItemKind.choices),
    "tender_status": dict(TenderItemStatus.choices),
    "sign": ALL_STATE_SIGNS,
    "cp": CONTROL_POINTS,
}


def label(kind: str, code: Any) -> str:
    """The label of a stored code in the active language; an unknown code shows as itself, none as "—"."""
    found = CHOICES[kind].get("" if code is None else code)
    if found is not None:
        return str(found)
    return "—" if code in (None, "") else str(code)


def labels(kind: str, codes) -> list[str]:
    return [label(kind, code) for code in codes]


def joined(items) -> str:
    return pgettext("list separator", ", ").join(str(item) for item in items)
