from django.urls import path

from projects.desks import views

urlpatterns = [
    path("", views.desk, name="desk"),
    path("team/", views.team_desk, name="team_desk"),
    path("team/export.xlsx", views.team_desk_export, {"fmt": "xlsx"}, name="team_desk_xlsx"),
    path("team/export.csv", views.team_desk_export, {"fmt": "csv"}, name="team_desk_csv"),
    path("team/report.pdf", views.team_desk_pdf, name="team_desk_pdf"),
]
