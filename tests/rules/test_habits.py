"""Habits the course teaches: ONE_WAY_RECIPROCITY, LEADER_WOLF_CRY, STALE_KEY_CONTACT."""

import pytest

from projects.rules import leader_wolf_cry, one_way_reciprocity, stale_key_contact

from .builders import DIRECTOR, LEAD, REP, VP, activity, ask, days_ago, executive, fires, member, plan, run

# ONE_WAY_RECIPROCITY


def giving(*asks, gives=3, done=True):
    """One activity with contact 1 handing over `gives` resources."""
    resources = [f"info.item_{i}" for i in range(gives)]
    return activity(resources=resources, asks=asks, done=done)


def test_reciprocity_fires_after_three_gives_and_no_ask():
    (warning,) = run(one_way_reciprocity, plan(members=[member()], activities=[giving()]))
    assert (
        str(warning.message) == "刘组长 has received 3 things from us and nothing has been asked in return."
    )
    assert warning.subject.kind == "contact" and warning.subject.id == 1


def test_reciprocity_counts_gifts_across_activities():
    p = plan(
        members=[member()],
        activities=[
            activity(1, resources=["info.success_case"]),
            activity(2, kind="gift", gift_kind="logo_souvenir"),
            activity(3, resources=["info.industry_news"]),
        ],
    )
    assert fires(one_way_reciprocity, p)


@pytest.mark.parametrize(("gives", "expected"), [(2, False), (3, True)])
def test_reciprocity_threshold_is_three_gives(gives, expected):
    assert fires(one_way_reciprocity, plan(members=[member()], activities=[giving(gives=gives)])) is expected


@pytest.mark.parametrize("the_ask", [ask("small_favour", contact_id=1), ask("information")])
def test_reciprocity_silent_with_an_ask_for_the_contact_or_everyone_present(the_ask):
    assert not fires(one_way_reciprocity, plan(members=[member()], activities=[giving(the_ask)]))


def test_reciprocity_an_ask_of_someone_else_does_not_count():
    p = plan(members=[member(1), member(2)], activities=[giving(ask("introduction", contact_id=2))])
    assert fires(one_way_reciprocity, p)


def test_reciprocity_a_planned_ask_counts_and_planned_gives_do_not():
    planned_ask = activity(2, done=False, asks=[ask("small_favour", contact_id=1)])
    assert not fires(one_way_reciprocity, plan(members=[member()], activities=[giving(), planned_ask]))
    assert not fires(one_way_reciprocity, plan(members=[member()], activities=[giving(done=False)]))


# LEADER_WOLF_CRY


def leader_meetings(count, *, leader=DIRECTOR, days=10, contacts=(1,)):
    return [
        activity(i, our_people=[REP, leader], on=days_ago(days), contacts=contacts)
        for i in range(1, count + 1)
    ]


def test_wolf_cry_fires_when_leaders_meet_staff_too_often():
    activities = [*leader_meetings(2), activity(5, our_people=[VP], contacts=[1])]
    p = plan(members=[member(level=1)], activities=activities)
    (warning,) = run(leader_wolf_cry, p)
    assert str(warning.message) == (
        "In the last 90 days our leaders (李副总, 陈总监) met only base-level staff 3 times (limit 2)."
    )
    assert warning.subject.id == "internal_selling"


@pytest.mark.parametrize(("count", "expected"), [(2, False), (3, True)])
def test_wolf_cry_threshold_is_more_than_the_limit(count, expected):
    assert (
        fires(leader_wolf_cry, plan(members=[member(level=1)], activities=leader_meetings(count))) is expected
    )


@pytest.mark.parametrize(("days", "expected"), [(90, True), (91, False)])
def test_wolf_cry_window_is_ninety_days(days, expected):
    activities = [*leader_meetings(2), activity(9, our_people=[DIRECTOR], on=days_ago(days))]
    assert fires(leader_wolf_cry, plan(members=[member(level=1)], activities=activities)) is expected


def test_wolf_cry_silent_when_a_middle_manager_was_in_the_room():
    members = [member(1, level=1), member(2, level=2)]
    assert not fires(leader_wolf_cry, plan(members=members, activities=leader_meetings(3, contacts=(1, 2))))


def test_wolf_cry_silent_for_team_leads():
    assert not fires(
        leader_wolf_cry, plan(members=[member(level=1)], activities=leader_meetings(3, leader=LEAD))
    )


# STALE_KEY_CONTACT


def test_stale_fires_for_a_bridge_untouched_for_too_long():
    p = plan(members=[member(roles={"bridge"})], activities=[activity(on=days_ago(45))])
    (warning,) = run(stale_key_contact, p)
    assert str(warning.message) == "刘组长 was last touched on 2025-05-16, 45 days ago."


@pytest.mark.parametrize("the_member", [member(roles={"coach"}), executive()])
def test_stale_applies_to_coaches_and_executives(the_member):
    p = plan(members=[the_member], activities=[activity(contacts=[the_member.contact_id], on=days_ago(60))])
    assert fires(stale_key_contact, p)


def test_stale_silent_for_an_ordinary_contact():
    assert not fires(stale_key_contact, plan(members=[member()], activities=[activity(on=days_ago(90))]))


@pytest.mark.parametrize(("days", "expected"), [(30, False), (31, True)])
def test_stale_threshold_is_thirty_days(days, expected):
    p = plan(members=[member(roles={"bridge"})], activities=[activity(on=days_ago(days))])
    assert fires(stale_key_contact, p) is expected


@pytest.mark.parametrize(("added_days_ago", "expected"), [(30, False), (31, True)])
def test_stale_counts_from_added_on_when_never_met(added_days_ago, expected):
    p = plan(members=[member(roles={"bridge"}, added_on=days_ago(added_days_ago))])
    assert fires(stale_key_contact, p) is expected


def test_stale_a_planned_activity_does_not_count_as_a_touch():
    p = plan(
        members=[member(roles={"bridge"})],
        activities=[activity(1, on=days_ago(40)), activity(2, done=False, on=days_ago(1))],
    )
    assert fires(stale_key_contact, p)
