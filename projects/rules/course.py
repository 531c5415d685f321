"""What the course teaches, as data: the checklists, catalogues and orders the pages and rules share.

Codes are stable (they appear in the JSON format and in warnings); labels are translatable.
"""

from django.utils.translation import gettext_lazy as _

# The three customer states (项目质量) and the signs a rep can observe for each [lesson 12].
STATE_SIGNS = {
    "S1": [
        (
            "s1_customer_in_control",
            _("The customer is fully in control: “register here, take medicine there”"),
        ),
        ("s1_only_quotes", _("They only ask for quotes and proposals")),
        ("s1_no_information", _("They give no information")),
        ("s1_guarded", _("They guard against us like a thief")),
        ("s1_route_decided", _("The technical route and favoured vendor are already decided")),
    ],
    "S2": [
        ("s2_we_design", _("We take part in designing the solution")),
        ("s2_grateful", _("The customer is excited and grateful for what they learn from us")),
        ("s2_introduces", _("They are willing to introduce us to decision makers")),
        ("s2_funding_ready", _("Funding and prerequisites are in place")),
    ],
    "S3": [
        ("s3_no_procurement", _("No procurement contact faces outward yet")),
        ("s3_scattered_questions", _("Only scattered questions from technical staff")),
        ("s3_unknown_funding", _("Nobody can say when or whether it will be funded")),
    ],
}
ALL_STATE_SIGNS = {code: label for signs in STATE_SIGNS.values() for code, label in signs}

# The course's strategy for each state, shown beside the one the rep chose.
RECOMMENDED_STRATEGY = {
    "S1": (
        "top_down",
        _(
            "Locked elsewhere: only top-down can work — go to the VP in charge, better the GM who holds the "
            "purse. Bottom-up is worth it only for a project that will expand for 5-10 years."
        ),
    ),
    "S2": (
        "",
        _(
            "Early and favoured: go all in once funding and prerequisites are in place — key relationships, "
            "decision chain and pain chain, technical exchanges, executive meetings; stand as a consultant."
        ),
    ),
    "S3": (
        "",
        _(
            "Not yet real: simmer slowly, do not pour presales effort in, manage expectations; while the "
            "customer's guard is low, find a coach and reach the executives."
        ),
    ),
}

# Resources (资源), each list in the course's order of priority [lesson 2].
RESOURCES = {
    "info": (
        _("Information"),
        [
            ("info.success_case", _("Success cases of similar projects")),
            ("info.professional", _("Professional (product) information")),
            ("info.competitive", _("Competitive information: how peer projects progress")),
            ("info.conversation", _("Conversation material (谈资): executive moves, industry news")),
            ("info.lifestyle", _("Cross-class lifestyle information: wine, golf, tea")),
        ],
    ),
    "enterprise": (
        _("Enterprise benefit"),
        [
            ("enterprise.alliance", _("Organisational alliance: framework agreement, co-branding")),
            (
                "enterprise.project_success",
                _("Project success: dedicated experts, an executive's commitment"),
            ),
            ("enterprise.price", _("Price concessions")),
            ("enterprise.team_event", _("Scale team events: site-visit trips for the whole group")),
            ("enterprise.department_demand", _("Departmental demands")),
        ],
    ),
    "personal": (
        _("Personal benefit"),
        [
            ("personal.stand_out", _("Stand out at work")),
            ("personal.network", _("A wider network")),
            ("personal.better_life", _("A better life")),
            ("personal.skills", _("New skills and certificates")),
            ("personal.friendship", _("Personal friendship (only after the others)")),
        ],
    ),
}
ALL_RESOURCES = {code: label for _group, items in RESOURCES.values() for code, label in items}
RESOURCE_ORDER = {code: index for index, code in enumerate(ALL_RESOURCES)}

# Internal selling (内部销售): the five departments and the four leader ranks to draw in [lesson 2].
INTERNAL_TARGETS = [
    ("marketing", _("Marketing (市场部)")),
    ("sales_ops", _("Sales operations (销管)")),
    ("contracts_finance", _("Contracts & finance (合同商务/财务)")),
    ("presales", _("Product & presales (产品/售前)")),
    ("peer_account_managers", _("Fellow account managers (其他客户经理)")),
    ("team_lead", _("Team lead (组长)")),
    ("director", _("Director (总监)")),
    ("vp", _("VP (副总)")),
    ("chief", _("Chief (总经理/老板)")),
]

# The four control points (控制点) [last lesson].
CONTROL_POINTS = {
    1: _("High-level and organisational relationships set the tone"),
    2: _("Nails in the key layers give timely, true, first-hand information"),
    3: _("Take part, lawfully, in drafting the tender documents"),
    4: _("General relationships: acceptance, contract signing and small voices cannot overturn the deal"),
}
