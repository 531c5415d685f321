"""Reading the plan's closing sections: $.competitors (竞争), $.tender (招投标) and $.negotiation
(谈判交换)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from projects.deals.models import Competitor, NegotiationTerm, TenderItem, TenderItemKind, TenderItemStatus
from projects.plans.plan_format.document import ParsedCompetitor, ParsedNegotiationTerm, ParsedTenderItem
from projects.plans.plan_format.reader import Reader, model_field

# Competitors and terms may repeat a name: the app does not forbid it, and the format must carry
# whatever the app holds.


def read_competitors(r: Reader, doc: dict) -> tuple[ParsedCompetitor, ...]:
    result = []
    for path, item in r.items(doc, "competitors", "$"):
        obj = r.object(item, path, ("name", "strengths", "our_edge", "supporters"), required=("name",))
        if obj is None:
            continue
        result.append(
            ParsedCompetitor(
                name=r.text(obj, "name", path, model_field(Competitor, "name")),
                strengths=r.text(obj, "strengths", path, model_field(Competitor, "strengths")),
                our_edge=r.text(obj, "our_edge", path, model_field(Competitor, "our_edge")),
                supporters=r.strings(obj, "supporters", path),
            )
        )
    return tuple(result)


def read_tender(r: Reader, doc: dict) -> tuple[ParsedTenderItem, ...]:
    result = []
    for path, item in r.items(doc, "tender", "$"):
        obj = r.object(item, path, ("kind", "text", "status", "contacts"), required=("text",))
        if obj is None:
            continue
        result.append(
            ParsedTenderItem(
                kind=r.choice(
                    obj, "kind", path, TenderItemKind.values, _("tender item kind"), TenderItemKind.ADVANTAGE
                ),
                text=r.text(obj, "text", path, model_field(TenderItem, "text")),
                status=r.choice(
                    obj, "status", path, TenderItemStatus.values, _("status"), TenderItemStatus.PLANNED
                ),
                contacts=r.strings(obj, "contacts", path),
            )
        )
    return tuple(result)


NEGOTIATION_KEYS = ("term", "cost_to_us", "value_to_them", "offered")


def read_negotiation(r: Reader, doc: dict) -> tuple[ParsedNegotiationTerm, ...]:
    result = []
    for path, item in r.items(doc, "negotiation", "$"):
        obj = r.object(item, path, NEGOTIATION_KEYS, required=("term", "cost_to_us", "value_to_them"))
        if obj is None:
            continue
        # A missing amount is already reported as required; 0 only stands in until the error is raised.
        result.append(
            ParsedNegotiationTerm(
                term=r.text(obj, "term", path, model_field(NegotiationTerm, "term")),
                cost_to_us=r.decimal(
                    obj, "cost_to_us", path, model_field(NegotiationTerm, "cost_to_us"), Decimal("0")
                ),
                value_to_them=r.decimal(
                    obj, "value_to_them", path, model_field(NegotiationTerm, "value_to_them"), Decimal("0")
                ),
                offered=r.boolean(obj, "offered", path),
            )
        )
    return tuple(result)
