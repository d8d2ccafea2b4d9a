"""Login, logout and failed-login events go to the audit log (auth signals are the only hook)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from tdc.core.audit import record
from tdc.core.clients import client_address


def _ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return client_address(request)


@receiver(user_logged_in)
def _logged_in(
    sender: Any, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    record(actor=user, action="auth.login", ip_address=_ip(request))


@receiver(user_logged_out)
def _logged_out(
    sender: Any, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is not None:
        record(actor=user, action="auth.logout", ip_address=_ip(request))


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    record(
        actor=None,
        action="auth.login_failed",
        data={"username": username},
        ip_address=_ip(request),
    )
