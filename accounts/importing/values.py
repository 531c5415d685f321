"""The values of a customer list as people type them (中层, 采购, 老虎…) turned into our codes; None when a
value cannot be understood, so the row says which cell is wrong."""

import functools

from django.utils import translation

from accounts.importing.columns import normalise
from accounts.models import Function, Level, Personality

# What people type besides our own labels (which are accepted in both languages).
LEVEL_WORDS = {
    "基层": Level.STAFF,
    "员工": Level.STAFF,
    "专责": Level.STAFF,
    "中层": Level.MIDDLE,
    "中层干部": Level.MIDDLE,
    "高层": Level.EXECUTIVE,
    "领导": Level.EXECUTIVE,
    "决策层": Level.TOP,
    "一把手": Level.TOP,
}
FUNCTION_WORDS = {
    "技术": Function.TECHNICAL,
    "采购": Function.PROCUREMENT,
    "招采": Function.PROCUREMENT,
    "物资": Function.PROCUREMENT,
    "需求": Function.USER,
    "使用": Function.USER,
    "用户": Function.USER,
    "业务": Function.USER,
    "财务": Function.FINANCE,
    "计划": Function.PLANNING,
    "综合": Function.MANAGEMENT,
    "领导": Function.MANAGEMENT,
    "管理": Function.MANAGEMENT,
}
PERSONALITY_WORDS = {
    "孔雀": Personality.PEACOCK,
    "老虎": Personality.TIGER,
    "猫头鹰": Personality.OWL,
    "考拉": Personality.KOALA,
    "未知": Personality.UNKNOWN,
    "不清楚": Personality.UNKNOWN,
}


def _vocabulary(choices, words: dict) -> dict[str, object]:
    known = {normalise(key): value for key, value in words.items()}
    for value, label in choices.choices:
        known[normalise(str(value))] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                text = str(label)
            known[normalise(text)] = value
            # "Middle (中层)" is also typed as its two halves.
            if "(" in text and text.endswith(")"):
                english, chinese = text[:-1].split("(", 1)
                known[normalise(english)] = known[normalise(chinese)] = value
    return known


@functools.cache
def _vocabularies() -> dict[str, dict]:
    # Built on first use: the labels' translations are only ready once Django is.
    return {
        "level": _vocabulary(Level, LEVEL_WORDS),
        "function": _vocabulary(Function, FUNCTION_WORDS),
        "personality": _vocabulary(Personality, PERSONALITY_WORDS),
    }


def level(text: str):
    return _vocabularies()["level"].get(normalise(text))


def function(text: str):
    return _vocabularies()["function"].get(normalise(text))


def personality(text: str):
    return _vocabularies()["personality"].get(normalise(text))
