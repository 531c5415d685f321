"""The plan as plain data (项目计划的纯数据): one shape for the whole sales project plan.

The loader (projects.deals.loading) reads a project into these frozen dataclasses in a fixed number of
queries; the warnings engine reads them, the pages and the PDF draw them, a submitted version stores them
(projects.plans.snapshot) and the JSON format writes and reads them. No ORM, database or request in sight.
Ids are the database's; a plan read from a file without a database numbers its rows itself.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from projects.rules.codes import (
    PRIVATE_KINDS,
    ControlPointStatus,
    Depth,
    Function,
    GiftKind,
    InternalSaleStatus,
    Level,
    PainKind,
    Personality,
    ResourceStatus,
    Stance,
    State,
    Strategy,
    TenderItemKind,
    TenderItemStatus,
)


@dataclass(frozen=True, kw_only=True)
class Person:
    """One of our people (我方), with a rank (see Rank)."""

    id: int
    name: str
    rank: int
    username: str = ""


@dataclass(frozen=True, kw_only=True)
class Contact:
    """A person at the customer (联系人)."""

    id: int
    name: str
    title: str = ""
    level: int = Level.STAFF
    function: str = Function.TECHNICAL
    personality: str = Personality.UNKNOWN
    procurement_group: str = ""
    reports_to_id: int | None = None
    phone: str = ""
    wechat: str = ""
    email: str = ""
    notes: str = ""

    @property
    def label(self) -> str:
        """How messages name a contact: title then name, as the course does (采购副总 王总)."""
        return " ".join(part for part in (self.title, self.name) if part)


@dataclass(frozen=True, kw_only=True)
class Pain:
    text: str
    kind: str = PainKind.OTHER
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class ResourceItem:
    """A resource we plan to give (or gave) a key contact, in the resource plan (资源计划)."""

    resource: str
    status: str = ResourceStatus.PLANNED
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class ChainMember:
    """A contact in this project's decision chain, with what the plan knows about them."""

    contact: Contact
    roles: frozenset[str] = frozenset()  # typed roles only; "high_level" is computed
    stance: str = Stance.NEUTRAL
    depth: int = Depth.STRANGER
    owner: Person | None = None  # our person holding the relationship; None: the project owner
    acquaintance: str = ""  # how one of ours knew them before (classmates, a friend's introduction), or ''.
    # Who of ours has that prior acquaintance (旧识): it is a person's, not the company's; None: the owner.
    acquaintance_holder: Person | None = None
    pains: tuple[Pain, ...] = ()
    added_on: date  # when the contact joined the chain: the staleness clock starts here
    resource_plan: tuple[ResourceItem, ...] = ()
    id: int | None = None  # the chain entry's own id
    asked: Person | None = None  # the leader of ours asked to take this relationship, not yet answered

    @property
    def contact_id(self) -> int:
        return self.contact.id

    @property
    def name(self) -> str:
        return self.contact.name

    @property
    def title(self) -> str:
        return self.contact.title

    @property
    def level(self) -> int:
        return self.contact.level

    @property
    def function(self) -> str:
        return self.contact.function

    @property
    def personality(self) -> str:
        return self.contact.personality

    @property
    def reports_to_id(self) -> int | None:
        return self.contact.reports_to_id

    @property
    def label(self) -> str:
        return self.contact.label


@dataclass(frozen=True, kw_only=True)
class Ask:
    kind: str
    text: str = ""
    contact_id: int | None = None  # None: anyone met in the activity
    granted: bool = False  # the customer did what we asked: reciprocity came back (互惠)


@dataclass(frozen=True, kw_only=True)
class Activity:
    """A visit or other activity, logged (done) or planned."""

    id: int
    kind: str
    date: date
    done: bool = True
    our_people: tuple[Person, ...] = ()
    contact_ids: tuple[int, ...] = ()
    topics: frozenset[str] = frozenset()
    gift_kind: str = GiftKind.NONE
    gift_value: Decimal | None = None
    gift_approved: bool = False
    goal: str = ""
    hook: str = ""  # 钩子: the reason to come back
    outcome: str = ""
    reason_met: str = ""  # why the customer agreed to meet in working hours
    resources: tuple[str, ...] = ()  # resource catalogue codes given, e.g. "info.success_case"
    asks: tuple[Ask, ...] = ()
    other_departments: tuple[str, ...] = ()  # functions met on the same trip besides the contacts
    control_points: frozenset[int] = frozenset()
    presales_days: Decimal = Decimal("0")

    @property
    def has_gift(self) -> bool:
        return bool(self.gift_kind) or bool(self.gift_value)

    @property
    def is_private(self) -> bool:
        return self.kind in PRIVATE_KINDS


@dataclass(frozen=True, kw_only=True)
class Task:
    """A next step (待办) one of ours must take: not an activity with the customer, but proof that a visit
    led somewhere."""

    text: str
    owner: Person
    due: date | None = None
    done: bool = False
    contact_id: int | None = None
    visit_activity_id: int | None = None  # the visit it was set on (its sheet's logged activity)
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class ControlPoint:
    number: int  # 1-4
    status: str = ControlPointStatus.NOT_STARTED
    actions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Engagement:
    """One of our people taking part in the project (我方参与), and the part they play."""

    person: Person
    part: str = ""
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class InternalSale:
    """Internal selling (内部销售): a department or leader we draw in, and what they commit."""

    target: str
    commitment: str
    status: str = InternalSaleStatus.PLANNED
    person: Person | None = None
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Competitor:
    name: str
    strengths: str = ""
    our_edge: str = ""
    supporter_ids: tuple[int, ...] = ()  # contacts who lean their way
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class TenderItem:
    """The tender plan (招投标): an advantage to put lawfully on paper, or a department to prepare."""

    text: str
    kind: str = TenderItemKind.ADVANTAGE
    status: str = TenderItemStatus.PLANNED
    contact_ids: tuple[int, ...] = ()  # the customer's people in that department we know (签合同、验收的人)
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class NegotiationTerm:
    """A row of the negotiation exchange table (谈判交换): worth little to us, much to them."""

    term: str
    cost_to_us: Decimal
    value_to_them: Decimal
    offered: bool = False
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """Per-team limits; the ORM model for team thresholds mirrors these field names."""

    parity_gap: int = 2
    high_level: int = Level.EXECUTIVE
    small_gift_limit: Decimal = Decimal("200")
    compliance_gift_limit: Decimal = Decimal("500")
    min_chain_contacts: int = 3
    single_thread_days: int = 30
    stale_days: int = 30
    reciprocity_gives: int = 3
    s3_presales_days: Decimal = Decimal("5")
    s3_leader_visits: int = 1
    wolf_cry_limit: int = 2
    wolf_cry_days: int = 90
    # The relationship ladder read from the record (projects.rules.evidence).
    familiar_meetings: int = 3  # "至少3次拜访以上…才有可能建立一个很稳固的初步关系"
    cares_returns: int = 1  # asks granted before the record supports 在乎
    bound_returns: int = 3  # asks granted before it supports 绑定
    depth_leeway: int = 0  # steps a rep's rating may run ahead of the record before a warning


@dataclass(frozen=True, kw_only=True)
class Named:
    """An account or a team, as the plan names it."""

    id: int
    name: str
    industry: str = ""
    region: str = ""


@dataclass(frozen=True, kw_only=True)
class PlanData:
    project_id: int
    name: str
    account: Named = Named(id=0, name="")
    team: Named = Named(id=0, name="")
    stage: str = ""
    outcome_reason: str = ""
    amount: Decimal = Decimal("0")
    expected_close: date | None = None
    our_price: Decimal | None = None
    their_price: Decimal | None = None
    state: str = State.UNKNOWN
    state_signs: tuple[str, ...] = ()
    strategy: str = Strategy.UNKNOWN
    owner: Person
    # The project team's management line (its leader, then the leaders above), nearest first: who of ours
    # the parity advice names when a relationship needs a more senior person (狐假虎威).
    leaders: tuple[Person, ...] = ()
    shared_with: tuple[Person, ...] = ()
    engagements: tuple[Engagement, ...] = ()  # our people taking part besides the owner
    contacts: tuple[Contact, ...] = ()  # the account's people, in the chain or not
    members: tuple[ChainMember, ...] = ()
    activities: tuple[Activity, ...] = ()
    tasks: tuple[Task, ...] = ()
    control_points: tuple[ControlPoint, ...] = ()
    internal_sales: tuple[InternalSale, ...] = ()
    competitors: tuple[Competitor, ...] = ()
    tender: tuple[TenderItem, ...] = ()
    terms: tuple[NegotiationTerm, ...] = ()
    thresholds: Thresholds = Thresholds()

    @property
    def engaged(self) -> tuple[Person, ...]:
        """Our people taking part, the owner first."""
        people = {self.owner.id: self.owner}
        for engagement in self.engagements:
            people.setdefault(engagement.person.id, engagement.person)
        return tuple(people.values())

    # Lookups by id, built once per plan: rules ask them for every activity of plans with a thousand of
    # each. (A frozen dataclass still has a __dict__, where cached_property keeps its value.)
    @cached_property
    def _members_by_contact(self) -> dict[int, ChainMember]:
        return {m.contact_id: m for m in reversed(self.members)}

    @cached_property
    def _contacts_by_id(self) -> dict[int, Contact]:
        found = {m.contact_id: m.contact for m in reversed(self.members)}
        found.update((c.id, c) for c in reversed(self.contacts))
        return found

    def member(self, contact_id: int) -> ChainMember | None:
        return self._members_by_contact.get(contact_id)

    def contact(self, contact_id: int) -> Contact | None:
        return self._contacts_by_id.get(contact_id)

    def members_of(self, activity: Activity) -> list[ChainMember]:
        """The chain members met in an activity (contacts outside the chain are skipped)."""
        by_id = self._members_by_contact
        return [by_id[cid] for cid in activity.contact_ids if cid in by_id]

    def done_activities(self) -> list[Activity]:
        return [a for a in self.activities if a.done]

    @cached_property
    def _activities_by_contact(self) -> dict[int, list[Activity]]:
        found: dict[int, list[Activity]] = {}
        for activity in self.activities:
            for contact_id in activity.contact_ids:
                found.setdefault(contact_id, []).append(activity)
        return found

    def activities_with(self, contact_id: int, *, done_only: bool = False) -> list[Activity]:
        """The activities that met a contact, in the plan's order."""
        return [a for a in self._activities_by_contact.get(contact_id, ()) if a.done or not done_only]

    def control_point(self, number: int) -> ControlPoint:
        found = next((cp for cp in self.control_points if cp.number == number), None)
        return found or ControlPoint(number=number)
