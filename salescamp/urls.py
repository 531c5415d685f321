from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.i18n import set_language

from salescamp import signin


@login_not_required
def ping(request: HttpRequest) -> HttpResponse:
    """A bare view: the benchmark's yardstick and a health check for load balancers."""
    return HttpResponse("pong", content_type="text/plain")


urlpatterns = [
    path("ping/", ping, name="ping"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Company sign-in (salescamp.signin): each configured provider's login and callback, and where a
    # failed or cancelled sign-in lands. allauth's own local accounts and signup are not mounted.
    path("auth/", include(signin.provider_urlpatterns())),
    path(
        "auth/cancelled/",
        login_not_required(TemplateView.as_view(template_name="socialaccount/login_cancelled.html")),
        name="socialaccount_login_cancelled",
    ),
    path(
        "auth/error/",
        login_not_required(TemplateView.as_view(template_name="socialaccount/authentication_error.html")),
        name="socialaccount_login_error",
    ),
    path("", include("accounts.urls")),
    path("", include("projects.urls")),
    path("admin/", admin.site.urls),
]
