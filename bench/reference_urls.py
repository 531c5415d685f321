"""The application's URLs plus the reference page: what an ordinary Django page costs on the same machine
(bench/settings.py selects this module for the benchmark's server and measure.py)."""

from django.urls import include, path
from django.views.generic import ListView

from accounts.models import Contact

REFERENCE_PATH = "/bench/reference/"


class ReferenceContacts(ListView):
    """A plain ListView: 200 contacts, paginated as Django's docs show it, in a minimal template. It goes
    through the same middleware as every page (session, sign-in, CSRF, CSP, locale)."""

    queryset = Contact.objects.order_by("pk")
    paginate_by = 200
    template_name = "bench/reference.html"


urlpatterns = [
    path(REFERENCE_PATH.strip("/") + "/", ReferenceContacts.as_view(), name="bench_reference"),
    path("", include("salescamp.urls")),
]
