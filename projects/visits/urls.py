from django.urls import path

from projects.visits import start_views, task_views, views

urlpatterns = [
    path("projects/<int:project_id>/visits/new/", views.visit_new, name="visit_new"),
    path("visits/new/", start_views.visit_pick, name="visit_pick"),
    path("visits/<int:visit_id>/delete/", start_views.visit_delete, name="visit_delete"),
    path("visits/<int:visit_id>/restore/", start_views.visit_restore, name="visit_restore"),
    path("visits/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:visit_id>.pdf", views.visit_pdf, name="visit_pdf"),
    path("visits/<int:visit_id>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<int:visit_id>/autosave/", views.visit_autosave, name="visit_autosave"),
    path("visits/<int:visit_id>/submit/", views.visit_submit, name="visit_submit"),
    path("tasks/<int:task_id>/done/", task_views.task_toggle, name="task_toggle"),
    path("tasks/<int:task_id>/plan/", task_views.task_to_activity, name="task_plan"),
    path("teams/<int:team_id>/visit-templates/", views.visit_template_edit, name="visit_template_edit"),
]
