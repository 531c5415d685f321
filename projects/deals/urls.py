from django.urls import path

from projects.deals import views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("teams/<int:team_id>/thresholds/", views.thresholds_edit, name="thresholds_edit"),
]
