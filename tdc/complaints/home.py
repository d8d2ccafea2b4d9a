"""The home-page panel: open, new and overdue complaints; pending disclosure requests."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tdc.accounts.models import Role
from tdc.accounts.permissions import has_role
from tdc.complaints.models import IdentityDisclosureRequest
from tdc.complaints.queries import VIEWING_ROLES, disclosure_requests_for_custodian, open_counts_for


def home_panel_context(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    context: dict[str, Any] = {}
    if has_role(user, *VIEWING_ROLES):
        context["counts"] = open_counts_for(user, today=timezone.localdate())
    if has_role(user, Role.COMPLAINT_CUSTODIAN):
        context["pending_disclosures"] = (
            disclosure_requests_for_custodian(user)
            .filter(status=IdentityDisclosureRequest.Status.PENDING)
            .count()
        )
    return context or None
