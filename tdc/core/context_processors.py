from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tdc.core.registry import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = nav_for(user)
    for item in items:
        item["active"] = "1" if current.split(":")[0] == item["name"].split(":")[0] else ""
    return {"nav_items": items}
