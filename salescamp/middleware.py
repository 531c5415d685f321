from django.conf import settings


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
