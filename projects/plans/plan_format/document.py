"""The plan document's name, version and parsed shape: plain Python values, no database, references still
by contact key and username (resolved against $.contacts and $.people by the reader, against the database
by the import)."""

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from accounts.models import Function, Level, Personality, ProcurementGroup
from projects.deals.models import (
    AskKind,
    ControlPointStatus,
    CustomerState,
    Depth,
    GiftKind,
    InternalSaleStatus,
    PainKind,
    ResourceStatus,
    Stage,
    Stance,
    Strategy,
    TenderItemKind,
    TenderItemStatus,
)
from projects.rules import data
from salescamp.models import Rank

FORMAT = "salescamp.plan"
# Version 2: a prior acquaintance belongs to one of our people ({"holder", "how"}); version 1 wrote it as a
# bare string, read now as the relationship owner's (the only person it can be said to belong to).
VERSION = 2
READABLE_VERSIONS = (1, 2)

# The keys of $.thresholds: exactly the engine's tunable thresholds.
THRESHOLD_FIELDS = tuple(f.name for f in fields(data.Thresholds))


@dataclass(frozen=True, kw_only=True)
class ParsedAccount:
    name: str
    industry: str = ""
    region: str = ""


@dataclass(frozen=True, kw_only=True)
class ParsedContact:
    key: str
    name: str
    title: str = ""
    level: int = Level.STAFF
    function: str = Function.TECHNICAL
    procurement_group: str = ProcurementGroup.NONE
    reports_to: str | None = None  # a contact key
    personality: str = Personality.UNKNOWN
    phone: str = ""
    wechat: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class ParsedPerson:
    username: str
    display_name: str = ""
    rank: int = Rank.REP

    @property
    def name(self) -> str:
        return self.display_name or self.username


@dataclass(frozen=True, kw_only=True)
class ParsedProject:
    name: str
    owner: str  # username
    stage: str = Stage.LEAD
    outcome_reason: str = ""
    amount: Decimal = Decimal("0")
    expected_close: date | None = None
    our_price: Decimal | None = None
    their_price: Decimal | None = None
    state: str = CustomerState.UNKNOWN
    state_signs: tuple[str, ...] = ()
    strategy: str = Strategy.UNDECIDED
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedPain:
    text: str
    kind: str = PainKind.OTHER


@dataclass(frozen=True, kw_only=True)
class ParsedResource:
    resource: str  # a code of projects.course.ALL_RESOURCES
    status: str = ResourceStatus.PLANNED
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ParsedMember:
    contact: str  # contact key
    roles: tuple[str, ...] = ()
    stance: str = Stance.NEUTRAL
    depth: int = Depth.STRANGER
    owner: str | None = None  # username; None: the project owner
    acquaintance: str = ""  # how one of ours knew them before
    acquaintance_holder: str | None = None  # username; None: the relationship's owner
    added_on: date | None = None  # None: the day of the import (or of the check)
    pains: tuple[ParsedPain, ...] = ()
    resource_plan: tuple[ParsedResource, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedEngagement:
    username: str
    part: str = ""


@dataclass(frozen=True, kw_only=True)
class ParsedInternalSale:
    target: str
    commitment: str
    person: str | None = None  # username
    status: str = InternalSaleStatus.PLANNED


@dataclass(frozen=True, kw_only=True)
class ParsedAsk:
    text: str
    kind: str = AskKind.INFORMATION
    contact: str | None = None  # contact key
    granted: bool = False


@dataclass(frozen=True, kw_only=True)
class ParsedActivity:
    kind: str
    date: date
    done: bool = False
    our_people: tuple[str, ...] = ()  # usernames
    contacts: tuple[str, ...] = ()  # contact keys
    topics: tuple[str, ...] = ()
    gift_kind: str = GiftKind.NONE
    gift_value: Decimal | None = None
    gift_approved: bool = False
    goal: str = ""
    hook: str = ""
    outcome: str = ""
    reason_met: str = ""
    resources: tuple[str, ...] = ()
    other_departments: tuple[str, ...] = ()
    control_points: tuple[int, ...] = ()
    presales_days: Decimal = Decimal("0")
    asks: tuple[ParsedAsk, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedControlPoint:
    number: int
    status: str = ControlPointStatus.NOT_STARTED
    actions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ParsedCompetitor:
    name: str
    strengths: str = ""
    our_edge: str = ""
    supporters: tuple[str, ...] = ()  # contact keys


@dataclass(frozen=True, kw_only=True)
class ParsedTenderItem:
    text: str
    kind: str = TenderItemKind.ADVANTAGE
    status: str = TenderItemStatus.PLANNED
    contacts: tuple[str, ...] = ()  # contact keys: the people we know in that department


@dataclass(frozen=True, kw_only=True)
class ParsedNegotiationTerm:
    term: str
    cost_to_us: Decimal
    value_to_them: Decimal
    offered: bool = False


@dataclass(frozen=True, kw_only=True)
class ParsedPlan:
    version: int  # the version the document was written in; parsed, every version reads as the latest
    project: ParsedProject
    account: ParsedAccount
    contacts: tuple[ParsedContact, ...] = ()
    people: tuple[ParsedPerson, ...] = ()
    engagement: tuple[ParsedEngagement, ...] = ()
    chain: tuple[ParsedMember, ...] = ()
    internal_sales: tuple[ParsedInternalSale, ...] = ()
    activities: tuple[ParsedActivity, ...] = ()
    control_points: tuple[ParsedControlPoint, ...] = ()
    competitors: tuple[ParsedCompetitor, ...] = ()
    tender: tuple[ParsedTenderItem, ...] = ()
    negotiation: tuple[ParsedNegotiationTerm, ...] = ()
    thresholds: data.Thresholds = field(default_factory=data.Thresholds)

    def contact(self, key: str) -> ParsedContact:
        return next(contact for contact in self.contacts if contact.key == key)
