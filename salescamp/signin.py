"""Company sign-in (钉钉, 飞书, 企业微信, or the company's own OpenID Connect server) through django-allauth.

A person signs in through their company account only once an administrator has linked that account to a
user here (Django admin → Social accounts: the provider and the external id). Nobody is matched by name or
email, which anyone could choose; nobody gets an account by signing in. Local passwords stay, for support."""

import functools

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.urls import build_provider_urlpatterns
from django.http import Http404
from django.shortcuts import render
from django.urls import URLPattern, URLResolver

NOT_LINKED = "registration/not_linked.html"


class NoSignup(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class LinkedAccountsOnly(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.is_existing and sociallogin.user.is_active:
            return
        account = sociallogin.account
        context = {"provider": account.get_provider(request).name, "uid": account.uid}
        raise ImmediateHttpResponse(render(request, NOT_LINKED, context, status=403))


def provider_urlpatterns() -> list:
    """Each installed provider's login and callback URLs. A provider nobody configured answers 404, as any
    unknown page does (allauth's own views would fail with a server error)."""
    return _guarded(build_provider_urlpatterns())


def _guarded(entries: list) -> list:
    # Providers nest one include deep; recursion is bounded by that.
    return [
        URLResolver(
            entry.pattern, _guarded(entry.url_patterns), entry.default_kwargs, entry.app_name, entry.namespace
        )
        if isinstance(entry, URLResolver)
        else URLPattern(
            entry.pattern, _not_found_unless_configured(entry.callback), entry.default_args, entry.name
        )
        for entry in entries
    ]


def _not_found_unless_configured(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist:
            raise Http404("this sign-in is not configured") from None

    return wrapped
