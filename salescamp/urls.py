from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("", views.desk, name="desk"),
    path("team/", views.team_desk, name="team_desk"),
    path("team/export.xlsx", views.team_desk_export, {"fmt": "xlsx"}, name="team_desk_xlsx"),
    path("team/export.csv", views.team_desk_export, {"fmt": "csv"}, name="team_desk_csv"),
    path("team/report.pdf", views.team_desk_pdf, name="team_desk_pdf"),
    path("ping/", views.ping, name="ping"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("accounts.urls")),
    path("", include("projects.urls")),
    path("", include("projects.visits.urls")),
    path("admin/", admin.site.urls),
]
