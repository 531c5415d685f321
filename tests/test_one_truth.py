"""Every warning a user sees comes from the engine, with the team's own thresholds: the team desk, the rep's
desk, the project page, the plan page and the exports agree, for a team that tuned its thresholds."""

import datetime
import html
import re
from collections import Counter

import pytest
from django.utils import timezone

from projects.deals.models import TeamThresholds
from projects.desks.filters import parse_team_filters
from projects.desks.rep import rep_desk
from projects.desks.team import team_desk
from projects.stored_warnings.refresh import refresh_due

from .conftest import client_for
from .factories import ActivityFactory, ChainMemberFactory, ContactFactory
from .plan_helpers import live


@pytest.fixture
def tuned(org):
    """The team watches key contacts after 10 days (not 30) and counts a gap of 1 level (not 2)."""
    TeamThresholds.objects.create(team=org.team, stale_days=10, parity_gap=1, min_chain_contacts=2)
    coach = ContactFactory(account=org.account, name="孙工", title="专责", level=1)
    ChainMemberFactory(project=org.project, contact=coach, roles=["coach"])
    met = ActivityFactory(project=org.project, kind="visit", done=True)
    met.date = timezone.localdate() - datetime.timedelta(days=15)
    met.save()
    met.contacts.add(coach)
    met.our_people.add(org.rep)
    refresh_due()  # factories write outside the write path: the daily run brings the stored warnings up
    return org


def codes(warnings) -> Counter:
    return Counter(w.code for w in warnings)


@pytest.mark.django_db
def test_the_desks_and_the_project_page_show_the_same_warnings(tuned):
    org, today = tuned, timezone.localdate()
    expected = live(org.project).warnings
    assert "STALE_KEY_CONTACT" in codes(expected)  # 15 days quiet: stale at 10, not at the default 30
    # The team desk: its table, its quiet contacts and parity gaps are the engine's, tuned.
    desk = team_desk(org.lead, parse_team_filters(org.lead, {}, today), today)
    table = {row.code: row.total for row in desk.warning_rows}
    assert table == dict(codes(expected))
    assert {pw.member.contact.name for pw in desk.stale_contacts} == {
        w.subject.label.split()[-1] for w in expected if w.code == "STALE_KEY_CONTACT"
    }
    assert {pw.member.contact.name for pw in desk.parity_gaps} == {
        org.project.members.get(contact_id=w.subject.id).contact.name
        for w in expected
        if w.code == "PARITY_GAP"
    }
    # The rep's desk counts the same warnings.
    mine = rep_desk(org.rep, today)
    assert mine.warning_total == len(expected)
    # The pages show each warning's words.
    for url in (f"/projects/{org.project.pk}/", f"/projects/{org.project.pk}/plan/"):
        page = client_for(org.rep).get(url).text
        for warning in expected:
            assert str(warning.message) in html.unescape(page), (url, warning.code)
    # And the spreadsheet of the team desk.
    export = client_for(org.lead).get("/team/export.csv").content.decode("utf-8-sig")
    for code, total in codes(expected).items():
        assert re.search(rf"{code},[^\n]*,{total}\r?\n", export), code
