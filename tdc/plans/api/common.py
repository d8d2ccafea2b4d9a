"""What the plans API endpoints share: who is calling, and refusals as 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.errors import HttpError

from tdc.accounts.models import User

T = TypeVar("T")


def caller(request: HttpRequest) -> User:
    """The user the token authenticated (`tdc.api.TokenAuth` sets `request.user`)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise HttpError(401, "Cần đăng nhập.")
    return user


def guard(action: Callable[[], T]) -> T:
    """Run a service; a refusal of rights becomes 403 (a broken rule is already a 422)."""
    try:
        return action()
    except PermissionDenied as error:
        raise HttpError(403, "Không có quyền thực hiện thao tác này.") from error
