"""The plan as plain data (项目计划的纯数据): what the warnings engine reads.

A loader turns a project and its decision chain (决策链) into these frozen dataclasses in a fixed number
of queries; every rule is then a pure function over them, with no ORM, database or request in sight.
The constants mirror the model choices, so the loader can pass stored values through unchanged.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum, StrEnum


class Rank(IntEnum):
    """Rank on our side (我方职级), compared with a contact's level by the parity rule (责权利对等)."""

    REP = 1  # 销售
    TEAM_LEAD = 2  # 组长 / 销售经理
    DIRECTOR = 3  # 总监
    EXECUTIVE = 4  # 副总 / 总经理 / 老板


# Our people of this rank or above are "leaders" (领导): sponsors for executives, scarce in S3 projects.
LEADER_RANK = Rank.DIRECTOR


class Level(IntEnum):
    """A contact's level (层级) in the customer organisation."""

    STAFF = 1  # 基层
    MIDDLE = 2  # 中层 (主任, 部门经理, 采购组长)
    EXECUTIVE = 3  # 高层 (采购副总, 技术副总)
    TOP = 4  # 决策层 (总经理, 董事长)


class Depth(IntEnum):
    """Relationship depth (关系深度): 陌生 → 认识 → 熟悉 → 在乎 → 绑定."""

    STRANGER = 1  # 陌生
    ACQUAINTED = 2  # 认识
    FAMILIAR = 3  # 熟悉
    CARES = 4  # 在乎
    BOUND = 5  # 绑定


class Function(StrEnum):
    """The line (条线) a contact works in."""

    TECHNICAL = "technical"  # 技术
    PROCUREMENT = "procurement"  # 采购 / 招采
    USER = "user"  # 需求 / 使用
    FINANCE = "finance"  # 财务
    PLANNING = "planning"  # 计划
    MANAGEMENT = "management"  # 综合 / 领导


class Personality(StrEnum):
    """性格: peacocks, then tigers, grow into coaches; owls and koalas look harmless but are hard."""

    PEACOCK = "peacock"  # 孔雀
    TIGER = "tiger"  # 老虎
    OWL = "owl"  # 猫头鹰
    KOALA = "koala"  # 考拉
    UNKNOWN = "unknown"


class Role(StrEnum):
    """A contact's role in the chain. HIGH_LEVEL is never stored: it is computed from parity."""

    BRIDGE = "bridge"  # 桥梁
    COACH = "coach"  # 教练
    KEY = "key"  # 关键人
    GENERAL = "general"  # 普遍
    HIGH_LEVEL = "high_level"  # 高层 (computed, see parity.is_high_level)


class Stance(StrEnum):
    SUPPORT = "support"  # 支持
    NEUTRAL = "neutral"  # 中立
    OPPOSE = "oppose"  # 反对
    COMPETITOR = "competitor"  # 已倾向竞争对手


class PainKind(StrEnum):
    """What a pain (痛苦链上的痛点) is about."""

    RELIABILITY = "reliability"
    INNOVATION = "innovation"
    COMMERCIAL = "commercial"
    CAREER = "career"
    RISK = "risk"
    EFFICIENCY = "efficiency"
    OTHER = "other"


class AskKind(StrEnum):
    """What we ask of a contact in return (互惠: every step asks for something back)."""

    INFORMATION = "information"
    INTRODUCTION = "introduction"
    SMALL_FAVOUR = "small_favour"
    COMMITMENT = "commitment"
    INFLUENCE_DECISION = "influence_decision"
    OTHER = "other"


class ActivityKind(StrEnum):
    VISIT = "visit"  # 拜访
    PHONE = "phone"  # 电话
    TECH_EXCHANGE = "tech_exchange"  # 技术交流
    BUSINESS_TALK = "business_talk"  # 商务洽谈
    SITE_VISIT = "site_visit"  # 参观考察
    EXEC_MEETING = "exec_meeting"  # 高层会谈
    BANQUET = "banquet"  # 宴请: formal, led by us; the course's first step with executives
    DINNER = "dinner"  # 私人饭局
    LEISURE = "leisure"  # KTV, sports, outing
    GIFT = "gift"  # 送礼


# Private activities (私密活动): a formal banquet is not one, a private meal or KTV is.
PRIVATE_KINDS = frozenset({ActivityKind.DINNER, ActivityKind.LEISURE})


class Topic(StrEnum):
    PRODUCT_FEATURES = "product_features"
    ROI = "roi"
    LONG_TERM_VALUE = "long_term_value"
    PEER_COMPETITION = "peer_competition"
    SUCCESS_CASE = "success_case"
    PRIVATE = "private"


# What an executive answers for (责任): ROI, long-term value, peers, success cases — not features.
EXECUTIVE_TOPICS = frozenset({Topic.ROI, Topic.LONG_TERM_VALUE, Topic.PEER_COMPETITION, Topic.SUCCESS_CASE})


class GiftKind(StrEnum):
    NONE = ""
    LOGO_SOUVENIR = "logo_souvenir"  # 企业 LOGO 纪念品
    CONSUMABLE = "consumable"  # 消耗品
    LIQUOR = "liquor"  # 酒
    CIGARETTES = "cigarettes"  # 烟
    VALUABLES = "valuables"  # 值钱货
    OTHER = "other"


# "不要送酒，不要送烟，也不要送值钱货" — never for an executive, whatever the value.
FORBIDDEN_EXECUTIVE_GIFTS = frozenset({GiftKind.LIQUOR, GiftKind.CIGARETTES, GiftKind.VALUABLES})


class ControlPointStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    HELD = "held"


class State(StrEnum):
    """Project quality, the three customer states (客户状态)."""

    UNKNOWN = ""
    S1 = "S1"  # locked elsewhere, 竞争劣势
    S2 = "S2"  # still forming, we are early, 有优势
    S3 = "S3"  # not yet real, 八字没一撇


class Strategy(StrEnum):
    UNKNOWN = ""
    TOP_DOWN = "top_down"  # 自上而下
    BOTTOM_UP = "bottom_up"  # 自下而上


@dataclass(frozen=True, kw_only=True)
class Person:
    """One of our people (我方), with a rank (see Rank)."""

    id: int
    name: str
    rank: int


@dataclass(frozen=True, kw_only=True)
class Pain:
    text: str
    kind: str = PainKind.OTHER


@dataclass(frozen=True, kw_only=True)
class ChainMember:
    """A contact in this project's decision chain, with what the plan knows about them."""

    contact_id: int
    name: str
    title: str = ""
    level: int = Level.STAFF
    function: str = Function.TECHNICAL
    personality: str = Personality.UNKNOWN
    roles: frozenset[str] = frozenset()  # typed roles only; "high_level" is computed
    stance: str = Stance.NEUTRAL
    depth: int = Depth.STRANGER
    owner: Person | None = None  # our person holding the relationship; None: the project owner
    acquaintance: str = ""  # prior acquaintance (a friend's introduction, classmates), '' if none
    pains: tuple[Pain, ...] = ()
    added_on: date  # when the contact joined the chain: the staleness clock starts here
    reports_to_id: int | None = None

    @property
    def label(self) -> str:
        """How messages name the contact: title then name, as the course does (采购副总 王总)."""
        return " ".join(part for part in (self.title, self.name) if part)


@dataclass(frozen=True, kw_only=True)
class Ask:
    kind: str
    text: str = ""
    contact_id: int | None = None  # None: anyone met in the activity


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
class ControlPoint:
    number: int  # 1-4
    status: str = ControlPointStatus.NOT_STARTED
    actions: tuple[str, ...] = ()


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


@dataclass(frozen=True, kw_only=True)
class PlanData:
    project_id: int
    name: str
    stage: str = ""
    state: str = State.UNKNOWN
    strategy: str = Strategy.UNKNOWN
    owner: Person
    engaged: tuple[Person, ...] = ()  # our people taking part, owner included
    members: tuple[ChainMember, ...] = ()
    activities: tuple[Activity, ...] = ()
    control_points: tuple[ControlPoint, ...] = ()
    thresholds: Thresholds = Thresholds()

    def member(self, contact_id: int) -> ChainMember | None:
        return next((m for m in self.members if m.contact_id == contact_id), None)

    def members_of(self, activity: Activity) -> list[ChainMember]:
        """The chain members met in an activity (contacts outside the chain are skipped)."""
        by_id = {m.contact_id: m for m in self.members}
        return [by_id[cid] for cid in activity.contact_ids if cid in by_id]

    def done_activities(self) -> list[Activity]:
        return [a for a in self.activities if a.done]

    def activities_with(self, contact_id: int, *, done_only: bool = False) -> list[Activity]:
        return [a for a in self.activities if contact_id in a.contact_ids and (a.done or not done_only)]

    def control_point(self, number: int) -> ControlPoint:
        found = next((cp for cp in self.control_points if cp.number == number), None)
        return found or ControlPoint(number=number)
