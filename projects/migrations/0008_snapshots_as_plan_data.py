"""Submitted versions stored before the plan was one shape (snapshot format 1: the page's own dicts, the
warnings as text) rewritten as format 2 (projects.plans.snapshot): the plan's plain data and the warnings.
What format 1 did not keep takes its default; the warnings keep the words they were shown in."""

from django.db import migrations


def person(value):
    return None if not value else {"id": value["id"], "name": value["name"], "rank": value["rank"], "username": ""}


def contact(value):
    return {
        "id": value["id"],
        "name": value["name"],
        "title": value.get("title", ""),
        "level": value.get("level", 1),
        "function": value.get("function", "technical"),
        "personality": value.get("personality", "unknown"),
        "reports_to_id": value.get("reports_to_id"),
    }


def as_plan(old: dict) -> dict:
    p = old["project"]
    contacts = {}
    for activity in old["activities"]:
        for c in activity["contacts"]:
            contacts[c["id"]] = contact(c)
    for competitor in old["competitors"]:
        for c in competitor["supporters"]:
            contacts.setdefault(c["id"], contact(c))
    for member in old["members"]:
        contacts[member["contact_id"]] = contact({**member, "id": member["contact_id"]})
    resources = {row["member_id"]: row["items"] for row in old["resources"]}
    deal = old["negotiation"]
    return {
        "project_id": p["id"],
        "name": p["name"],
        "account": {"id": p["account"]["id"], "name": p["account"]["name"]},
        "team": {"id": p["team"]["id"], "name": p["team"]["name"]},
        "stage": p["stage"],
        "outcome_reason": p["outcome_reason"],
        "amount": p["amount"],
        "expected_close": p["expected_close"],
        "our_price": deal["our_price"],
        "their_price": deal["their_price"],
        "state": p["state"],
        "state_signs": p["state_signs"],
        "strategy": p["strategy"],
        "owner": person(p["owner"]),
        "engagements": [{"person": person(e), "part": e.get("part", "")} for e in old["engaged"]],
        "contacts": sorted(contacts.values(), key=lambda c: (-c["level"], c["name"], c["id"])),
        "members": [
            {
                "id": m["id"],
                "contact": contacts[m["contact_id"]],
                "roles": m["roles"],
                "stance": m["stance"],
                "depth": m["depth"],
                "owner": person(m["owner"]) if m["owner_set"] else None,
                "acquaintance": m["acquaintance"],
                "pains": m["pains"],
                "added_on": old["taken_on"],
                "resource_plan": resources.get(m["id"], []),
            }
            for m in old["members"]
        ],
        "activities": [
            {
                "id": a["id"],
                "kind": a["kind"],
                "date": a["date"],
                "done": a["done"],
                "our_people": [person(x) for x in a["our_people"]],
                "contact_ids": [c["id"] for c in a["contacts"]],
                "topics": a["topics"],
                "gift_kind": a["gift_kind"],
                "gift_value": a["gift_value"],
                "goal": a["goal"],
                "hook": a["hook"],
                "outcome": a["outcome"],
                "resources": a["resources"],
                "control_points": a["control_points"],
            }
            for a in old["activities"]
        ],
        "control_points": [
            {"number": cp["number"], "status": cp["status"], "actions": cp["actions"]} for cp in old["control_points"]
        ],
        "internal_sales": [
            {
                "id": s["id"],
                "target": s["target"],
                "commitment": s["commitment"],
                "status": s["status"],
                "person": person(s["person"]),
            }
            for s in old["internal_sales"]
        ],
        "competitors": [
            {
                "id": c["id"],
                "name": c["name"],
                "strengths": c["strengths"],
                "our_edge": c["our_edge"],
                "supporter_ids": [s["id"] for s in c["supporters"]],
            }
            for c in old["competitors"]
        ],
        "tender": old["tender"],
        "terms": deal["terms"],
        "thresholds": {"parity_gap": p["parity_threshold"]},
    }


def as_warning(old: dict) -> dict:
    subject = dict(old["subject"])
    if subject["kind"] == "section" and subject["id"] == "engagement":
        subject["id"] = "internal_selling"
    return {
        "code": old["code"],
        "severity": old["severity"],
        "subject": subject,
        **{name: old[name] for name in ("message", "reason", "next_step", "lesson")},
    }


def upgrade(snapshot: dict) -> dict:
    if snapshot.get("format") != 1:
        return snapshot
    return {
        "format": 2,
        "taken_on": snapshot["taken_on"],
        "plan": as_plan(snapshot),
        "warnings": [as_warning(w) for w in snapshot["warnings"]],
    }


def forward(apps, schema_editor):
    PlanSubmission = apps.get_model("projects", "PlanSubmission")
    for submission in PlanSubmission.objects.all().iterator():
        upgraded = upgrade(submission.snapshot)
        if upgraded is not submission.snapshot:
            PlanSubmission.objects.filter(pk=submission.pk).update(snapshot=upgraded)


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_versions_everywhere_and_sheet_records")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
