from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tdc.core.registry import nav_menu_for, public_links


def navigation(request: HttpRequest) -> dict[str, Any]:
    """`nav_menu` (entries and drop-downs) and `nav_items` (every entry, flat) for the bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        links = public_links()
        for link in links:
            link["active"] = "1" if request.path.startswith(link["url"]) else ""
        return {"nav_items": [], "nav_menu": [], "public_links": links}
    menu = nav_menu_for(user)
    items = [item for entry in menu for item in (entry["items"] or [entry])]
    # The entry whose address is the longest prefix of this page's address is the current one.
    matches = [i for i in items if i["url"] != "/" and request.path.startswith(i["url"])]
    current = max(matches, key=lambda i: len(i["url"]))["url"] if matches else ""
    for item in items:
        item["active"] = "1" if item["url"] == current else ""
    for entry in menu:
        if entry["items"]:
            entry["active"] = "1" if any(i["active"] for i in entry["items"]) else ""
    return {"nav_items": items, "nav_menu": menu, "public_links": []}
