"""The parity rule (责权利对等): helpers, PARITY_GAP and HIGH_LEVEL_NO_SPONSOR."""

from datetime import timedelta

import pytest
from django.utils import translation

from projects.rules import high_level_no_sponsor, parity_arranged, parity_gap
from projects.rules.data import Thresholds
from projects.rules.parity import effective_owner, is_executive, is_high_level, member_roles
from projects.rules.parity import parity_gap as gap_of

from .builders import DIRECTOR, LEAD, REP, TODAY, VP, activity, executive, fires, member, plan, run


def test_effective_owner_falls_back_to_the_project_owner():
    p = plan(owner=LEAD, members=[member(owner=None)])
    assert effective_owner(p, p.members[0]) == LEAD


def test_effective_owner_is_the_member_owner_when_set():
    p = plan(owner=REP, members=[member(owner=DIRECTOR)])
    assert effective_owner(p, p.members[0]) == DIRECTOR


@pytest.mark.parametrize(
    ("level", "owner", "gap", "high_level"),
    [
        (3, REP, 2, True),  # 采购副总 ↔ 销售: the course's textbook case
        (4, LEAD, 2, True),
        (2, REP, 1, False),  # rep ↔ 采购组长 (the bridge) is at parity
        (3, LEAD, 1, False),
        (4, VP, 0, False),
        (1, DIRECTOR, -2, False),
    ],
)
def test_is_high_level_when_the_gap_reaches_the_threshold(level, owner, gap, high_level):
    p = plan(members=[member(level=level, owner=owner)])
    assert gap_of(p, p.members[0]) == gap
    assert is_high_level(p, p.members[0]) is high_level


def test_is_high_level_follows_the_team_threshold():
    p = plan(members=[member(level=3, owner=LEAD)], parity_gap=1)
    assert is_high_level(p, p.members[0])


def test_member_roles_adds_the_computed_high_level_role():
    p = plan(members=[member(level=3, roles={"key"})])
    assert member_roles(p, p.members[0]) == {"key", "high_level"}


def test_member_roles_is_the_typed_roles_at_parity():
    p = plan(members=[member(level=2, roles={"bridge"})])
    assert member_roles(p, p.members[0]) == {"bridge"}


@pytest.mark.parametrize(("level", "expected"), [(2, False), (3, True), (4, True)])
def test_is_executive_from_level_three(level, expected):
    assert is_executive(member(level=level), Thresholds()) is expected


# PARITY_GAP


def test_parity_gap_names_contact_owner_and_gap():
    p = plan(members=[executive(title="采购副总", name="王总")])
    (warning,) = run(parity_gap, p)
    assert str(warning.message) == (
        "采购副总 王总 (executive) is handled by 小张, our rep: 2 levels apart, not at parity."
    )
    assert warning.subject.kind == "contact" and warning.subject.id == 9
    assert "a team lead or above" in str(warning.next_step)
    assert warning.severity == "high"


def test_parity_gap_silent_when_a_matching_leader_owns_the_relationship():
    assert not fires(parity_gap, plan(members=[executive(owner=LEAD)]))


@pytest.mark.parametrize(("level", "expected"), [(2, False), (3, True)])
def test_parity_gap_threshold_is_a_gap_of_two(level, expected):
    # Owner is a rep (rank 1): a gap of exactly 1 is at parity, exactly 2 is not.
    assert fires(parity_gap, plan(members=[member(level=level)])) is expected


def test_parity_gap_uses_the_members_own_owner_over_the_project_owner():
    p = plan(owner=DIRECTOR, members=[executive(owner=REP)])
    assert fires(parity_gap, p)


# HIGH_LEVEL_NO_SPONSOR


def test_no_sponsor_fires_with_an_executive_and_only_reps():
    p = plan(members=[executive()], engaged=[REP])
    (warning,) = run(high_level_no_sponsor, p)
    assert warning.subject.kind == "section" and warning.subject.id == "internal_selling"
    assert "采购副总 王总" in str(warning.message)


def test_no_sponsor_silent_when_a_director_is_engaged():
    assert not fires(high_level_no_sponsor, plan(members=[executive()], engaged=[REP, DIRECTOR]))


def test_no_sponsor_silent_without_executives_in_the_chain():
    assert not fires(high_level_no_sponsor, plan(members=[member(level=2)]))


def test_no_sponsor_counts_a_leader_who_joined_an_activity():
    p = plan(members=[executive()], activities=[activity(our_people=[REP, VP], contacts=[9])])
    assert not fires(high_level_no_sponsor, p)


@pytest.mark.parametrize(("level", "expected"), [(2, False), (3, True)])
def test_no_sponsor_contact_threshold_is_level_three(level, expected):
    assert fires(high_level_no_sponsor, plan(members=[member(level=level, owner=LEAD)])) is expected


@pytest.mark.parametrize(
    ("level", "rank_holder", "expected"),
    [(3, REP, True), (3, LEAD, False), (4, LEAD, True), (4, DIRECTOR, False)],
)
def test_no_sponsor_asks_for_the_rank_parity_asks_for(level, rank_holder, expected):
    # One voice with PARITY_GAP: a team lead is at parity with a 副总 (高层), a director with a 总经理
    # (决策层).
    p = plan(owner=rank_holder, members=[executive(level=level)], engaged=[rank_holder])
    assert fires(high_level_no_sponsor, p) is expected


# The advice names who of ours should take the relationship, and stands down once that meeting is planned.


def _next_step(the_plan) -> str:
    with translation.override("zh-hans"):
        return str(run(parity_gap, the_plan)[0].next_step)


def test_parity_gap_names_the_nearest_leader_of_the_line_senior_enough():
    # A 副总 (level 3) needs a team lead: the team's own leader. A 总经理 (level 4) needs a director.
    line = (LEAD, DIRECTOR, VP)
    assert "请王组长接这条关系" in _next_step(plan(leaders=line, members=[executive(level=3)]))
    assert "请陈总监接这条关系" in _next_step(plan(leaders=line, members=[executive(level=4)]))


def test_parity_gap_names_no_one_when_no_leader_of_the_line_is_senior_enough():
    step = _next_step(plan(leaders=(LEAD,), members=[executive(level=4)]))
    assert "王组长" not in step
    assert "总监" in step  # the rank the course asks for, in words


def test_parity_gap_says_who_was_asked_while_they_have_not_answered():
    p = plan(leaders=(LEAD, DIRECTOR), members=[executive(level=4, asked=DIRECTOR)])
    assert "已请陈总监接这条关系" in _next_step(p)


def _planned_banquet(people, on):
    return activity(11, kind="banquet", on=on, done=False, our_people=people, contacts=(9,))


def test_a_planned_meeting_with_a_leader_senior_enough_turns_the_gap_into_arranged():
    # 赵副总 is courted by the rep, and 陈总监 is already planned for the banquet with him: 已安排.
    p = plan(
        leaders=(DIRECTOR,),
        members=[executive(name="赵副总")],
        activities=[_planned_banquet((REP, DIRECTOR), TODAY + timedelta(days=9))],
    )
    assert not fires(parity_gap, p)
    [arranged] = run(parity_arranged, p)
    with translation.override("zh-hans"):
        assert "陈总监" in str(arranged.message) and "赵副总" in str(arranged.message)
        assert "已安排" in str(arranged.message)


@pytest.mark.parametrize(
    ("people", "days"),
    [
        ((REP,), 9),  # the rep alone at the banquet: nothing is mended
        ((REP, DIRECTOR), -3),  # planned for last week and never logged: not arranged any more
    ],
)
def test_the_gap_still_fires_when_no_senior_leader_is_truly_planned(people, days):
    p = plan(members=[executive()], activities=[_planned_banquet(people, TODAY + timedelta(days=days))])
    assert fires(parity_gap, p)
    assert not fires(parity_arranged, p)
