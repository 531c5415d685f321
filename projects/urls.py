from django.urls import path

from . import views

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
]
