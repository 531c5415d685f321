"""Executives (高层): HIGH_LEVEL_PRODUCT_TALK, HIGH_LEVEL_PRIVATE_ACTIVITY, HIGH_LEVEL_GIFT, GIFT_VALUE."""

import pytest

from projects.rules import gift_value, high_level_gift, high_level_private_activity, high_level_product_talk

from .builders import DIRECTOR, LEAD, activity, days_ago, executive, fires, member, plan, run

# HIGH_LEVEL_PRODUCT_TALK


def test_product_talk_fires_for_features_only_with_an_executive():
    p = plan(
        members=[executive()],
        activities=[activity(kind="tech_exchange", contacts=[9], topics={"product_features"}, done=False)],
    )
    (warning,) = run(high_level_product_talk, p)
    assert warning.subject.kind == "activity" and warning.subject.id == 1
    assert "Technical exchange (planned) with 采购副总 王总" in str(warning.message)


@pytest.mark.parametrize("topic", ["roi", "long_term_value", "peer_competition", "success_case"])
def test_product_talk_silent_when_an_executive_topic_is_on_the_agenda(topic):
    p = plan(members=[executive()], activities=[activity(contacts=[9], topics={"product_features", topic})])
    assert not fires(high_level_product_talk, p)


@pytest.mark.parametrize(("level", "expected"), [(2, False), (3, True)])
def test_product_talk_threshold_is_a_level_three_contact(level, expected):
    p = plan(members=[member(level=level)], activities=[activity(topics={"product_features"})])
    assert fires(high_level_product_talk, p) is expected


# HIGH_LEVEL_PRIVATE_ACTIVITY


def test_private_activity_fires_for_ktv_with_a_top_decision_maker_we_barely_know():
    top = executive(level=4, title="总经理", name="赵总", owner=DIRECTOR, depth=2)
    p = plan(members=[top], activities=[activity(kind="leisure", contacts=[9], done=False)])
    (warning,) = run(high_level_private_activity, p)
    assert "private activity with 总经理 赵总" in str(warning.message)
    assert warning.severity == "high"


def test_private_activity_silent_for_a_formal_banquet():
    p = plan(members=[executive(level=4)], activities=[activity(kind="banquet", contacts=[9])])
    assert not fires(high_level_private_activity, p)


def test_private_activity_silent_with_prior_acquaintance():
    top = executive(level=4, acquaintance="总裁班同学")
    p = plan(members=[top], activities=[activity(kind="dinner", contacts=[9])])
    assert not fires(high_level_private_activity, p)


@pytest.mark.parametrize(("depth", "expected"), [(2, True), (3, False)])
def test_private_activity_depth_threshold_is_familiar(depth, expected):
    # Three meetings on record support 熟悉, so the rating decides.
    met = [activity(i, kind="exec_meeting", contacts=[9], on=days_ago(30 + i)) for i in (1, 2, 3)]
    p = plan(
        members=[executive(level=4, depth=depth)],
        activities=[*met, activity(4, kind="dinner", contacts=[9], done=False, on=days_ago(-3))],
    )
    assert fires(high_level_private_activity, p) is expected


def test_private_activity_weighs_the_record_over_a_familiar_rating():
    # "熟悉" typed after one formal meeting is not the familiarity the course means ("至少3次拜访以上…才有
    # 可能和客户建立一个很稳固的初步关系" [last lesson]): the dinner is still too early.
    p = plan(
        members=[executive(level=4, depth=3)],
        activities=[
            activity(1, kind="exec_meeting", contacts=[9], on=days_ago(30)),
            activity(2, kind="dinner", contacts=[9], done=False, on=days_ago(-3)),
        ],
    )
    assert fires(high_level_private_activity, p)


@pytest.mark.parametrize(("owner", "expected"), [(None, True), (LEAD, False)])
def test_private_activity_with_a_level_three_contact_only_when_a_rep_owns_it(owner, expected):
    p = plan(members=[executive(level=3, owner=owner)], activities=[activity(kind="dinner", contacts=[9])])
    assert fires(high_level_private_activity, p) is expected


def test_private_activity_silent_for_a_middle_manager():
    p = plan(members=[member(level=2, depth=1)], activities=[activity(kind="leisure")])
    assert not fires(high_level_private_activity, p)


# HIGH_LEVEL_GIFT


@pytest.mark.parametrize("kind", ["liquor", "cigarettes", "valuables"])
def test_executive_gift_fires_for_liquor_cigarettes_or_valuables_whatever_the_value(kind):
    p = plan(
        members=[executive()], activities=[activity(kind="gift", contacts=[9], gift_kind=kind, gift_value=50)]
    )
    (warning,) = run(high_level_gift, p)
    assert "采购副总 王总" in str(warning.message)


def test_executive_gift_message_says_when_the_value_is_not_recorded():
    p = plan(members=[executive()], activities=[activity(contacts=[9], gift_kind="liquor")])
    (warning,) = run(high_level_gift, p)
    assert "(value not recorded)" in str(warning.message)


def test_executive_gift_silent_for_a_logo_souvenir():
    p = plan(
        members=[executive()], activities=[activity(contacts=[9], gift_kind="logo_souvenir", gift_value=80)]
    )
    assert not fires(high_level_gift, p)


def test_executive_gift_silent_for_liquor_to_a_middle_manager():
    p = plan(members=[member(level=2)], activities=[activity(gift_kind="liquor", gift_value=150)])
    assert not fires(high_level_gift, p)


@pytest.mark.parametrize(("value", "expected"), [("200", False), ("200.01", True)])
def test_executive_gift_value_threshold_is_the_small_gift_limit(value, expected):
    p = plan(
        members=[executive()], activities=[activity(contacts=[9], gift_kind="consumable", gift_value=value)]
    )
    assert fires(high_level_gift, p) is expected


def test_executive_gift_follows_the_team_small_gift_limit():
    p = plan(
        members=[executive()],
        activities=[activity(contacts=[9], gift_kind="consumable", gift_value=150)],
        small_gift_limit=100,
    )
    assert fires(high_level_gift, p)


# GIFT_VALUE


def test_gift_value_fires_above_the_compliance_limit_for_anyone():
    p = plan(members=[member(level=1)], activities=[activity(gift_kind="other", gift_value=800)])
    (warning,) = run(gift_value, p)
    assert "worth ¥800, above the compliance limit of ¥500" in str(warning.message)
    assert warning.subject.kind == "activity"


def test_gift_value_silent_once_approved():
    p = plan(members=[member()], activities=[activity(gift_kind="other", gift_value=800, gift_approved=True)])
    assert not fires(gift_value, p)


def test_gift_value_silent_without_a_recorded_value():
    assert not fires(gift_value, plan(members=[member()], activities=[activity(gift_kind="consumable")]))


@pytest.mark.parametrize(("value", "expected"), [("500", False), ("500.01", True)])
def test_gift_value_threshold_is_the_compliance_limit(value, expected):
    p = plan(members=[member()], activities=[activity(gift_kind="other", gift_value=value)])
    assert fires(gift_value, p) is expected
