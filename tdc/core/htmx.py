"""Two helpers that let one view serve a full page and its htmx partial."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url


def partial_if_htmx(request: HttpRequest, template: str, partial: str) -> str:
    """`template#partial` for an htmx request, the whole template otherwise."""
    if request.headers.get("HX-Request") == "true":
        return f"{template}#{partial}"
    return template


def redirect_htmx_aware(request: HttpRequest, to: Any, *args: Any) -> HttpResponse:
    """An htmx request gets HX-Redirect (so htmx navigates); a plain request gets a 302."""
    url = resolve_url(to, *args)
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
