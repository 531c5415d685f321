"""Visit sheets (拜访信息表): VISIT_NO_REASON, VISIT_NO_HOOK, FIRST_VISIT_TOO_DEEP, FIRST_VISIT_ONE_DEPT."""

import pytest

from projects.rules import first_visit_one_dept, first_visit_too_deep, visit_no_hook, visit_no_reason
from projects.rules.data import Task

from .builders import REP, activity, days_ago, fires, member, plan, run

# VISIT_NO_REASON


def test_no_reason_fires_for_a_logged_visit_without_the_customers_reason():
    (warning,) = run(visit_no_reason, plan(members=[member()], activities=[activity(reason_met="")]))
    assert str(warning.message) == (
        "2025-06-23 Visit, the first visit with 刘组长, does not say why they agreed to meet."
    )
    assert warning.subject.kind == "activity" and warning.subject.id == 1


def test_no_reason_silent_when_the_reason_is_recorded():
    assert not fires(visit_no_reason, plan(activities=[activity(reason_met="想听同行的改造经验")]))


@pytest.mark.parametrize(
    ("the_activity", "expected"),
    [
        (activity(reason_met="  "), True),  # whitespace is not a reason
        (activity(reason_met="", done=False), False),  # a planned visit has not happened yet
        (activity(reason_met="", kind="phone"), False),  # only visits
    ],
)
def test_no_reason_applies_to_logged_visits_only(the_activity, expected):
    assert fires(visit_no_reason, plan(activities=[the_activity])) is expected


# VISIT_NO_HOOK


def test_no_hook_fires_for_a_visit_with_no_hook_and_nothing_planned():
    (warning,) = run(visit_no_hook, plan(activities=[activity(hook="")]))
    assert "leaves no hook" in str(warning.message)


def test_no_hook_silent_with_a_hook():
    assert not fires(visit_no_hook, plan(activities=[activity(hook="下周带成功案例再来")]))


@pytest.mark.parametrize(("planned_days_after", "expected"), [(-1, True), (0, False), (3, False)])
def test_no_hook_silent_with_a_next_activity_planned_on_or_after_the_visit(planned_days_after, expected):
    visit = activity(1, hook="", on=days_ago(10))
    follow_up = activity(2, kind="tech_exchange", done=False, on=days_ago(10 - planned_days_after))
    assert fires(visit_no_hook, plan(activities=[visit, follow_up])) is expected


def test_no_hook_a_later_logged_activity_is_not_a_planned_next_step():
    visit = activity(1, hook="", on=days_ago(10))
    assert fires(visit_no_hook, plan(activities=[visit, activity(2, kind="phone", on=days_ago(2))]))


# FIRST_VISIT_TOO_DEEP


def test_too_deep_fires_for_private_topics_on_the_first_meeting():
    p = plan(members=[member()], activities=[activity(topics={"private"})])
    (warning,) = run(first_visit_too_deep, p)
    assert "first meeting with 刘组长" in str(warning.message)


def test_too_deep_fires_for_a_private_activity_as_the_first_meeting():
    assert fires(first_visit_too_deep, plan(members=[member()], activities=[activity(kind="dinner")]))


def test_too_deep_silent_for_private_topics_on_a_later_meeting():
    p = plan(
        members=[member()],
        activities=[
            activity(1, on=days_ago(20)),
            activity(2, kind="leisure", topics={"private"}, on=days_ago(5)),
        ],
    )
    assert not fires(first_visit_too_deep, p)


def test_too_deep_silent_with_prior_acquaintance():
    p = plan(members=[member(acquaintance="老乡，朋友引荐")], activities=[activity(topics={"private"})])
    assert not fires(first_visit_too_deep, p)


def test_too_deep_names_only_the_contacts_met_for_the_first_time():
    p = plan(
        members=[member(1), member(2, name="小李")],
        activities=[activity(1, contacts=[1], on=days_ago(20)), activity(2, contacts=[1, 2], kind="dinner")],
    )
    (warning,) = run(first_visit_too_deep, p)
    assert "first meeting with 小李 and" in str(warning.message)


@pytest.mark.parametrize(("same_day_id", "expected"), [(0, True), (2, False)])
def test_too_deep_same_day_meetings_are_ordered_by_id(same_day_id, expected):
    # Two activities on one day: the one with the lower id counts as the first meeting.
    p = plan(members=[member()], activities=[activity(1), activity(same_day_id, topics={"private"})])
    assert fires(first_visit_too_deep, p) is expected


# FIRST_VISIT_ONE_DEPT


def test_one_dept_fires_when_the_first_visit_met_one_function():
    p = plan(members=[member(1), member(2, name="小李")], activities=[activity(contacts=[1, 2])])
    (warning,) = run(first_visit_one_dept, p)
    assert "met only one department (procurement)" in str(warning.message)
    assert warning.severity == "low"


def test_one_dept_silent_when_other_departments_were_met_on_the_trip():
    p = plan(members=[member()], activities=[activity(other_departments=["technical"])])
    assert not fires(first_visit_one_dept, p)


def test_one_dept_looks_only_at_the_first_visit():
    p = plan(
        members=[member(1), member(2, function="user")],
        activities=[activity(1, contacts=[1], on=days_ago(20)), activity(2, contacts=[1, 2], on=days_ago(5))],
    )
    (warning,) = run(first_visit_one_dept, p)
    assert warning.subject.id == 1


def test_one_dept_silent_before_any_logged_visit():
    assert not fires(first_visit_one_dept, plan(members=[member()], activities=[activity(done=False)]))


@pytest.mark.parametrize(
    ("functions", "expected"), [(["procurement"], True), (["procurement", "user"], False)]
)
def test_one_dept_threshold_is_two_departments(functions, expected):
    members = [member(i, function=f) for i, f in enumerate(functions, start=1)]
    p = plan(members=members, activities=[activity(contacts=[m.contact_id for m in members])])
    assert fires(first_visit_one_dept, p) is expected


def test_one_dept_says_when_no_department_was_recorded():
    (warning,) = run(first_visit_one_dept, plan(activities=[activity(contacts=[])]))
    assert "(none recorded)" in str(warning.message)


# Next steps are tasks (待办), not planned visits: a task is the visit's next step as a planned activity is.


def test_no_hook_silent_when_the_visits_own_sheet_set_a_task_even_done():
    visit = activity(hook="")
    task = Task(text="送报告给陈处长", owner=REP, due=days_ago(3), done=True, visit_activity_id=visit.id)
    assert not fires(visit_no_hook, plan(activities=[visit], tasks=[task]))


@pytest.mark.parametrize(
    ("due", "done", "expected"),
    [
        (days_ago(2), False, False),  # open, due after the visit (a week ago)
        (None, False, False),  # open, no date yet
        (days_ago(10), False, True),  # open but due before the visit: not this visit's next step
        (days_ago(2), True, True),  # done, and set elsewhere
    ],
)
def test_no_hook_counts_an_open_task_that_falls_after_the_visit(due, done, expected):
    task = Task(text="约钱副总做创新交流", owner=REP, due=due, done=done)
    assert fires(visit_no_hook, plan(activities=[activity(hook="")], tasks=[task])) is expected
