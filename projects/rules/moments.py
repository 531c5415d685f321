"""When a project's warnings are due (时机): each warning at the moment the course would raise it.

A fresh lead before its first meeting hears the course's first-visit advice, not a flood of gaps it cannot
have filled yet: the chain, the pains and the control points are what the first visits bring back
("咱们如果是第一次拜访客户的话…一定要带走一个信息" [lesson 12]). The project is under way once it has had its
first meeting in person or reached the opportunity stage (商机).
"""

from projects.rules.codes import MEETING_KINDS, Stage
from projects.rules.data import Activity, PlanData


def first_meeting(plan: PlanData) -> Activity | None:
    """The project's first logged meeting in person (ties by id, so the answer is stable)."""
    meetings = [a for a in plan.done_activities() if a.kind in MEETING_KINDS]
    return min(meetings, key=lambda a: (a.date, a.id), default=None)


def under_way(plan: PlanData) -> bool:
    """Past its first meeting, or past the lead stage (a plan read without a stage counts as under way)."""
    return plan.stage != Stage.LEAD or first_meeting(plan) is not None
