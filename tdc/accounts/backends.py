"""An authentication backend that refuses a user name under attack, before any password check.

Listed after axes' backend in AUTHENTICATION_BACKENDS, so that every sign-in (the login page,
the admin site) passes it; `tdc.accounts.throttle` says why.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tdc.accounts import throttle


class UsernameThrottleBackend:
    """Only `authenticate`: without `get_user` it never holds a session (Django's test client
    and `login()` pick the first backend that has one)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if username and throttle.username_is_locked(username):
            if request is not None:
                # axes' middleware answers with the lockout page (429) for this request.
                request.axes_locked_out = True  # type: ignore[attr-defined]
                request.tdc_username_locked = True  # type: ignore[attr-defined]
            # Stops every backend after this one: not even the right password gets in.
            raise PermissionDenied
        return None  # noqa: RET501  (no user from this backend: the next one checks the password)
