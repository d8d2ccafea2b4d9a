"""OAuth 2.0 client credentials (django-oauth-toolkit): the scopes are the API's modules.

Every router of `/api/v1/` is a module; a client may hold `<module>:read` (GET) and
`<module>:write` (every other method). A module added later gets its two scopes without
anything written here. A client is offered only the scopes the administrator granted it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import gettext as _
from oauth2_provider.scopes import BaseScopes

READ, WRITE = "read", "write"


def api_modules() -> list[str]:
    from tdc.api import api  # the API imports this app's queries: import it when asked

    return sorted({prefix.strip("/") for prefix, _router in api._routers if prefix.strip("/")})


def all_scopes() -> dict[str, str]:
    scopes: dict[str, str] = {}
    for module in api_modules():
        scopes[f"{module}:{READ}"] = _("Đọc dữ liệu %(module)s") % {"module": module}
        scopes[f"{module}:{WRITE}"] = _("Ghi dữ liệu %(module)s") % {"module": module}
    return scopes


def scope_for(path: str, method: str) -> str | None:
    """The scope a call needs: `/api/v1/plans/…` GET → `plans:read`; None outside a module."""
    rest = path.split("/api/v1/", 1)[-1]
    module = rest.split("/", 1)[0]
    if module not in api_modules():
        return None
    return f"{module}:{READ if method in ('GET', 'HEAD', 'OPTIONS') else WRITE}"


def token_checksum(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ModuleScopes(BaseScopes):
    def get_all_scopes(self) -> dict[str, str]:
        return all_scopes()

    def get_available_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        client = getattr(application, "tdc_client", None) if application is not None else None
        if client is None or not client.is_active:
            return []
        known = all_scopes()
        return [scope for scope in client.scopes if scope in known]

    def get_default_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        return self.get_available_scopes(application, request)
