"""What every capacity write shares: clean, save and log in one step."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from tdc.accounts.models import User
from tdc.core.audit import record

M = TypeVar("M", bound=models.Model)


def save_new(obj: M, *, by: User | None, action: str, data: dict[str, Any] | None = None) -> M:
    """`full_clean()`, save and an audit record; call inside the service's transaction."""
    obj.full_clean()
    obj.save()
    record(actor=by, action=action, target=obj, data=data or {})
    return obj
