"""The warnings engine (预警): small pure rules over a project's plan as plain data.

    from projects.rules import evaluate
    warnings = evaluate(plan_data, today)

Each rule exposes CODE, SEVERITY, TITLE and `check(plan, today) -> list[Warning]`; the catalogue of codes is
docs/warnings.md. No rule touches the database: a loader builds the PlanData first.
"""

from datetime import date

from projects.rules import (
    coach_overasked,
    coach_risky_type,
    coach_too_senior,
    competitor_no_edge,
    depth_ahead_of_record,
    first_visit_advice,
    first_visit_one_dept,
    first_visit_too_deep,
    gift_value,
    high_level_gift,
    high_level_no_sponsor,
    high_level_private_activity,
    high_level_product_talk,
    key_contact_no_resource,
    leader_wolf_cry,
    negotiation_gap_open,
    no_bridge,
    no_pain,
    one_way_reciprocity,
    parity_arranged,
    parity_gap,
    parity_gap_activity,
    s1_bottom_up,
    s3_overinvest,
    s3_single_tech,
    single_threaded,
    stale_key_contact,
    visit_no_hook,
    visit_no_reason,
)
from projects.rules.base import SEVERITY_ORDER, Rule, Severity, Subject, Text, Warning, text
from projects.rules.control_points import CP1, CP2, CP3, CP4, control_point_coverage
from projects.rules.data import PlanData
from projects.rules.parity import effective_owner, is_executive, is_high_level, member_roles

# In the catalogue's order (docs/warnings.md: the course's catalogue, then the plan's own sections).
ALL_RULES: tuple[Rule, ...] = (
    parity_gap,
    parity_gap_activity,
    high_level_no_sponsor,
    high_level_product_talk,
    high_level_private_activity,
    high_level_gift,
    gift_value,
    no_bridge,
    single_threaded,
    coach_risky_type,
    coach_too_senior,
    coach_overasked,
    no_pain,
    s1_bottom_up,
    s3_overinvest,
    s3_single_tech,
    CP1,
    CP2,
    CP3,
    CP4,
    visit_no_reason,
    visit_no_hook,
    first_visit_too_deep,
    first_visit_one_dept,
    one_way_reciprocity,
    leader_wolf_cry,
    stale_key_contact,
    negotiation_gap_open,
    competitor_no_edge,
    key_contact_no_resource,
    depth_ahead_of_record,
    first_visit_advice,
    parity_arranged,
)
RULE_CODES: tuple[str, ...] = tuple(rule.CODE for rule in ALL_RULES)
# code → (severity, short title), for the docs and the UI's legend.
CATALOGUE: dict[str, tuple[str, Text]] = {rule.CODE: (rule.SEVERITY, text(rule.TITLE)) for rule in ALL_RULES}


def evaluate(plan: PlanData, today: date) -> list[Warning]:
    """Every rule's warnings, most severe first, then by code, then by the subject's label.

    The sort is stable, so warnings that tie keep the order their rule produced them in.
    """
    warnings = [warning for rule in ALL_RULES for warning in rule.check(plan, today)]
    return sorted(warnings, key=lambda w: w.sort_key)


__all__ = [
    "ALL_RULES",
    "CATALOGUE",
    "RULE_CODES",
    "SEVERITY_ORDER",
    "Severity",
    "Subject",
    "Warning",
    "control_point_coverage",
    "effective_owner",
    "evaluate",
    "is_executive",
    "is_high_level",
    "member_roles",
]
