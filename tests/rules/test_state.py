"""Project quality, the three customer states: S1_BOTTOM_UP, S3_OVERINVEST, S3_SINGLE_TECH."""

import pytest

from projects.rules import s1_bottom_up, s3_overinvest, s3_single_tech

from .builders import DIRECTOR, LEAD, REP, VP, activity, executive, fires, member, plan, run

# S1_BOTTOM_UP


def test_s1_fires_when_nothing_reaches_an_executive():
    p = plan(state="S1", members=[member(), executive()], activities=[activity(contacts=[1])])
    (warning,) = run(s1_bottom_up, p)
    assert warning.subject.id == "state"
    assert "no activity, done or planned, reaches an executive" in str(warning.message)


def test_s1_silent_with_a_planned_executive_meeting():
    p = plan(
        state="S1",
        members=[executive()],
        activities=[activity(kind="exec_meeting", contacts=[9], done=False, our_people=[REP, VP])],
    )
    assert not fires(s1_bottom_up, p)


def test_s1_fires_for_an_explicit_bottom_up_strategy_even_with_executive_contact():
    p = plan(state="S1", strategy="bottom_up", members=[executive()], activities=[activity(contacts=[9])])
    (warning,) = run(s1_bottom_up, p)
    assert "strategy is bottom-up" in str(warning.message)


@pytest.mark.parametrize("state", ["", "S2", "S3"])
def test_s1_silent_in_other_states(state):
    assert not fires(s1_bottom_up, plan(state=state, members=[member()], activities=[activity()]))


@pytest.mark.parametrize(("level", "expected"), [(2, True), (3, False)])
def test_s1_threshold_is_an_activity_with_a_level_three_contact(level, expected):
    p = plan(state="S1", members=[member(level=level, owner=LEAD)], activities=[activity()])
    assert fires(s1_bottom_up, p) is expected


# S3_OVERINVEST


def test_s3_overinvest_fires_on_presales_days_and_names_the_figures():
    p = plan(
        state="S3",
        members=[member()],
        activities=[activity(1, presales_days=4), activity(2, presales_days="2.5")],
    )
    (warning,) = run(s3_overinvest, p)
    assert str(warning.message) == (
        "The project is in state S3 (not yet real) with 6.5 presales days (limit 5) and "
        "0 activities with our leaders (limit 1)."
    )


def test_s3_overinvest_silent_for_a_light_touch():
    p = plan(
        state="S3", members=[member()], activities=[activity(presales_days=1, our_people=[REP, DIRECTOR])]
    )
    assert not fires(s3_overinvest, p)


def test_s3_overinvest_silent_outside_s3():
    assert not fires(s3_overinvest, plan(state="S2", activities=[activity(presales_days=20)]))


@pytest.mark.parametrize(("days", "expected"), [("5", False), ("5.5", True)])
def test_s3_overinvest_presales_threshold(days, expected):
    assert fires(s3_overinvest, plan(state="S3", activities=[activity(presales_days=days)])) is expected


@pytest.mark.parametrize(("leader_activities", "expected"), [(1, False), (2, True)])
def test_s3_overinvest_leader_threshold_counts_planned_activities_too(leader_activities, expected):
    activities = [
        activity(i, our_people=[REP, DIRECTOR], done=i % 2 == 0) for i in range(1, leader_activities + 1)
    ]
    assert fires(s3_overinvest, plan(state="S3", activities=activities)) is expected


def test_s3_overinvest_team_lead_is_not_a_leader_visit():
    activities = [activity(i, our_people=[REP, LEAD]) for i in range(1, 4)]
    assert not fires(s3_overinvest, plan(state="S3", activities=activities))


# S3_SINGLE_TECH


def test_s3_single_tech_fires_when_all_contacts_are_technical_staff():
    p = plan(
        state="S3", members=[member(1, function="technical"), member(2, name="小孙", function="technical")]
    )
    (warning,) = run(s3_single_tech, p)
    assert "(刘组长, 小孙)" in str(warning.message)


def test_s3_single_tech_silent_with_someone_from_procurement():
    p = plan(state="S3", members=[member(1, function="technical"), member(2, function="procurement")])
    assert not fires(s3_single_tech, p)


def test_s3_single_tech_silent_with_an_empty_chain():
    assert not fires(s3_single_tech, plan(state="S3"))


def test_s3_single_tech_silent_outside_s3():
    assert not fires(s3_single_tech, plan(state="S2", members=[member(function="technical")]))


@pytest.mark.parametrize(("level", "expected"), [(2, True), (3, False)])
def test_s3_single_tech_a_technical_executive_is_not_staff(level, expected):
    p = plan(state="S3", members=[member(level=level, function="technical", owner=LEAD)])
    assert fires(s3_single_tech, p) is expected
