"""The engine as a whole: the catalogue, evaluate()'s ordering, and a healthy plan that stays quiet."""

import pytest

from projects.rules import ALL_RULES, CATALOGUE, RULE_CODES, evaluate
from projects.rules.base import SEVERITY_ORDER

from .builders import (
    DIRECTOR,
    REP,
    TODAY,
    activity,
    control_point,
    days_ago,
    executive,
    member,
    plan,
)

# rules.md, in its order, with its severities; then the plan's own sections.
EXPECTED_CATALOGUE = {
    "PARITY_GAP": "high",
    "PARITY_GAP_ACTIVITY": "high",
    "HIGH_LEVEL_NO_SPONSOR": "high",
    "HIGH_LEVEL_PRODUCT_TALK": "medium",
    "HIGH_LEVEL_PRIVATE_ACTIVITY": "high",
    "HIGH_LEVEL_GIFT": "high",
    "GIFT_VALUE": "high",
    "NO_BRIDGE": "high",
    "SINGLE_THREADED": "medium",
    "COACH_RISKY_TYPE": "medium",
    "COACH_TOO_SENIOR": "low",
    "COACH_OVERASKED": "medium",
    "NO_PAIN": "medium",
    "S1_BOTTOM_UP": "high",
    "S3_OVERINVEST": "medium",
    "S3_SINGLE_TECH": "medium",
    "CP1_MISSING": "medium",
    "CP2_MISSING": "medium",
    "CP3_MISSING": "medium",
    "CP4_MISSING": "medium",
    "VISIT_NO_REASON": "medium",
    "VISIT_NO_HOOK": "medium",
    "FIRST_VISIT_TOO_DEEP": "medium",
    "FIRST_VISIT_ONE_DEPT": "low",
    "ONE_WAY_RECIPROCITY": "low",
    "LEADER_WOLF_CRY": "low",
    "STALE_KEY_CONTACT": "low",
    "NEGOTIATION_GAP_OPEN": "medium",
    "COMPETITOR_NO_EDGE": "low",
    "KEY_CONTACT_NO_RESOURCE": "low",
    "DEPTH_AHEAD_OF_RECORD": "medium",
    "FIRST_VISIT_ADVICE": "low",
    "PARITY_ARRANGED": "low",
}


def test_every_code_in_the_catalogue_has_a_rule_in_order():
    assert tuple(EXPECTED_CATALOGUE) == RULE_CODES


def test_catalogue_gives_each_code_its_severity_and_a_title():
    assert {code: severity for code, (severity, _title) in CATALOGUE.items()} == EXPECTED_CATALOGUE
    assert all(str(title) for _severity, title in CATALOGUE.values())


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_CODES)
def test_an_empty_project_hears_only_about_its_chain_and_control_points(rule):
    warnings = rule.check(plan(), TODAY)
    assert all(
        w.code in {"SINGLE_THREADED", "CP1_MISSING", "CP2_MISSING", "CP3_MISSING", "CP4_MISSING"}
        for w in warnings
    )


def healthy_plan():
    """A project run the way the course teaches: no rule has anything to say."""
    return plan(
        owner=REP,
        engaged=[REP, DIRECTOR],
        state="S2",
        members=[
            member(
                1,
                title="采购组长",
                roles={"bridge"},
                depth=2,
                personality="peacock",
                pains=["框架协议要重谈"],
            ),
            member(2, name="小李", level=1, roles={"coach"}, depth=2, personality="peacock"),
            member(3, name="小赵", level=1, function="user", roles={"general"}),
            executive(owner=DIRECTOR, depth=1),
        ],
        activities=[
            activity(
                1,
                on=days_ago(20),
                contacts=[1, 2],
                other_departments=["user"],
                resources=["info.success_case"],
            ),
            activity(2, on=days_ago(5), contacts=[1, 3], asks=[]),
            activity(
                3,
                kind="exec_meeting",
                done=False,
                on=days_ago(-7),
                contacts=[9],
                our_people=[REP, DIRECTOR],
                topics={"roi", "success_case"},
            ),
        ],
        control_points=[control_point(3, status="in_progress", actions=["提前沟通技术规范书中的可靠性指标"])],
    )


def test_a_healthy_plan_raises_no_warnings():
    assert evaluate(healthy_plan(), TODAY) == []


def troubled_plan():
    return plan(
        members=[
            executive(10, title="技术副总", name="李总"),
            executive(9, title="采购副总", name="王总", roles={"coach"}),
            member(1, roles={"coach"}, personality="owl"),
        ],
        activities=[activity(1, contacts=[9, 10], reason_met="", gift_kind="liquor")],
    )


def test_evaluate_sorts_by_severity_then_code_then_subject_label():
    warnings = evaluate(troubled_plan(), TODAY)
    keys = [(SEVERITY_ORDER[w.severity], w.code, str(w.subject.label)) for w in warnings]
    assert keys == sorted(keys)
    assert warnings[0].severity == "high"
    parity = [str(w.subject.label) for w in warnings if w.code == "PARITY_GAP"]
    assert parity == ["技术副总 李总", "采购副总 王总"]  # by label, not by chain order


def test_evaluate_collects_every_rule_that_fires():
    codes = {w.code for w in evaluate(troubled_plan(), TODAY)}
    assert {
        "PARITY_GAP",
        "HIGH_LEVEL_NO_SPONSOR",
        "HIGH_LEVEL_GIFT",
        "COACH_RISKY_TYPE",
        "COACH_TOO_SENIOR",
        "VISIT_NO_REASON",
        "NO_BRIDGE",
        "CP3_MISSING",
    } <= codes


def test_evaluate_is_deterministic():
    first = [w.as_dict() for w in evaluate(troubled_plan(), TODAY)]
    second = [w.as_dict() for w in evaluate(troubled_plan(), TODAY)]
    assert first == second


def test_as_dict_is_plain_json_ready_data():
    warning = evaluate(troubled_plan(), TODAY)[0]
    data = warning.as_dict()
    assert set(data) == {"code", "severity", "subject", "message", "reason", "next_step", "lesson"}
    assert all(type(value) is str for key, value in data.items() if key != "subject")
    assert data["subject"]["kind"] in {"contact", "activity", "section"}
    assert data["lesson"].startswith("Lesson") or data["lesson"].startswith("Final lesson")
