"""Versions submitted before issue 16 still read: their plan data has none of the new fields (who knew a
contact before, asks granted, people linked to tender items, the ladder's thresholds), and their warnings
carry the wordings the engine has since retired (projects/rules/retired.py) — still shown in Chinese."""

from django.utils import translation

from projects.plans import snapshot
from projects.rules.base import Text

from .rules.builders import DIRECTOR, TODAY, activity, ask, executive, member, plan

OLD_PARITY = "%(contact)s (level %(level)s) is handled by %(owner)s (rank %(rank)s): a gap of %(gap)s."


def _without_new_fields(taken: dict) -> dict:
    """The snapshot as the code before issue 16 wrote it."""
    data = taken["plan"]
    for member_data in data["members"]:
        del member_data["acquaintance_holder"]
    for activity_data in data["activities"]:
        for ask_data in activity_data["asks"]:
            del ask_data["granted"]
    for name in ("familiar_meetings", "cares_returns", "bound_returns", "depth_leeway"):
        del data["thresholds"][name]
    return taken


def test_a_version_taken_before_the_new_fields_reads_with_their_defaults():
    the_plan = plan(
        members=[executive(owner=DIRECTOR, acquaintance="同学"), member()],
        activities=[activity(asks=[ask(text="推荐中医")])],
    )
    old = _without_new_fields(snapshot.take(the_plan, [], TODAY))
    version = snapshot.read(old)
    assert version.plan.members[0].acquaintance == "同学"
    assert version.plan.members[0].acquaintance_holder is None  # the owner's, as the format reads version 1
    assert version.plan.activities[0].asks[0].granted is False
    assert version.plan.thresholds.familiar_meetings == 3


def test_a_retired_wording_in_an_old_version_still_reads_in_chinese():
    old = snapshot.take(plan(), [], TODAY)
    old["warnings"] = [
        {
            "code": "PARITY_GAP",
            "severity": "high",
            "subject": {"kind": "contact", "id": 9, "label": "采购副总 王总"},
            "message": Text(
                OLD_PARITY,
                (("contact", "采购副总 王总"), ("level", 3), ("owner", "小张"), ("rank", 1), ("gap", 2)),
            ).as_data(),
            "reason": {"msgid": "Lesson 16: high-level customer relationships", "params": {}},
            "next_step": {"msgid": "Lesson 16: high-level customer relationships", "params": {}},
            "lesson": {"msgid": "Lesson 16: high-level customer relationships", "params": {}},
        }
    ]
    (warning,) = snapshot.read(old).warnings
    with translation.override("zh-hans"):
        assert str(warning.message) == "采购副总 王总（层级 3）由 小张（职级 1）对接：相差 2 级。"
