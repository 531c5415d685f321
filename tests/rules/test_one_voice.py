"""One voice across rules (issue 16, item 6): every message reads as a sentence a sales director would say,
in both languages — ranks and levels in words, money with its unit, no doubled brackets."""

import re

import pytest
from django.utils import translation

from projects.rules import RULE_CODES, evaluate
from projects.rules.data import Competitor, NegotiationTerm, PlanData

from .builders import DIRECTOR, LEAD, REP, TODAY, activity, ask, days_ago, executive, member, plan


def troubled() -> PlanData:
    """A plan that trips nearly every rule at once."""
    base = plan(
        owner=REP,
        engaged=[REP, LEAD],
        state="S3",
        members=[
            executive(10, title="总经理", name="孙总", level=4, pains=[]),
            executive(9, roles={"coach"}, personality="owl", depth=4),
            member(1, roles={"coach"}, function="technical", personality="koala", added_on=days_ago(90)),
        ],
        activities=[
            activity(
                1, contacts=[1], on=days_ago(60), reason_met="", hook="", resources=["info.professional"]
            ),
            activity(2, contacts=[9, 10], kind="leisure", done=False, on=days_ago(-5), topics={"private"}),
            activity(
                3,
                contacts=[9],
                kind="tech_exchange",
                on=days_ago(50),
                topics={"product_features"},
                gift_kind="liquor",
                gift_value=6000,
                presales_days=9,
                goal="请王总在评标会上帮我们说话",
                resources=["info.success_case", "info.competitive"],
            ),
            activity(4, contacts=[1], kind="visit", our_people=[DIRECTOR], on=days_ago(40), asks=[ask()]),
            activity(5, contacts=[1], kind="visit", our_people=[DIRECTOR], on=days_ago(30)),
            activity(6, contacts=[1], kind="visit", our_people=[DIRECTOR], on=days_ago(20)),
        ],
    )
    return PlanData(
        **{
            **base.__dict__,
            "our_price": 1_000_000,
            "their_price": 900_000,
            "terms": (
                NegotiationTerm(term="质保延长", cost_to_us=10_000, value_to_them=30_000, offered=True),
            ),
            "competitors": (Competitor(name="友商A"),),
        }
    )


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict]]:
    s1 = PlanData(**{**troubled().__dict__, "state": "S1", "strategy": "bottom_up"})
    fresh = plan(stage="lead", members=[member()])
    warnings = [w for the_plan in (troubled(), s1, fresh) for w in evaluate(the_plan, TODAY)]
    found = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            found[language] = [w.as_dict() for w in warnings]
    return found


def test_the_troubled_plan_reaches_most_of_the_catalogue(rendered):
    codes = {w["code"] for w in rendered["en"]}
    assert len(codes) >= len(RULE_CODES) - 8, sorted(set(RULE_CODES) - codes)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_ranks_and_levels_are_named_in_words(rendered, language):
    for warning in rendered[language]:
        for key in ("message", "next_step"):
            text = warning[key]
            assert not re.search(r"\b(rank|level) \d", text), text
            assert "职级" not in text and not re.search(r"层级 ?\d", text), text


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_money_carries_its_unit(rendered, language):
    money = [w["message"] for w in rendered[language] if w["code"] in {"GIFT_VALUE", "HIGH_LEVEL_GIFT"}]
    money += [w["message"] for w in rendered[language] if w["code"] == "NEGOTIATION_GAP_OPEN"]
    assert money
    for text in money:
        assert re.search(r"¥\d{1,3}(,\d{3})+", text), text
        assert not re.search(r"(?<![¥,\d])\d{3,}", text.replace("2025-", "")), text


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_doubled_brackets(rendered, language):
    for warning in rendered[language]:
        for text in (warning["message"], warning["next_step"], warning["subject"]["label"]):
            assert not re.search(r"[)）]\s*[(（]|[(（]\s*[(（]|[)）]\s*[)）]", text), text


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_message_is_a_sentence(rendered, language):
    for warning in rendered[language]:
        for key in ("message", "reason", "next_step"):
            text = warning[key]
            assert text[-1] in ".。", text
            assert "%(" not in text, text
