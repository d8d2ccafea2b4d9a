from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from tdc.accounts.permissions import has_role

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Log in first; then 403 unless the user holds one of `roles`.

    Deprecated: use `tdc.accounts.capabilities.capability_required`; this stays until the
    last app has switched.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
