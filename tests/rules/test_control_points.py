"""The four control points (控制点): control_point_coverage and CP1_MISSING … CP4_MISSING."""

import pytest

from projects.rules import CP1, CP2, CP3, CP4, control_point_coverage

from .builders import activity, control_point, executive, fires, member, plan, run

RULES = {1: CP1, 2: CP2, 3: CP3, 4: CP4}


def test_an_empty_plan_covers_nothing():
    assert control_point_coverage(plan()) == {1: [], 2: [], 3: [], 4: []}


@pytest.mark.parametrize(("depth", "covered"), [(1, False), (2, True)])
def test_cp1_covered_by_an_executive_we_know(depth, covered):
    coverage = control_point_coverage(plan(members=[executive(depth=depth)]))
    assert bool(coverage[1]) is covered


def test_cp1_description_names_the_executive():
    coverage = control_point_coverage(plan(members=[executive(depth=3)]))
    assert coverage[1] == ["采购副总 王总 (executive), acquainted or closer"]


def test_cp1_covered_by_a_planned_activity_with_an_executive():
    p = plan(
        members=[executive(depth=1)], activities=[activity(kind="exec_meeting", contacts=[9], done=False)]
    )
    assert control_point_coverage(p)[1] == ["2025-06-23 Executive meeting (planned) with 采购副总 王总"]


@pytest.mark.parametrize(
    ("role", "covered"), [("key", True), ("coach", True), ("bridge", True), ("general", False)]
)
def test_cp2_covered_by_a_nail_in_the_key_layers(role, covered):
    coverage = control_point_coverage(plan(members=[member(roles={role})]))
    assert bool(coverage[2]) is covered


def test_cp2_description_names_contact_and_role():
    coverage = control_point_coverage(plan(members=[member(roles={"bridge"})]))
    assert coverage[2] == ["刘组长, our bridge (桥梁)"]


def test_cp3_is_never_covered_by_contacts():
    p = plan(members=[executive(depth=5, roles={"key", "coach", "bridge", "general"})])
    assert control_point_coverage(p)[3] == []


def test_cp3_covered_by_an_action():
    p = plan(control_points=[control_point(3, actions=["和采购组长沟通技术规范书的参数"])])
    assert control_point_coverage(p)[3] == ["Action: 和采购组长沟通技术规范书的参数"]


def test_cp4_covered_by_a_general_contact():
    assert control_point_coverage(plan(members=[member(level=1, roles={"general"})]))[4]


@pytest.mark.parametrize(("known_staff", "covered"), [(1, False), (2, True)])
def test_cp4_covered_by_two_base_level_staff_we_know(known_staff, covered):
    members = [member(i, level=1, depth=2) for i in range(1, known_staff + 1)]
    members.append(member(9, level=1, depth=1))  # a stranger does not count
    assert bool(control_point_coverage(plan(members=members))[4]) is covered


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_any_control_point_covered_by_a_tagged_activity(number):
    coverage = control_point_coverage(plan(activities=[activity(control_points={number}, contacts=[])]))
    assert coverage[number] == ["2025-06-23 Visit serves this control point"]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_any_control_point_covered_when_marked_held(number):
    assert control_point_coverage(plan(control_points=[control_point(number, status="held")]))[number]


def test_an_in_progress_status_without_actions_covers_nothing():
    assert control_point_coverage(plan(control_points=[control_point(3, status="in_progress")]))[3] == []


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_cp_missing_fires_for_an_uncovered_control_point(number):
    (warning,) = run(RULES[number], plan())
    assert warning.code == f"CP{number}_MISSING"
    assert warning.subject.id == "control_points"
    assert str(warning.message).startswith(f"Nothing covers control point {number}:")


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_cp_missing_silent_once_an_action_covers_it(number):
    assert not fires(RULES[number], plan(control_points=[control_point(number, actions=["已安排"])]))


def test_cp_missing_only_the_uncovered_points_fire():
    p = plan(members=[executive(depth=2), member(roles={"coach"})])
    assert [n for n, rule in RULES.items() if fires(rule, p)] == [3, 4]
