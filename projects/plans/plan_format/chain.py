"""Reading $.chain: the decision chain (决策链), each member with their pains (痛苦链) and the resources we
plan to give them (资源计划)."""

from django.utils.translation import gettext as _

from projects.deals.models import (
    ChainMember,
    Depth,
    Pain,
    PainKind,
    ResourcePlanItem,
    ResourceStatus,
    Role,
    Stance,
)
from projects.plans.plan_format.document import ParsedMember, ParsedPain, ParsedResource
from projects.plans.plan_format.reader import Reader, model_field
from projects.rules.course import ALL_RESOURCES

MEMBER_KEYS = (
    "contact",
    "roles",
    "stance",
    "depth",
    "owner",
    "acquaintance",
    "added_on",
    "pains",
    "resource_plan",
)


def read_acquaintance(r: Reader, obj: dict, path: str, version: int) -> tuple[str, str | None]:
    """(how one of ours knew them before, the username of who did). Version 1 wrote only the how, as a
    string: it belongs to the relationship's owner (None)."""
    field = model_field(ChainMember, "acquaintance")
    if version == 1:
        return r.text(obj, "acquaintance", path, field), None
    value = obj.get("acquaintance")
    if value is None:
        return "", None
    where = f"{path}.acquaintance"
    found = r.object(value, where, ("holder", "how"), required=("how",))
    if found is None:
        return "", None
    how = r.text(found, "how", where, field)
    if "how" in found and not how.strip():
        r.fail(f"{where}.how", _("say how they know each other (classmates, former colleagues …)"))
    return how, r.username(found, "holder", where, nullable=True)


def read_chain(r: Reader, doc: dict, version: int) -> tuple[ParsedMember, ...]:
    result = []
    for path, item in r.items(doc, "chain", "$"):
        obj = r.object(item, path, MEMBER_KEYS, required=("contact",))
        if obj is None:
            continue
        contact = obj.get("contact")
        if not isinstance(contact, str) or not contact:
            r.fail(f"{path}.contact", _("expected a contact key"))
            contact = ""
        elif any(m.contact == contact for m in result):
            r.fail(f"{path}.contact", _('contact "%(key)s" is already in the chain') % {"key": contact})
        pains = []
        for pain_path, pain in r.items(obj, "pains", path):
            pain_obj = r.object(pain, pain_path, ("text", "kind"), required=("text",))
            if pain_obj is not None:
                pains.append(
                    ParsedPain(
                        text=r.text(pain_obj, "text", pain_path, model_field(Pain, "text")),
                        kind=r.choice(pain_obj, "kind", pain_path, PainKind.values, _("pain kind"), "other"),
                    )
                )
        resource_plan = []
        # No check for a resource listed twice: the app lets a rep plan the same resource again.
        for item_path, entry in r.items(obj, "resource_plan", path):
            item_obj = r.object(entry, item_path, ("resource", "status", "note"), required=("resource",))
            if item_obj is not None:
                resource_plan.append(
                    ParsedResource(
                        resource=r.choice(item_obj, "resource", item_path, ALL_RESOURCES, _("resource"), ""),
                        status=r.choice(
                            item_obj,
                            "status",
                            item_path,
                            ResourceStatus.values,
                            _("status"),
                            ResourceStatus.PLANNED,
                        ),
                        note=r.text(item_obj, "note", item_path, model_field(ResourcePlanItem, "note")),
                    )
                )
        acquaintance, holder = read_acquaintance(r, obj, path, version)
        result.append(
            ParsedMember(
                contact=contact,
                roles=r.codes(obj, "roles", path, Role.values, _("role")),
                stance=r.choice(obj, "stance", path, Stance.values, _("stance"), Stance.NEUTRAL),
                depth=r.choice(obj, "depth", path, Depth.values, _("relationship depth"), Depth.STRANGER),
                owner=r.username(obj, "owner", path, nullable=True),
                acquaintance=acquaintance,
                acquaintance_holder=holder,
                added_on=r.date(obj, "added_on", path, nullable=True),
                pains=tuple(pains),
                resource_plan=tuple(resource_plan),
            )
        )
    return tuple(result)
