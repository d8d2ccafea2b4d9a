from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tdc.core.registry import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = nav_for(user)
    # The entry whose address is the longest prefix of this page's address is the current one.
    matches = [i for i in items if i["url"] != "/" and request.path.startswith(i["url"])]
    current = max(matches, key=lambda i: len(i["url"]))["url"] if matches else ""
    for item in items:
        item["active"] = "1" if item["url"] == current else ""
    return {"nav_items": items}
