"""The codes the plan's data is written in (项目计划的编码): our ranks, a contact's level, roles, kinds of
activity... The engine keeps its own copy of each set of choices, so it needs nothing of Django's ORM;
tests/test_choices.py proves each copy equals the models' choices.
"""

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
# Meeting in person (见面): what a first visit, the relationship ladder and "the project has begun" count.
MEETING_KINDS = frozenset(ActivityKind) - {ActivityKind.PHONE, ActivityKind.GIFT}
# Short contacts a rep keeps up alone once our leader has met the executive: "酒桌上认识了以后就可以…
# 在办公室做拜访…定期做一个汇报…给高层客户花5分钟时间" [lesson 16]. Every other kind is a long activity (a
# site visit, a technical exchange, a banquet, a day out) where the executive weighs who came to meet them.
SHORT_KINDS = frozenset({ActivityKind.VISIT, ActivityKind.PHONE, ActivityKind.GIFT})


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


class Stage(StrEnum):
    LEAD = "lead"  # 线索
    OPPORTUNITY = "opportunity"  # 商机
    TENDER = "tender"  # 招投标
    NEGOTIATION = "negotiation"  # 谈判
    SIGNED = "signed"  # 签约
    DELIVERY = "delivery"  # 交付
    WON = "won"  # 赢单
    LOST = "lost"  # 丢单


class ProcurementGroup(StrEnum):
    NONE = ""
    EXECUTING = "executing"  # 招采执行小组
    LEADERSHIP = "leadership"  # 招采领导小组


class InternalSaleStatus(StrEnum):
    PLANNED = "planned"
    ASKED = "asked"
    COMMITTED = "committed"
    DELIVERED = "delivered"
    DECLINED = "declined"


class ResourceStatus(StrEnum):
    PLANNED = "planned"
    GIVEN = "given"


class TenderItemKind(StrEnum):
    ADVANTAGE = "advantage"  # our advantages, put lawfully into the tender documents
    CONTRACT_DEPARTMENT = "contract_department"
    ACCEPTANCE_DEPARTMENT = "acceptance_department"


class TenderItemStatus(StrEnum):
    PLANNED = "planned"
    AGREED = "agreed"
    DONE = "done"
