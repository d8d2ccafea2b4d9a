"""What the plans API endpoints share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from ninja.errors import HttpError

T = TypeVar("T")


def _guard(action: Callable[[], T]) -> T:
    """Run a service; a refusal of rights becomes 403 (a broken rule is already a 422)."""
    try:
        return action()
    except PermissionDenied as error:
        raise HttpError(403, "Không có quyền thực hiện thao tác này.") from error
