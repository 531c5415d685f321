from django.urls import include, path

urlpatterns = [
    path("", include("projects.deals.urls")),
    path("", include("projects.plans.urls")),
    path("", include("projects.visits.urls")),
    path("", include("projects.desks.urls")),
    path("", include("projects.notices.urls")),
    path("", include("projects.calendars.urls")),
]
