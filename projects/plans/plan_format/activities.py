"""Reading $.activities: the planned and logged activities, each with what we asked for in return (互惠)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.models import Function
from projects.deals.models import Activity, ActivityKind, Ask, AskKind, GiftKind, Topic
from projects.plans.plan_format.document import ParsedActivity, ParsedAsk
from projects.plans.plan_format.reader import Reader, model_field
from projects.rules.course import ALL_RESOURCES, CONTROL_POINTS

ACTIVITY_KEYS = (
    "kind",
    "date",
    "done",
    "our_people",
    "contacts",
    "topics",
    "gift_kind",
    "gift_value",
    "gift_approved",
    "goal",
    "hook",
    "outcome",
    "reason_met",
    "resources",
    "other_departments",
    "control_points",
    "presales_days",
    "asks",
)


def read_activities(r: Reader, doc: dict) -> tuple[ParsedActivity, ...]:
    result = []
    for path, item in r.items(doc, "activities", "$"):
        obj = r.object(item, path, ACTIVITY_KEYS, required=("kind", "date"))
        if obj is None:
            continue
        asks = []
        for ask_path, ask in r.items(obj, "asks", path):
            ask_obj = r.object(ask, ask_path, ("kind", "text", "contact", "granted"), required=("text",))
            if ask_obj is None:
                continue
            contact = r.contact_key(ask_obj, "contact", ask_path)
            asks.append(
                ParsedAsk(
                    kind=r.choice(
                        ask_obj, "kind", ask_path, AskKind.values, _("ask kind"), AskKind.INFORMATION
                    ),
                    text=r.text(ask_obj, "text", ask_path, model_field(Ask, "text")),
                    contact=contact,
                    granted=r.boolean(ask_obj, "granted", ask_path),
                )
            )
        result.append(
            ParsedActivity(
                kind=r.choice(obj, "kind", path, ActivityKind.values, _("activity type"), ActivityKind.VISIT),
                date=r.date(obj, "date", path, nullable=False) or date.min,
                done=r.boolean(obj, "done", path),
                our_people=r.strings(obj, "our_people", path),
                contacts=r.strings(obj, "contacts", path),
                topics=r.codes(obj, "topics", path, Topic.values, _("topic")),
                gift_kind=r.choice(obj, "gift_kind", path, GiftKind.values, _("gift kind"), ""),
                gift_value=r.decimal(obj, "gift_value", path, model_field(Activity, "gift_value"), None),
                gift_approved=r.boolean(obj, "gift_approved", path),
                goal=r.text(obj, "goal", path, model_field(Activity, "goal")),
                hook=r.text(obj, "hook", path, model_field(Activity, "hook")),
                outcome=r.text(obj, "outcome", path, model_field(Activity, "outcome")),
                reason_met=r.text(obj, "reason_met", path, model_field(Activity, "reason_met")),
                resources=r.codes(obj, "resources", path, ALL_RESOURCES, _("resource")),
                other_departments=r.codes(obj, "other_departments", path, Function.values, _("department")),
                control_points=r.codes(obj, "control_points", path, CONTROL_POINTS, _("control point")),
                presales_days=r.decimal(
                    obj, "presales_days", path, model_field(Activity, "presales_days"), Decimal("0")
                ),
                asks=tuple(asks),
            )
        )
    return tuple(result)
