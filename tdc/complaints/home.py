"""The home-page panel: open, new and overdue complaints; pending disclosure requests."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tdc.accounts.capabilities import Capability, can
from tdc.complaints.models import IdentityDisclosureRequest
from tdc.complaints.queries import disclosure_requests_for_custodian, open_counts_for


def home_panel_context(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    context: dict[str, Any] = {}
    if can(user, Capability.VIEW_COMPLAINTS):
        context["counts"] = open_counts_for(user, today=timezone.localdate())
    if can(user, Capability.DECIDE_IDENTITY_DISCLOSURE):
        context["pending_disclosures"] = (
            disclosure_requests_for_custodian(user)
            .filter(status=IdentityDisclosureRequest.Status.PENDING)
            .count()
        )
    return context or None
