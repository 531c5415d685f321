"""parse_plan: the whole document checked without a database, every problem reported with its JSON path."""

import json
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import reporting_loops
from projects.plans.plan_format.activities import read_activities
from projects.plans.plan_format.chain import read_chain
from projects.plans.plan_format.deal import read_competitors, read_negotiation, read_tender
from projects.plans.plan_format.document import FORMAT, READABLE_VERSIONS, ParsedPlan
from projects.plans.plan_format.errors import PlanFormatError, PlanIssue
from projects.plans.plan_format.reader import Reader, unstorable_strings
from projects.plans.plan_format.sections import (
    read_account,
    read_contacts,
    read_control_points,
    read_engagement,
    read_internal_sales,
    read_people,
    read_project,
    read_thresholds,
)


def _read_header(doc: Any) -> int:
    """The document's version; a wrong name or version stops at that: the rest may mean something else."""
    if not isinstance(doc, dict):
        raise PlanFormatError.single("$", _("expected an object"))
    if doc.get("format") != FORMAT:
        raise PlanFormatError.single(
            "$.format", _('expected "%(format)s", the plan format\'s name') % {"format": FORMAT}
        )
    version = doc.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise PlanFormatError.single(
            "$.version",
            _("unsupported version %(version)s: this app reads versions %(supported)s")
            % {"version": json.dumps(version), "supported": ", ".join(map(str, READABLE_VERSIONS))},
        )
    return version


TOP_KEYS = (
    "format",
    "version",
    "project",
    "account",
    "contacts",
    "people",
    "engagement",
    "chain",
    "internal_sales",
    "activities",
    "control_points",
    "competitors",
    "tender",
    "negotiation",
    "thresholds",
)


def parse_plan(doc: Any) -> ParsedPlan:
    """Validate a whole plan document without touching the database; raise PlanFormatError listing
    every problem with its JSON path."""
    version = _read_header(doc)
    if bad := [
        PlanIssue(path, _("contains a NUL or a lone surrogate character")) for path in unstorable_strings(doc)
    ]:
        raise PlanFormatError(bad)
    r = Reader()
    r.object(doc, "$", TOP_KEYS, required=("format", "version", "project", "account"))

    account = read_account(r, doc.get("account", {}))
    contacts = read_contacts(r, doc)
    people = read_people(r, doc)
    project = read_project(r, doc.get("project", {}))
    engagement = read_engagement(r, doc)
    chain = read_chain(r, doc, version)
    internal_sales = read_internal_sales(r, doc)
    activities = read_activities(r, doc)
    control_points = read_control_points(r, doc)
    competitors = read_competitors(r, doc)
    tender = read_tender(r, doc)
    negotiation = read_negotiation(r, doc)
    thresholds = read_thresholds(r, doc.get("thresholds", {}))

    parsed = ParsedPlan(
        version=version,
        project=project,
        account=account,
        contacts=contacts,
        people=people,
        engagement=engagement,
        chain=chain,
        internal_sales=internal_sales,
        activities=activities,
        control_points=control_points,
        competitors=competitors,
        tender=tender,
        negotiation=negotiation,
        thresholds=thresholds,
    )
    _check_references(r, parsed)
    if r.errors:
        raise PlanFormatError(r.errors)
    return parsed


def _check_references(r: Reader, plan: ParsedPlan) -> None:
    """Contact keys and usernames that point nowhere; reporting loops."""
    keys = {contact.key for contact in plan.contacts}
    usernames = {person.username for person in plan.people}

    # Values already reported as malformed come through as "" and are not reported again.
    def contact_ref(path: str, key: str | None) -> None:
        if key and key not in keys:
            r.fail(path, _('no contact with key "%(key)s" in $.contacts') % {"key": key})

    def user_ref(path: str, username: str | None) -> None:
        if username and username not in usernames:
            r.fail(path, _('no person with username "%(username)s" in $.people') % {"username": username})

    user_ref("$.project.owner", plan.project.owner)
    for index, username in enumerate(plan.project.shared_with):
        user_ref(f"$.project.shared_with[{index}]", username)
    for index, contact in enumerate(plan.contacts):
        contact_ref(f"$.contacts[{index}].reports_to", contact.reports_to)
    for index, engagement in enumerate(plan.engagement):
        user_ref(f"$.engagement[{index}].username", engagement.username)
    for index, member in enumerate(plan.chain):
        contact_ref(f"$.chain[{index}].contact", member.contact)
        user_ref(f"$.chain[{index}].owner", member.owner)
        user_ref(f"$.chain[{index}].acquaintance.holder", member.acquaintance_holder)
    for index, sale in enumerate(plan.internal_sales):
        user_ref(f"$.internal_sales[{index}].person", sale.person)
    for index, activity in enumerate(plan.activities):
        path = f"$.activities[{index}]"
        for position, username in enumerate(activity.our_people):
            user_ref(f"{path}.our_people[{position}]", username)
        for position, key in enumerate(activity.contacts):
            contact_ref(f"{path}.contacts[{position}]", key)
        for position, ask in enumerate(activity.asks):
            contact_ref(f"{path}.asks[{position}].contact", ask.contact)
    for index, competitor in enumerate(plan.competitors):
        for position, key in enumerate(competitor.supporters):
            contact_ref(f"$.competitors[{index}].supporters[{position}]", key)
    for index, item in enumerate(plan.tender):
        for position, key in enumerate(item.contacts):
            contact_ref(f"$.tender[{index}].contacts[{position}]", key)

    # Reporting loops, each reported once at its first contact.
    boss_of = {contact.key: contact.reports_to for contact in plan.contacts if contact.reports_to in keys}
    index_of = {contact.key: index for index, contact in enumerate(plan.contacts)}
    for loop in reporting_loops(boss_of):
        first = min(loop, key=index_of.__getitem__)
        start = loop.index(first)
        ordered = [*loop[start:], *loop[:start], first]
        if len(loop) == 1:
            message = _("a contact cannot report to themselves")
        else:
            message = _("reporting loop: %(loop)s") % {"loop": " → ".join(ordered)}
        r.fail(f"$.contacts[{index_of[first]}].reports_to", message)
