"""The deal as data: a project, its decision chain and pains, its activities, its control points and
internal selling, and the plan's own rows (resource plan, competition, tender plan, negotiation)."""

from projects.deals.models.activities import Activity, Ask
from projects.deals.models.chain import (
    CONTACT_FROM_OTHER_ACCOUNT,
    ChainMember,
    Pain,
    RelationshipRequest,
    RequestStatus,
    ResourcePlanItem,
)
from projects.deals.models.choices import (
    ActivityKind,
    AskKind,
    CodesValidator,
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
from projects.deals.models.closing import Competitor, NegotiationTerm, TenderItem
from projects.deals.models.project import (
    OWNER_NOT_IN_TEAM,
    ControlPoint,
    Engagement,
    InternalSale,
    Project,
    TeamThresholds,
)
from projects.deals.models.tasks import Task

__all__ = [
    "CONTACT_FROM_OTHER_ACCOUNT",
    "OWNER_NOT_IN_TEAM",
    "Activity",
    "ActivityKind",
    "Ask",
    "AskKind",
    "ChainMember",
    "CodesValidator",
    "Competitor",
    "ControlPoint",
    "ControlPointStatus",
    "CustomerState",
    "Depth",
    "Engagement",
    "GiftKind",
    "InternalSale",
    "InternalSaleStatus",
    "NegotiationTerm",
    "Pain",
    "PainKind",
    "Project",
    "RelationshipRequest",
    "RequestStatus",
    "ResourcePlanItem",
    "ResourceStatus",
    "Role",
    "Stage",
    "Stance",
    "Strategy",
    "Task",
    "TeamThresholds",
    "TenderItem",
    "TenderItemKind",
    "TenderItemStatus",
    "Topic",
]
