"""Wordings the engine no longer uses, kept so that versions submitted before still read in Chinese.

A submitted version (PlanSubmission.snapshot) stores its warnings as msgids with their parameters
(projects.rules.base.Text) and translates them when shown. Once a rule is reworded, its old msgid is gone
from the code and makemessages would drop its translation: an old version would then show those warnings
in English to a Chinese reader. Marked here, they stay in the catalogue (tests/test_snapshot_migration.py).
"""

from django.utils.translation import gettext_noop as _

# Reworded for issue 16 (ranks and levels in words, money with its unit, no doubled brackets).
RETIRED = (
    _("Leisure (KTV, sports, outing)"),
    _("Coach %(contact)s is at level %(level)s."),
    _(
        "The chain has executive contacts (%(contacts)s) but no one of director rank or above on our side "
        "takes part in the project."
    ),
    _(
        "Sell the project inside first: brief a director, VP or chief, draw them into the project, then plan "
        "the executive meetings with them."
    ),
    _(
        "%(activity)s is a private activity with %(contacts)s, before the relationship is familiar and with "
        "no prior acquaintance recorded."
    ),
    _("The offered terms are worth ¥%(value)s to them; the price gap is ¥%(gap)s: ¥%(open)s still open."),
    _("%(contact)s (level %(level)s) is handled by %(owner)s (rank %(rank)s): a gap of %(gap)s."),
    _(
        "Pair this relationship with a leader of ours of rank %(rank)s or above (狐假虎威, borrow the "
        "tiger's authority); make every meeting a conversation with conclusions; talk ROI, long-term value, "
        "peer competition and success cases, not product features."
    ),
    # Reworded when next steps became tasks (待办): a task answers the rule as a planned activity does.
    _("%(activity)s leaves no hook, and no next activity is planned."),
)
