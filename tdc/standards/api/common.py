"""What the standards API routes share: who is calling, with which capability."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import User

# A file answered by a download route, as the OpenAPI document declares it.
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def caller(request: HttpRequest, capability: Capability | None = None) -> User:
    """The token's user (`tdc.api.TokenAuth` sets it), who must hold `capability` (403)."""
    user = request.user
    if not isinstance(user, User) or (capability is not None and not can(user, capability)):
        raise PermissionDenied(_("Không có quyền thực hiện thao tác này."))
    return user
