from django.urls import path

from projects.plans import editors, pages

urlpatterns = [
    # The project and its sales project plan (销售项目计划表): pages, review, versions, PDF, history.
    path("projects/<int:project_id>/", pages.project_detail, name="project_detail"),
    path("projects/<int:project_id>/plan/", pages.plan_page, name="plan"),
    path("projects/<int:project_id>/plan.pdf", pages.plan_pdf, name="plan_pdf"),
    path("projects/<int:project_id>/plan/v<int:version>/", pages.plan_version, name="plan_version"),
    path("projects/<int:project_id>/plan/compare/", pages.plan_compare, name="plan_compare"),
    path("projects/<int:project_id>/plan/history/", pages.plan_history_page, name="plan_history"),
    path("projects/<int:project_id>/plan/submit/", pages.plan_submit, name="plan_submit"),
    path("projects/<int:project_id>/plan/v<int:version>/comment/", pages.plan_comment, name="plan_comment"),
    path("projects/<int:project_id>/plan/v<int:version>/decide/", pages.plan_decide, name="plan_decide"),
    path("reviews/", pages.review_queue_page, name="review_queue"),
    path("chain/<int:member_id>/ask-leader/", pages.relationship_ask, name="relationship_ask"),
    path(
        "relationship-requests/<int:request_id>/answer/",
        pages.relationship_answer,
        name="relationship_answer",
    ),
    # One editor per kind of row, from either page.
    path("projects/<int:project_id>/edit/", editors.project_edit, name="project_edit"),
    path("projects/<int:project_id>/chain/add/", editors.member_add, name="member_add"),
    path("chain/<int:member_id>/edit/", editors.member_edit, name="member_edit"),
    path("chain/<int:member_id>/pains/add/", editors.pain_add, name="pain_add"),
    path("pains/<int:pain_id>/edit/", editors.pain_edit, name="pain_edit"),
    path("projects/<int:project_id>/activities/add/", editors.activity_add, name="activity_add"),
    path("activities/<int:activity_id>/edit/", editors.activity_edit, name="activity_edit"),
    path(
        "projects/<int:project_id>/control-points/<int:number>/edit/",
        editors.control_point_edit,
        name="control_point_edit",
    ),
    path("projects/<int:project_id>/engagement/add/", editors.engagement_add, name="engagement_add"),
    path("engagement/<int:engagement_id>/edit/", editors.engagement_edit, name="engagement_edit"),
    path(
        "projects/<int:project_id>/internal-selling/add/", editors.internal_sale_add, name="internal_sale_add"
    ),
    path(
        "internal-selling/<int:internal_sale_id>/edit/", editors.internal_sale_edit, name="internal_sale_edit"
    ),
    path("chain/<int:member_id>/resources/add/", editors.resource_add, name="resource_add"),
    path("resources/<int:resource_item_id>/edit/", editors.resource_edit, name="resource_edit"),
    path("projects/<int:project_id>/competitors/add/", editors.competitor_add, name="competitor_add"),
    path("competitors/<int:competitor_id>/edit/", editors.competitor_edit, name="competitor_edit"),
    path("projects/<int:project_id>/tender/add/", editors.tender_add, name="tender_add"),
    path("tender/<int:tender_item_id>/edit/", editors.tender_edit, name="tender_edit"),
    path("projects/<int:project_id>/negotiation/add/", editors.term_add, name="term_add"),
    path("negotiation/<int:term_id>/edit/", editors.term_edit, name="term_edit"),
    path("projects/<int:project_id>/tasks/add/", editors.task_add, name="task_add"),
    path("tasks/<int:task_id>/edit/", editors.task_edit, name="task_edit"),
]
