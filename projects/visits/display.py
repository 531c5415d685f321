"""A sheet as it reads on its page and its PDF: every item entered, in the course's words (labels for every
code, BANT's four answers named, dates as people write them) — and nothing left out because a template
forgot it (tests/test_visit_pdf.py fills every field and finds each value)."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.deals.labels import joined, label
from projects.visits.schema import LABELS, SMALL_ACTIVITIES, STALL_REASONS, parse_date


@dataclass
class Item:
    label: str
    lines: list[str] = field(default_factory=list)
    # A list (people met, next steps) reads as a list; a single answer as text.
    listed: bool = False


@dataclass
class Part:
    title: str
    items: list[Item]


def day(text: str) -> str:
    """An ISO date as people write it (12月2日); what is not a date stays as typed."""
    parsed = parse_date(text or "").value
    return date_format(parsed, "MONTH_DAY_FORMAT") if parsed else (text or "")


def sheet_parts(
    data: dict, *, contacts: dict[int, str], people: dict[int, str], questions: list
) -> list[Part]:
    """`contacts`: the account's contacts by id (name with title); `people`: our people by id; `questions`:
    the team template's custom questions."""

    def contact(value) -> str:
        return contacts.get(_int(value), "") if value else ""

    def person(value) -> str:
        return people.get(_int(value), "") if value else ""

    def text(key: str, words=None) -> Item | None:
        value = (data.get(key) or "").strip()
        return Item(str(words or LABELS[key]), value.splitlines()) if value else None

    def codes(key: str, kind: str) -> Item | None:
        values = data.get(key) or []
        return Item(str(LABELS[key]), [joined(label(kind, code) for code in values)]) if values else None

    def names(key: str) -> Item | None:
        values = [person(value) for value in data.get(key) or []]
        return Item(str(LABELS[key]), [joined(v for v in values if v)]) if any(values) else None

    before = [
        text("purpose"),
        text("value"),
        text("invitation"),
        text("known_company"),
        text("known_market"),
        text("known_executives"),
        text("known_problems"),
        _listed(
            "must_learn",
            [f"{'✓' if row.get('done') else '○'} {row['text']}" for row in data.get("must_learn", [])],
        ),
        names("our_people_before"),
    ]
    met = [_person_met(row, contact) for row in data.get("met", [])]
    steps = [
        " · ".join(
            part
            for part in (
                row["text"],
                day(row.get("date", "")) or _("no date"),
                person(row.get("owner", "")),
                contact(row.get("contact", "")),
            )
            if part
        )
        for row in data.get("next_steps", [])
        if row.get("text")
    ]
    state = data.get("state", "")
    after = [
        Item(
            str(LABELS["date"]),
            [" · ".join(p for p in (day(data.get("date", "")), data.get("place", "")) if p)],
        ),
        _listed("met", met),
        names("our_people"),
        text("reason_met"),
        codes("topics", "topic"),
        text("bant_budget"),
        text("bant_authority"),
        text("bant_need"),
        text("bant_timeline"),
        text("needs_values"),
        text("hidden_views"),
        text("rivalries"),
        text("procurement_process"),
        _listed(
            "competitors",
            [
                f"{row['name']}（{row['how_seen']}）" if row.get("how_seen") else row.get("name", "")
                for row in data.get("competitors", [])
            ],
        ),
        Item(str(LABELS["state"]), [label("state", state) if state else "—"]),
        codes("state_signs", "sign"),
        text("suggestions_project"),
        text("suggestions_upper"),
        text("hooks"),
        _listed("next_steps", steps),
        codes("other_departments", "function"),
        _chosen("small_activities", data, dict(SMALL_ACTIVITIES)),
        codes("resources", "resource"),
        _listed(
            "asks",
            [
                " · ".join(
                    p
                    for p in (
                        label("ask_kind", row.get("kind")),
                        contact(row.get("contact")),
                        row["text"],
                        _("granted") if row.get("granted") else "",  # the customer said yes: 互惠 came back
                    )
                    if p
                )
                for row in data.get("asks", [])
                if row.get("text")
            ],
        ),
        _listed(
            "gifts",
            [
                " · ".join(
                    p
                    for p in (
                        label("gift_kind", row.get("kind")) if row.get("kind") else "",
                        f"¥{row['value']}" if row.get("value") else "",
                        contact(row.get("contact")),
                    )
                    if p
                )
                for row in data.get("gifts", [])
                if row.get("kind") or row.get("value")
            ],
        ),
        *[
            Item(question["text"], data["custom"][question["key"]].splitlines())
            for question in questions
            if data.get("custom", {}).get(question["key"])
        ],
        text("note"),
        _chosen("stalled", data, dict(STALL_REASONS)),
        text("stalled_note"),
    ]
    parts = [Part(_("After the call (拜访后)"), [item for item in after if item])]
    if any(before):
        parts.insert(0, Part(_("Before the call (拜访前)"), [item for item in before if item]))
    return parts


def _person_met(row: dict, contact) -> str:
    if row.get("contact"):
        who = contact(row["contact"])
    else:
        facts = [
            row.get("new_title", ""),
            label("level", _int(row["new_level"])) if row.get("new_level") else "",
            label("function", row["new_function"]) if row.get("new_function") else "",
            label("personality", row["new_personality"]) if row.get("new_personality") else "",
            _("reports to %(name)s") % {"name": contact(row["new_reports_to"])}
            if row.get("new_reports_to")
            else "",
        ]
        who = f"{row.get('new_name', '')}（{_('new')}：{joined(f for f in facts if f)}）"
    said = [
        label("role", row["role"]) if row.get("role") else "",
        label("stance", row["stance"]) if row.get("stance") else "",
        label("depth", _int(row["depth"])) if row.get("depth") else "",
    ]
    pains = [line.strip() for line in (row.get("pains") or "").splitlines() if line.strip()]
    if pains:
        kind = label("pain_kind", row.get("pain_kind")) if row.get("pain_kind") else ""
        said.append(_("pains: %(pains)s") % {"pains": "；".join(pains)} + (f"（{kind}）" if kind else ""))
    return " · ".join([who, *[s for s in said if s]])


def _listed(key: str, lines: list[str]) -> Item | None:
    lines = [line for line in lines if line]
    return Item(str(LABELS[key]), lines, listed=True) if lines else None


def _chosen(key: str, data: dict, words: dict) -> Item | None:
    value = data.get(key)
    values = value if isinstance(value, list) else [value] if value else []
    shown = [str(words.get(v, v)) for v in values if v]
    return Item(str(LABELS[key]), [joined(shown)]) if shown else None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value
