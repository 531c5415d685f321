"""The deal's choices, defined once: the models store these codes and the warnings engine keeps its own copy
of the values (projects.rules.data), which tests/test_choices.py proves equal."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

UNKNOWN_CODES = _("Unknown value(s): %(codes)s.")


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead (线索)")
    OPPORTUNITY = "opportunity", _("Opportunity (商机)")
    TENDER = "tender", _("Tender (招投标)")
    NEGOTIATION = "negotiation", _("Negotiation (谈判)")
    SIGNED = "signed", _("Signed (签约)")
    DELIVERY = "delivery", _("Delivery (交付)")
    WON = "won", _("Won (赢单)")
    LOST = "lost", _("Lost (丢单)")


class CustomerState(models.TextChoices):
    """Project quality: the course's three customer states [lesson 12]."""

    UNKNOWN = "", _("Not judged yet")
    S1 = "S1", _("S1 locked elsewhere (竞争劣势)")
    S2 = "S2", _("S2 forming, we are early (有优势)")
    S3 = "S3", _("S3 not yet real (八字没一撇)")


class Strategy(models.TextChoices):
    UNDECIDED = "", _("Undecided")
    TOP_DOWN = "top_down", _("Top-down (自上而下)")
    BOTTOM_UP = "bottom_up", _("Bottom-up (自下而上)")


class Role(models.TextChoices):
    """Typed roles in the chain. 高层 (high-level) is not here: it is computed by the parity rule."""

    BRIDGE = "bridge", _("Bridge (桥梁)")
    COACH = "coach", _("Coach (教练)")
    KEY = "key", _("Key person (关键人)")
    GENERAL = "general", _("General (普遍)")


class Stance(models.TextChoices):
    SUPPORT = "support", _("Supports us (支持)")
    NEUTRAL = "neutral", _("Neutral (中立)")
    OPPOSE = "oppose", _("Opposes us (反对)")
    COMPETITOR = "competitor", _("Leans to a competitor (倾向友商)")


class Depth(models.IntegerChoices):
    """Relationship depth (关系深度) [last lesson]."""

    STRANGER = 1, _("Stranger (陌生)")
    ACQUAINTED = 2, _("Acquainted (认识)")
    FAMILIAR = 3, _("Familiar (熟悉)")
    CARES = 4, _("Cares (在乎)")
    BOUND = 5, _("Bound (绑定)")


class PainKind(models.TextChoices):
    RELIABILITY = "reliability", _("Reliability in use")
    INNOVATION = "innovation", _("Innovation, new projects, papers")
    COMMERCIAL = "commercial", _("Commercial terms")
    CAREER = "career", _("Career")
    RISK = "risk", _("Risk, a safe landing")
    EFFICIENCY = "efficiency", _("Efficiency and cost")
    OTHER = "other", _("Other")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit (拜访)")
    PHONE = "phone", _("Phone call (电话)")
    TECH_EXCHANGE = "tech_exchange", _("Technical exchange (技术交流)")
    BUSINESS_TALK = "business_talk", _("Business talk (商务洽谈)")
    SITE_VISIT = "site_visit", _("Site visit (考察)")
    EXEC_MEETING = "exec_meeting", _("Executive meeting (高层会晤)")
    BANQUET = "banquet", _("Formal banquet (宴请)")
    DINNER = "dinner", _("Private dinner (私人饭局)")
    LEISURE = "leisure", _("KTV, sports or outing (娱乐/运动/出游)")
    GIFT = "gift", _("Gift (礼品)")


class Topic(models.TextChoices):
    PRODUCT_FEATURES = "product_features", _("Product features")
    ROI = "roi", _("ROI")
    LONG_TERM_VALUE = "long_term_value", _("Long-term value")
    PEER_COMPETITION = "peer_competition", _("Peer competition")
    SUCCESS_CASE = "success_case", _("Success case")
    PRIVATE = "private", _("Private topic")


class GiftKind(models.TextChoices):
    NONE = "", _("No gift")
    LOGO_SOUVENIR = "logo_souvenir", _("Logo souvenir")
    CONSUMABLE = "consumable", _("Consumables")
    LIQUOR = "liquor", _("Liquor")
    CIGARETTES = "cigarettes", _("Cigarettes")
    VALUABLES = "valuables", _("Valuables")
    OTHER = "other", _("Other")


class AskKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    INTRODUCTION = "introduction", _("An introduction")
    SMALL_FAVOUR = "small_favour", _("A small favour")
    COMMITMENT = "commitment", _("A commitment")
    INFLUENCE_DECISION = "influence_decision", _("Influence the decision")
    OTHER = "other", _("Other")


class ControlPointStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    HELD = "held", _("Held")


class InternalSaleStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ASKED = "asked", _("Asked")
    COMMITTED = "committed", _("Committed")
    DELIVERED = "delivered", _("Delivered")
    DECLINED = "declined", _("Declined")


@deconstructible(path="projects.deals.models.CodesValidator")
class CodesValidator:
    """A JSON list whose items must come from a fixed set of codes."""

    def __init__(self, allowed):
        self.allowed = sorted(allowed, key=str)

    def __call__(self, values):
        if not isinstance(values, list):
            raise ValidationError(_("Expected a list."))
        unknown = [str(value) for value in values if value not in self.allowed]
        if unknown:
            raise ValidationError(UNKNOWN_CODES % {"codes": ", ".join(unknown)})

    def __eq__(self, other):
        return isinstance(other, CodesValidator) and self.allowed == other.allowed


class ResourceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    GIVEN = "given", _("Given")


class TenderItemKind(models.TextChoices):
    ADVANTAGE = "advantage", _("Advantage to put into the tender documents")
    CONTRACT_DEPARTMENT = "contract_department", _("Department that signs the contract")
    ACCEPTANCE_DEPARTMENT = "acceptance_department", _("Department that signs the acceptance")


class TenderItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGREED = "agreed", _("Agreed with the customer")
    DONE = "done", _("In the documents / prepared")
