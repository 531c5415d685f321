"""Reading what a plan says in its own words (读懂计划): the free text where the course's meaning is plain.

A rep writes "请他在评标会上帮我们说话" in an activity's goal as often as they tick "influence the decision";
the rules read both. Only phrases whose meaning is not in doubt are read, and a phrase the rep negates
("不指望他拍板") is not a demand.
"""

import re
from collections.abc import Iterable

from projects.rules.data import ChainMember

# Asking someone to swing the decision for us: vote, have the final say, fix the winner, speak for us.
SWAY_PHRASES = (
    "投票",
    "拍板",
    "定标",
    "帮我们说话",
    "帮我们说句话",
    "替我们说话",
    "影响决策",
    "左右决策",
    "评标会上帮",
    "评标时帮",
    "vote for us",
    "swing the decision",
    "influence the decision",
    "speak up for us",
    "put in a word for us",
)
NEGATIONS = ("不", "别", "勿", "莫", "没", "never", "not ", "don't", "no ")
# Questions that contain a negation character but ask for the thing: "能不能帮我们说话".
NOT_NEGATIONS = ("能不能", "可不可以", "是不是", "愿不愿意", "会不会", "不管", "不论")
CLAUSE = re.compile(r"[，。；;,.!?！？\n]")


def asks_to_sway(text: str) -> bool:
    """Whether `text` asks someone to swing the decision, in a clause that does not negate it."""
    for clause in CLAUSE.split(text.lower()):
        for phrase in SWAY_PHRASES:
            at = clause.find(phrase)
            if at < 0:
                continue
            before = clause[:at]
            for question in NOT_NEGATIONS:
                before = before.replace(question, "")
            if not any(word in before for word in NEGATIONS):
                return True
    return False


def named_in(text: str, members: Iterable[ChainMember]) -> list[ChainMember]:
    """The chain members `text` names (by name), in the chain's order."""
    return [member for member in members if member.name and member.name in text]
