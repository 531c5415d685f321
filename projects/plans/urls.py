from django.urls import path

from projects.plans import plan_views as views_plan
from projects.plans import project_views as views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:project_id>/chain/add/", views.member_add, name="member_add"),
    path("chain/<int:member_id>/edit/", views.member_edit, name="member_edit"),
    path("chain/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("chain/<int:member_id>/pains/add/", views.pain_add, name="pain_add"),
    path("pains/<int:pain_id>/delete/", views.pain_delete, name="pain_delete"),
    path("projects/<int:project_id>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:activity_id>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:activity_id>/delete/", views.activity_delete, name="activity_delete"),
    path(
        "projects/<int:project_id>/control-points/<int:number>/edit/",
        views.control_point_edit,
        name="control_point_edit",
    ),
    path("projects/<int:project_id>/engagement/add/", views.engagement_add, name="engagement_add"),
    path("engagement/<int:engagement_id>/remove/", views.engagement_remove, name="engagement_remove"),
    path(
        "projects/<int:project_id>/internal-selling/new/",
        views.internal_sale_create,
        name="internal_sale_create",
    ),
    path(
        "internal-selling/<int:internal_sale_id>/edit/", views.internal_sale_edit, name="internal_sale_edit"
    ),
    path("teams/<int:team_id>/thresholds/", views.team_thresholds, name="team_thresholds"),
    # The sales project plan (销售项目计划表), its review, versions, PDF and history.
    path("projects/<int:project_id>/plan/", views_plan.plan_page, name="plan"),
    path("projects/<int:project_id>/plan.pdf", views_plan.plan_pdf, name="plan_pdf"),
    path("projects/<int:project_id>/plan/v<int:version>/", views_plan.plan_version, name="plan_version"),
    path("projects/<int:project_id>/plan/compare/", views_plan.plan_compare, name="plan_compare"),
    path("projects/<int:project_id>/plan/history/", views_plan.plan_history_page, name="plan_history"),
    path("projects/<int:project_id>/plan/submit/", views_plan.plan_submit, name="plan_submit"),
    path(
        "projects/<int:project_id>/plan/v<int:version>/comment/", views_plan.plan_comment, name="plan_comment"
    ),
    path("projects/<int:project_id>/plan/v<int:version>/decide/", views_plan.plan_decide, name="plan_decide"),
    path("reviews/", views_plan.review_queue, name="review_queue"),
    path("projects/<int:project_id>/plan/basics/", views_plan.plan_basics_edit, name="plan_basics_edit"),
    path("projects/<int:project_id>/plan/state/", views_plan.plan_state_edit, name="plan_state_edit"),
    path("projects/<int:project_id>/plan/prices/", views_plan.plan_prices_edit, name="plan_prices_edit"),
    path("projects/<int:project_id>/plan/chain/add/", views_plan.plan_member_add, name="plan_member_add"),
    path("plan/chain/<int:member_id>/", views_plan.plan_member_edit, name="plan_member_edit"),
    path("plan/chain/<int:member_id>/pains/add/", views_plan.plan_pain_add, name="plan_pain_add"),
    path("plan/pains/<int:pain_id>/delete/", views_plan.plan_pain_delete, name="plan_pain_delete"),
    path(
        "projects/<int:project_id>/plan/control-points/<int:number>/",
        views_plan.plan_control_point_edit,
        name="plan_control_point_edit",
    ),
    path("plan/chain/<int:member_id>/resources/add/", views_plan.plan_resource_add, name="plan_resource_add"),
    path("plan/resources/<int:resource_item_id>/", views_plan.plan_resource_edit, name="plan_resource_edit"),
    path(
        "projects/<int:project_id>/plan/internal-selling/add/",
        views_plan.plan_internal_sale_add,
        name="plan_internal_sale_add",
    ),
    path(
        "plan/internal-selling/<int:internal_sale_id>/",
        views_plan.plan_internal_sale_edit,
        name="plan_internal_sale_edit",
    ),
    path(
        "projects/<int:project_id>/plan/activities/add/",
        views_plan.plan_activity_add,
        name="plan_activity_add",
    ),
    path("plan/activities/<int:activity_id>/", views_plan.plan_activity_edit, name="plan_activity_edit"),
    path(
        "projects/<int:project_id>/plan/competitors/add/",
        views_plan.plan_competitor_add,
        name="plan_competitor_add",
    ),
    path(
        "plan/competitors/<int:competitor_id>/", views_plan.plan_competitor_edit, name="plan_competitor_edit"
    ),
    path("projects/<int:project_id>/plan/tender/add/", views_plan.plan_tender_add, name="plan_tender_add"),
    path("plan/tender/<int:tender_item_id>/", views_plan.plan_tender_edit, name="plan_tender_edit"),
    path("projects/<int:project_id>/plan/negotiation/add/", views_plan.plan_term_add, name="plan_term_add"),
    path("plan/negotiation/<int:term_id>/", views_plan.plan_term_edit, name="plan_term_edit"),
]
