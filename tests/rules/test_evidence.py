"""Evidence over opinion (issue 16, item 7): the relationship ladder 陌生 → 认识 → 熟悉 → 在乎 → 绑定 read
from the record, and DEPTH_AHEAD_OF_RECORD when a rep's rating runs ahead of it."""

import pytest
from django.utils import translation

from projects.rules import depth_ahead_of_record
from projects.rules.codes import Depth
from projects.rules.evidence import evidence

from .builders import DIRECTOR, activity, ask, days_ago, fires, member, plan, run


def meetings(count: int, *, contact: int = 1, **fields):
    """`count` logged meetings with the contact, a week apart, the last one a week ago."""
    return [activity(i, contacts=[contact], on=days_ago(7 * i), **fields) for i in range(1, count + 1)]


def ladder(the_member, activities, **thresholds) -> int:
    p = plan(members=[the_member], activities=activities, **thresholds)
    return evidence(p, p.members[0]).depth


def test_nobody_met_is_a_stranger():
    assert ladder(member(), []) == Depth.STRANGER
    # A planned meeting is not yet evidence.
    assert ladder(member(), [activity(done=False, on=days_ago(-3))]) == Depth.STRANGER


def test_one_meeting_or_call_is_acquainted():
    assert ladder(member(), meetings(1)) == Depth.ACQUAINTED
    assert ladder(member(), [activity(kind="phone")]) == Depth.ACQUAINTED


def test_three_meetings_make_familiar():
    # "一次拜访，两次拜访叙至少要考量有3次拜访以上的机会啊，才有可能和客户建立一个很稳固的啊初步关系"
    # [last lesson]
    assert ladder(member(), meetings(2)) == Depth.ACQUAINTED
    assert ladder(member(), meetings(3)) == Depth.FAMILIAR
    # Calls keep a relationship warm but do not replace meeting in person.
    assert (
        ladder(member(), [activity(i, kind="phone", on=days_ago(i)) for i in (1, 2, 3)]) == Depth.ACQUAINTED
    )


def test_knowing_them_from_before_is_familiar():
    # "你和这个客户认识的场合…你们在总裁学习班上直接就认识了，你们俩也是同学关系" [lesson 12]
    known = member(acquaintance="大学同学", acquaintance_holder=DIRECTOR)
    assert ladder(known, []) == Depth.FAMILIAR


def test_cares_needs_personal_topics_and_an_ask_granted():
    # "客户一定要和你聊到私人话题啊…客户才会和你进一步建立私交" and "我们提供价值，客户感到感激，客户提供
    # 回报" [last lesson]
    personal = meetings(3, topics={"private"})
    granted = [ask("small_favour", "推荐一位好中医", granted=True)]
    assert ladder(member(), personal) == Depth.FAMILIAR
    assert ladder(member(), [*meetings(3), activity(9, asks=granted)]) == Depth.FAMILIAR
    assert ladder(member(), [*personal, activity(9, asks=granted)]) == Depth.CARES


def test_bound_needs_reciprocity_that_keeps_coming_back():
    # "一来二去…你再去求一些他觉得很难办的事情" [short video]
    personal = meetings(3, topics={"private"})
    granted = [activity(10 + i, asks=[ask(text=f"请教 {i}", granted=True)]) for i in range(3)]
    assert ladder(member(), [*personal, *granted[:2]]) == Depth.CARES
    assert ladder(member(), [*personal, *granted]) == Depth.BOUND
    assert ladder(member(), [*personal, *granted[:2]], bound_returns=2) == Depth.BOUND


def test_the_evidence_in_one_line_in_chinese():
    p = plan(
        members=[member()],
        activities=[
            *meetings(3, topics={"private"}),
            activity(9, kind="phone", asks=[ask(text="推荐中医", granted=True), ask(text="引荐采购副总")]),
        ],
    )
    with translation.override("zh-hans"):
        assert str(evidence(p, p.members[0]).summary) == (
            "3 次拜访 · 1 次电话 · 聊过私人话题 · 请求 2 次，对方答应 1 次"
        )


def test_nothing_on_record_says_so():
    p = plan(members=[member()])
    assert str(evidence(p, p.members[0]).summary) == "nothing on record yet"


# DEPTH_AHEAD_OF_RECORD


def test_familiar_after_a_single_formal_meeting_runs_ahead_of_the_record():
    p = plan(members=[member(depth=Depth.FAMILIAR)], activities=meetings(1))
    (warning,) = run(depth_ahead_of_record, p)
    assert str(warning.message) == (
        "刘组长 is rated familiar (熟悉), but the record supports acquainted (认识): one meeting."
    )
    assert "3 meetings in all (1 so far)" in str(warning.next_step)
    assert warning.severity == "medium" and warning.subject.kind == "contact"


def test_a_rating_the_record_supports_is_silent():
    assert not fires(
        depth_ahead_of_record, plan(members=[member(depth=Depth.FAMILIAR)], activities=meetings(3))
    )
    assert not fires(
        depth_ahead_of_record, plan(members=[member(depth=Depth.ACQUAINTED)], activities=meetings(1))
    )
    # 认识 needs no proof: a rep may have met them before the project's record starts.
    assert not fires(depth_ahead_of_record, plan(members=[member(depth=Depth.ACQUAINTED)]))
    # Rating below the record is modesty, not a risk.
    assert not fires(
        depth_ahead_of_record, plan(members=[member(depth=Depth.STRANGER)], activities=meetings(3))
    )


def test_cares_without_anything_coming_back_names_what_is_missing():
    p = plan(members=[member(depth=Depth.CARES)], activities=meetings(3))
    (warning,) = run(depth_ahead_of_record, p)
    next_step = str(warning.next_step)
    assert "personal topics the customer reached with you" in next_step
    assert "1 asks they granted (0 so far)" in next_step


@pytest.mark.parametrize(("leeway", "expected"), [(0, True), (1, False)])
def test_the_team_may_allow_a_step_of_leeway(leeway, expected):
    p = plan(members=[member(depth=Depth.FAMILIAR)], activities=meetings(1), depth_leeway=leeway)
    assert fires(depth_ahead_of_record, p) is expected


@pytest.mark.parametrize(("needed", "expected"), [(2, False), (3, True)])
def test_the_team_sets_how_many_meetings_make_familiar(needed, expected):
    p = plan(members=[member(depth=Depth.FAMILIAR)], activities=meetings(2), familiar_meetings=needed)
    assert fires(depth_ahead_of_record, p) is expected
