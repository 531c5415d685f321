from django.urls import path

from projects.visits import views

urlpatterns = [
    path("projects/<int:project_id>/visits/new/", views.visit_new, name="visit_new"),
    path("visits/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:visit_id>.pdf", views.visit_pdf, name="visit_pdf"),
    path("visits/<int:visit_id>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<int:visit_id>/autosave/", views.visit_autosave, name="visit_autosave"),
    path("visits/<int:visit_id>/submit/", views.visit_submit, name="visit_submit"),
    path("teams/<int:team_id>/visit-templates/", views.visit_template_edit, name="visit_template_edit"),
]
