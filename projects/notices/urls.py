from django.urls import path

from projects.notices import views

urlpatterns = [
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/count/", views.notice_count, name="notice_count"),
    path("notices/read/", views.notices_read, name="notices_read"),
    path("notices/settings/", views.notice_settings, name="notice_settings"),
    path("notices/<int:notice_id>/open/", views.notice_open, name="notice_open"),
    path("teams/<int:team_id>/robots/", views.team_robots, name="team_robots"),
]
