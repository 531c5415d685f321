import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.http import HttpResponseNotAllowed
from django.utils.cache import patch_cache_control

RENEWED_KEY = "salescamp.renewed"
RENEW_AFTER = 5 * 60


def chinese_first(get_response):
    """The app speaks Chinese unless the user picked another language (the language cookie).

    A browser's Accept-Language says more about how a laptop was bought than what a Chinese sales
    team reads, so it is ignored; LocaleMiddleware then falls back to LANGUAGE_CODE.
    """

    def middleware(request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware


# Features no page of ours uses: a script injected despite the CSP still cannot reach them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"


def private_pages(get_response):
    """Every page, export and PDF we answer holds someone's deals: no shared or browser cache keeps one
    (a shared office PC's back button, a proxy), and the page may use no powerful browser feature."""

    def middleware(request):
        response = get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def stamp_sign_in(sender, request, user, **kwargs):
    """A sign-in is a renewal: the first pages after it need not write the session again."""
    request.session[RENEWED_KEY] = int(time.time())


def idle_sign_out(get_response):
    """A session lasts SESSION_COOKIE_AGE from the last activity, not from sign-in: it is renewed on use,
    at most every RENEW_AFTER seconds so an ordinary page view does not write to the database."""

    def middleware(request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_USER_KEY in session:
            now = int(time.time())
            if now - session.get(RENEWED_KEY, 0) >= RENEW_AFTER:
                session[RENEWED_KEY] = now  # a modified session is saved with a fresh expiry
        return get_response(request)

    return middleware


PLAIN_METHODS = ("GET", "HEAD", "POST")


def plain_methods(get_response):
    """The app is forms and links: GET, HEAD and POST. Any other method (PUT, DELETE, OPTIONS, TRACE…) is
    405 before a view sees it, so no view draws or does anything for one by falling through its `if POST`."""

    def middleware(request):
        if request.method not in PLAIN_METHODS:
            response = HttpResponseNotAllowed(PLAIN_METHODS)
            patch_cache_control(response, private=True, no_store=True)
            return response
        return get_response(request)

    return middleware
