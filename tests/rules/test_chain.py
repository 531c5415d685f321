"""The decision chain (决策链): NO_BRIDGE, SINGLE_THREADED, COACH_*, NO_PAIN."""

import pytest

from projects.rules import (
    coach_overasked,
    coach_risky_type,
    coach_too_senior,
    no_bridge,
    no_pain,
    single_threaded,
)

from .builders import activity, ask, days_ago, executive, fires, member, plan, run


def three_members(**first):
    return [member(1, **first), member(2, name="小李"), member(3, name="小赵")]


# NO_BRIDGE


def test_no_bridge_fires_after_a_logged_visit():
    (warning,) = run(no_bridge, plan(members=[member()], activities=[activity()]))
    assert warning.subject.id == "chain"


def test_no_bridge_silent_with_a_bridge_in_the_chain():
    p = plan(members=[member(roles={"bridge"})], activities=[activity()])
    assert not fires(no_bridge, p)


@pytest.mark.parametrize(
    ("the_activity", "expected"),
    [
        (activity(done=False), False),  # a planned visit: not yet past the first visit
        (activity(kind="phone"), False),  # a call is not a visit
        (activity(kind="visit"), True),  # exactly one logged visit
    ],
)
def test_no_bridge_threshold_is_one_logged_visit(the_activity, expected):
    assert fires(no_bridge, plan(members=[member()], activities=[the_activity])) is expected


# SINGLE_THREADED


def test_single_threaded_fires_for_a_thin_chain():
    (warning,) = run(single_threaded, plan(members=[member(1), member(2)]))
    assert str(warning.message) == "Contacts in the decision chain: 2, fewer than 3."


@pytest.mark.parametrize(("count", "expected"), [(2, True), (3, False)])
def test_single_threaded_chain_threshold(count, expected):
    assert fires(single_threaded, plan(members=[member(i) for i in range(1, count + 1)])) is expected


def test_single_threaded_fires_when_a_month_of_activity_met_one_person():
    p = plan(
        members=three_members(title="采购组长"),
        activities=[activity(1, contacts=[1], on=days_ago(3)), activity(2, contacts=[1], on=days_ago(20))],
    )
    (warning,) = run(single_threaded, p)
    assert str(warning.message) == "Every activity in the last 30 days was with 采购组长 刘组长 alone."


def test_single_threaded_silent_when_recent_activity_spans_two_people():
    p = plan(members=three_members(), activities=[activity(1, contacts=[1]), activity(2, contacts=[2])])
    assert not fires(single_threaded, p)


def test_single_threaded_silent_without_recent_activity():
    assert not fires(single_threaded, plan(members=three_members()))


@pytest.mark.parametrize(("days", "single"), [(30, False), (31, True)])
def test_single_threaded_window_is_thirty_days(days, single):
    # The other contact was met `days` ago: inside the window (30 days) it breaks the single thread.
    p = plan(
        members=three_members(),
        activities=[activity(1, contacts=[1], on=days_ago(2)), activity(2, contacts=[2], on=days_ago(days))],
    )
    assert fires(single_threaded, p) is single


def test_single_threaded_ignores_planned_activities():
    p = plan(
        members=three_members(),
        activities=[activity(1, contacts=[1]), activity(2, contacts=[2], done=False, on=days_ago(1))],
    )
    assert fires(single_threaded, p)


# COACH_RISKY_TYPE


@pytest.mark.parametrize("personality", ["owl", "koala"])
def test_risky_coach_fires_for_owls_and_koalas(personality):
    (warning,) = run(coach_risky_type, plan(members=[member(roles={"coach"}, personality=personality)]))
    assert warning.subject.kind == "contact"
    assert "Coach 刘组长 is a" in str(warning.message)


@pytest.mark.parametrize("personality", ["peacock", "tiger", "unknown"])
def test_risky_coach_silent_for_other_personalities(personality):
    assert not fires(coach_risky_type, plan(members=[member(roles={"coach"}, personality=personality)]))


def test_risky_coach_silent_for_an_owl_who_is_not_a_coach():
    assert not fires(coach_risky_type, plan(members=[member(roles={"key"}, personality="owl")]))


# COACH_TOO_SENIOR


def test_senior_coach_fires_for_an_executive_coach():
    (warning,) = run(coach_too_senior, plan(members=[executive(roles={"coach"})]))
    assert warning.severity == "low"
    assert str(warning.message) == "Coach 采购副总 王总 is a senior person (executive)."


def test_senior_coach_silent_for_an_executive_who_is_not_a_coach():
    assert not fires(coach_too_senior, plan(members=[executive(roles={"key"})]))


@pytest.mark.parametrize(("level", "expected"), [(2, False), (3, True)])
def test_senior_coach_threshold_is_level_three(level, expected):
    assert fires(coach_too_senior, plan(members=[member(level=level, roles={"coach"})])) is expected


# COACH_OVERASKED


def test_overasked_coach_fires_for_an_influence_ask_naming_the_coach():
    p = plan(
        members=[member(roles={"coach"}), member(2)],
        activities=[activity(contacts=[1, 2], done=False, asks=[ask("influence_decision", contact_id=1)])],
    )
    (warning,) = run(coach_overasked, p)
    assert warning.subject.kind == "activity"
    assert "asks coach 刘组长 to influence the decision" in str(warning.message)


def test_overasked_coach_fires_for_an_influence_ask_to_everyone_present():
    p = plan(members=[member(roles={"coach"})], activities=[activity(asks=[ask("influence_decision")])])
    assert fires(coach_overasked, p)


def test_overasked_coach_silent_for_an_influence_ask_naming_someone_else():
    p = plan(
        members=[member(roles={"coach"}), executive()],
        activities=[activity(contacts=[1, 9], asks=[ask("influence_decision", contact_id=9)])],
    )
    assert not fires(coach_overasked, p)


@pytest.mark.parametrize(("kind", "expected"), [("commitment", False), ("influence_decision", True)])
def test_overasked_coach_only_influence_on_the_decision_counts(kind, expected):
    p = plan(members=[member(roles={"coach"})], activities=[activity(asks=[ask(kind, contact_id=1)])])
    assert fires(coach_overasked, p) is expected


# NO_PAIN


@pytest.mark.parametrize(
    ("the_member", "why"),
    [
        (member(roles={"bridge"}), "(bridge)"),
        (member(roles={"key"}), "(key person)"),
        (executive(pains=[]), "(executive)"),
        (executive(roles={"bridge"}, pains=[]), "(bridge, executive)"),
    ],
)
def test_no_pain_fires_for_bridges_key_people_and_executives(the_member, why):
    (warning,) = run(no_pain, plan(members=[the_member]))
    assert why in str(warning.message)


def test_no_pain_silent_once_a_pain_is_recorded():
    assert not fires(no_pain, plan(members=[member(roles={"bridge"}, pains=["框架协议要重谈"])]))


def test_no_pain_silent_for_a_general_contact():
    assert not fires(no_pain, plan(members=[member(level=1, roles={"general", "coach"})]))


@pytest.mark.parametrize(("level", "expected"), [(2, False), (3, True)])
def test_no_pain_threshold_is_level_three(level, expected):
    assert fires(no_pain, plan(members=[member(level=level)])) is expected
