"""What every page's header and footer say about whose site this is."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tdc.accounts.queries import site_owner


def site(request: HttpRequest) -> dict[str, Any]:
    """`site_owner`: the Department, its province, address and hotline (read when used)."""
    return {"site_owner": SimpleLazyObject(site_owner)}
