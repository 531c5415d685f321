"""How messages name ranks and levels: in words a sales director would use (组长, 高层), never "rank 2". One
table here, so every rule says the same rank the same way (money: projects.rules.base.money)."""

from typing import Any

from projects.rules.base import Text
from projects.rules.base import in_context as pgettext
from projects.rules.codes import Level, Rank

# Our ranks (我方职级), as "a leader of ours, %(rank)s or above" reads them.
RANK_WORDS = {
    Rank.REP: pgettext("our rank", "rep"),
    Rank.TEAM_LEAD: pgettext("our rank", "team lead"),
    Rank.DIRECTOR: pgettext("our rank", "director"),
    Rank.EXECUTIVE: pgettext("our rank", "VP"),
}
# The customer's levels (层级).
LEVEL_WORDS = {
    Level.STAFF: pgettext("customer level", "staff"),
    Level.MIDDLE: pgettext("customer level", "middle manager"),
    Level.EXECUTIVE: pgettext("customer level", "executive"),
    Level.TOP: pgettext("customer level", "top decision maker"),
}


def rank_word(rank: int) -> Any:
    """A rank in words; a rank outside the four (a hand-written file) clamps to the nearest."""
    return RANK_WORDS[Rank(min(max(rank, Rank.REP), Rank.EXECUTIVE))]


def level_word(level: int) -> Text:
    return LEVEL_WORDS[Level(min(max(level, Level.STAFF), Level.TOP))]
