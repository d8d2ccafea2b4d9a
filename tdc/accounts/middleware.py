"""Privileged roles (system administrators, complaint custodians) must pass a TOTP check."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tdc.accounts.permissions import requires_second_factor

EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/api/")


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and requires_second_factor(user)
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            allowed = {
                reverse("accounts:two_factor"),
                reverse("accounts:logout"),
            }
            if request.path not in allowed:
                return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
        return self.get_response(request)
