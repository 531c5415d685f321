"""Two versions of the plan compared in words, section by section, for a manager (版本对比)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from projects.deals.labels import joined, label, labels
from projects.plans.snapshot import Version
from projects.rules.base import SECTION_LABELS, Section
from projects.rules.exchange import exchange
from projects.rules.parity import acquaintance_holder, effective_owner, is_high_level
from projects.rules.resources import resource_rows

ARROW = _("%(field)s %(old)s → %(new)s")
ADDED_ITEMS = _("%(field)s + %(items)s")
REMOVED_ITEMS = _("%(field)s − %(items)s")
NAMED = _("%(name)s: %(changes)s")
ADDED = _("%(thing)s added")
REMOVED = _("%(thing)s removed")
PERSON_ADDED = _("%(name)s added to the chain")
PERSON_REMOVED = _("%(name)s removed from the chain")
ACTIVITY_THING = _("Activity %(activity)s")
PAIN_ADDED = _("%(name)s: pain + %(pain)s")
PAIN_REMOVED = _("%(name)s: pain − %(pain)s")
GAP_NOW = _("gap closed: %(old)s → %(new)s")


def cny(value: Decimal | None) -> str:
    return "—" if value is None else f"¥{value:,.0f}"


def _yes_no(value) -> str:
    return str(_("yes")) if value else str(_("no"))


def _show(value) -> str:
    return "—" if value in (None, "", []) else str(value)


class _Changes:
    """Collects "field old → new" phrases for one thing."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def value(self, field, old, new) -> None:
        if old != new:
            self.parts.append(str(ARROW % {"field": field, "old": _show(old), "new": _show(new)}))

    def items(self, field, old, new) -> None:
        old_list, new_list = list(old), list(new)
        added = [item for item in new_list if item not in old_list]
        removed = [item for item in old_list if item not in new_list]
        if added:
            self.parts.append(str(ADDED_ITEMS % {"field": field, "items": joined(added)}))
        if removed:
            self.parts.append(str(REMOVED_ITEMS % {"field": field, "items": joined(removed)}))

    def sentence(self, name) -> str | None:
        return str(NAMED % {"name": name, "changes": "; ".join(self.parts)}) if self.parts else None


def _diff_rows(old_rows, new_rows, *, key, name, added, removed, describe) -> list[str]:
    """Sentences for rows matched by `key`: added, removed, and changed ones described field by field."""
    old, new = {key(row): row for row in old_rows}, {key(row): row for row in new_rows}
    lines = []
    for row_id, row in new.items():
        if row_id not in old:
            lines.append(str(added(row)))
            continue
        changes = _Changes()
        describe(changes, old[row_id], row)
        if sentence := changes.sentence(name(row)):
            lines.append(sentence)
    lines.extend(str(removed(row)) for row_id, row in old.items() if row_id not in new)
    return lines


def _holder(plan, member) -> str:
    holder = acquaintance_holder(plan, member)
    return holder.name if holder else ""


def _basics(old: Version, new: Version) -> list[str]:
    a, b = old.plan, new.plan
    c = _Changes()
    c.value(_("name"), a.name, b.name)
    c.value(_("stage"), label("stage", a.stage), label("stage", b.stage))
    c.value(_("amount"), cny(a.amount), cny(b.amount))
    c.value(_("expected close"), a.expected_close, b.expected_close)
    c.value(_("why won or lost"), a.outcome_reason, b.outcome_reason)
    c.value(_("owner"), a.owner.name, b.owner.name)
    return [c.sentence(_("Project"))] if c.parts else []


def _state(old: Version, new: Version) -> list[str]:
    a, b = old.plan, new.plan
    c = _Changes()
    c.value(_("state"), label("state", a.state), label("state", b.state))
    c.value(_("strategy"), label("strategy", a.strategy), label("strategy", b.strategy))
    c.items(_("signs"), labels("sign", a.state_signs), labels("sign", b.state_signs))
    return [c.sentence(_("Project"))] if c.parts else []


def _chain(old: Version, new: Version) -> list[str]:
    def describe(c, a, b):
        (pa, ma), (pb, mb) = a, b
        c.value(_("depth"), label("depth", ma.depth), label("depth", mb.depth))
        c.items(_("roles"), labels("role", sorted(ma.roles)), labels("role", sorted(mb.roles)))
        c.value(_("stance"), label("stance", ma.stance), label("stance", mb.stance))
        c.value(_("ours"), effective_owner(pa, ma).name, effective_owner(pb, mb).name)
        c.value(_("title"), ma.title, mb.title)
        c.value(_("level"), label("level", ma.level), label("level", mb.level))
        c.value(_("prior acquaintance"), ma.acquaintance, mb.acquaintance)
        c.value(_("who of ours knows them"), _holder(pa, ma), _holder(pb, mb))
        if is_high_level(pa, ma) != is_high_level(pb, mb):
            c.parts.append(str(_("no longer at parity") if is_high_level(pb, mb) else _("now at parity")))

    return _diff_rows(
        [(old.plan, m) for m in old.plan.members],
        [(new.plan, m) for m in new.plan.members],
        key=lambda pm: pm[1].contact_id,
        name=lambda pm: pm[1].name,
        added=lambda pm: PERSON_ADDED % {"name": pm[1].name},
        removed=lambda pm: PERSON_REMOVED % {"name": pm[1].name},
        describe=describe,
    )


def _pains(old: Version, new: Version) -> list[str]:
    lines = []
    for member in new.plan.members:
        before_member = old.plan.member(member.contact_id)
        before = [p.text for p in before_member.pains] if before_member else []
        after = [p.text for p in member.pains]
        lines += [str(PAIN_ADDED % {"name": member.name, "pain": p}) for p in after if p not in before]
        lines += [str(PAIN_REMOVED % {"name": member.name, "pain": p}) for p in before if p not in after]
    return lines


def _control_points(old: Version, new: Version) -> list[str]:
    missing_old = {w.code for w in old.warnings}
    missing_new = {w.code for w in new.warnings}
    lines = []
    for number in (1, 2, 3, 4):
        a, b = old.plan.control_point(number), new.plan.control_point(number)
        c = _Changes()
        c.value(_("status"), label("cp_status", a.status), label("cp_status", b.status))
        c.items(_("actions"), a.actions, b.actions)
        code = f"CP{number}_MISSING"
        if (code in missing_old) != (code in missing_new):
            c.parts.append(str(_("no longer covered") if code in missing_new else _("now covered")))
        if sentence := c.sentence(f"CP{number}"):
            lines.append(sentence)
    return lines


def _resources(old: Version, new: Version) -> list[str]:
    def planned(row) -> list[str]:
        return labels("resource", row.planned)

    def describe(c, a, b):
        c.items(_("given"), labels("resource", a.given), labels("resource", b.given))
        c.items(_("planned"), planned(a), planned(b))

    def added(row):
        c = _Changes()
        c.items(_("given"), [], labels("resource", row.given))
        c.items(_("planned"), [], planned(row))
        return c.sentence(row.member.name) or ADDED % {"thing": row.member.name}

    return _diff_rows(
        resource_rows(old.plan),
        resource_rows(new.plan),
        key=lambda row: row.member.contact_id,
        name=lambda row: row.member.name,
        added=added,
        removed=lambda row: REMOVED % {"thing": row.member.name},
        describe=describe,
    )


def _internal_selling(old: Version, new: Version) -> list[str]:
    def name(sale):
        return label("target", sale.target) + (f" {sale.person.name}" if sale.person else "")

    def describe(c, a, b):
        c.value(_("commits"), a.commitment, b.commitment)
        c.value(_("status"), label("sale_status", a.status), label("sale_status", b.status))
        c.value(_("person"), a.person and a.person.name, b.person and b.person.name)

    return _diff_rows(
        old.plan.internal_sales,
        new.plan.internal_sales,
        key=lambda sale: sale.id,
        name=name,
        added=lambda s: ADDED % {"thing": f"{name(s)}: {s.commitment}"},
        removed=lambda s: REMOVED % {"thing": f"{name(s)}: {s.commitment}"},
        describe=describe,
    )


def _activities(old: Version, new: Version) -> list[str]:
    def thing(activity):
        return ACTIVITY_THING % {"activity": f"{activity.date} {label('activity_kind', activity.kind)}"}

    def names(plan, activity) -> list[str]:
        return [contact.name for cid in activity.contact_ids if (contact := plan.contact(cid))]

    def describe(c, pa, pb):
        (plan_a, a), (plan_b, b) = pa, pb
        c.value(_("date"), a.date, b.date)
        c.value(_("type"), label("activity_kind", a.kind), label("activity_kind", b.kind))
        c.value(_("done"), _yes_no(a.done), _yes_no(b.done))
        c.items(_("ours"), [p.name for p in a.our_people], [p.name for p in b.our_people])
        c.items(_("theirs"), names(plan_a, a), names(plan_b, b))
        c.value(_("goal"), a.goal, b.goal)
        c.value(_("hook"), a.hook, b.hook)
        c.value(_("outcome"), a.outcome, b.outcome)
        c.items(_("resources"), labels("resource", a.resources), labels("resource", b.resources))
        c.items(
            _("asks granted"), [k.text for k in a.asks if k.granted], [k.text for k in b.asks if k.granted]
        )

    return _diff_rows(
        [(old.plan, a) for a in old.plan.activities],
        [(new.plan, a) for a in new.plan.activities],
        key=lambda pa: pa[1].id,
        name=lambda pa: thing(pa[1]),
        added=lambda pa: ADDED % {"thing": thing(pa[1])},
        removed=lambda pa: REMOVED % {"thing": thing(pa[1])},
        describe=describe,
    )


def _competition(old: Version, new: Version) -> list[str]:
    def supporters(plan, competitor) -> list[str]:
        return [contact.name for cid in competitor.supporter_ids if (contact := plan.contact(cid))]

    def describe(c, pa, pb):
        (plan_a, a), (plan_b, b) = pa, pb
        c.value(_("name"), a.name, b.name)
        c.value(_("their strengths"), a.strengths, b.strengths)
        c.value(_("our edge"), a.our_edge, b.our_edge)
        c.items(_("supporters"), supporters(plan_a, a), supporters(plan_b, b))

    return _diff_rows(
        [(old.plan, c) for c in old.plan.competitors],
        [(new.plan, c) for c in new.plan.competitors],
        key=lambda pc: pc[1].id,
        name=lambda pc: pc[1].name,
        added=lambda pc: ADDED % {"thing": pc[1].name},
        removed=lambda pc: REMOVED % {"thing": pc[1].name},
        describe=describe,
    )


def _tender(old: Version, new: Version) -> list[str]:
    def people(plan, item) -> list[str]:
        return [contact.name for cid in item.contact_ids if (contact := plan.contact(cid))]

    def describe(c, pa, pb):
        (plan_a, a), (plan_b, b) = pa, pb
        c.value(_("what"), a.text, b.text)
        c.value(_("kind"), label("tender_kind", a.kind), label("tender_kind", b.kind))
        c.value(_("status"), label("tender_status", a.status), label("tender_status", b.status))
        c.items(_("people we know there"), people(plan_a, a), people(plan_b, b))

    return _diff_rows(
        [(old.plan, t) for t in old.plan.tender],
        [(new.plan, t) for t in new.plan.tender],
        key=lambda pt: pt[1].id,
        name=lambda pt: pt[1].text,
        added=lambda pt: ADDED % {"thing": pt[1].text},
        removed=lambda pt: REMOVED % {"thing": pt[1].text},
        describe=describe,
    )


def _negotiation(old: Version, new: Version) -> list[str]:
    a, b = old.plan, new.plan
    c = _Changes()
    c.value(_("our offer"), cny(a.our_price), cny(b.our_price))
    c.value(_("their target price"), cny(a.their_price), cny(b.their_price))
    lines = [c.sentence(_("Prices"))] if c.parts else []

    def describe(c, x, y):
        c.value(_("term"), x.term, y.term)
        c.value(_("cost to us"), cny(x.cost_to_us), cny(y.cost_to_us))
        c.value(_("value to them"), cny(x.value_to_them), cny(y.value_to_them))
        c.value(_("offered"), _yes_no(x.offered), _yes_no(y.offered))

    lines += _diff_rows(
        a.terms,
        b.terms,
        key=lambda t: t.id,
        name=lambda t: t.term,
        added=lambda t: ADDED % {"thing": t.term},
        removed=lambda t: REMOVED % {"thing": t.term},
        describe=describe,
    )
    closed_a, closed_b = exchange(a).closed, exchange(b).closed
    if closed_a != closed_b:
        lines.append(str(GAP_NOW % {"old": _closed_word(closed_a), "new": _closed_word(closed_b)}))
    return lines


def _closed_word(closed) -> str:
    return str(_("no gap known")) if closed is None else _yes_no(closed)


COMPARERS: dict[Section, Callable[[Version, Version], list[str]]] = {
    Section.BASICS: _basics,
    Section.STATE: _state,
    Section.CHAIN: _chain,
    Section.PAINS: _pains,
    Section.CONTROL_POINTS: _control_points,
    Section.RESOURCES: _resources,
    Section.INTERNAL_SELLING: _internal_selling,
    Section.ACTIVITIES: _activities,
    Section.COMPETITION: _competition,
    Section.TENDER: _tender,
    Section.NEGOTIATION: _negotiation,
}


def compare(old: Version, new: Version) -> list[dict[str, Any]]:
    """Section by section, what changed from `old` to `new`, in sentences a manager reads."""
    return [
        {"code": str(section), "label": SECTION_LABELS[section], "changes": [x for x in find(old, new) if x]}
        for section, find in COMPARERS.items()
    ]
