"""Writes for an agency's quality management system (TCVN ISO 9001:2015) and its digital
transformation."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tdc.accounts.models import Organisation, User
from tdc.capacity.models import AgencyQuality
from tdc.core.audit import edit_with_audit, record

QUALITY_FIELDS = (
    "iso_status",
    "applied_on",
    "last_audit_on",
    "audit_findings",
    "nonconformities",
    "digital_status",
)


@transaction.atomic
def save_agency_quality(
    organisation: Organisation, *, by: User | None, values: dict[str, Any]
) -> AgencyQuality:
    """Create or update the agency's record; the audit log keeps old and new values."""
    quality, created = AgencyQuality.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    if created:
        record(actor=by, action="agency_quality.created", target=quality)
    quality.updated_by = by
    edit_with_audit(
        quality,
        by=by,
        fields=(*QUALITY_FIELDS, "updated_by"),
        values={**values, "updated_by": by},
        action="agency_quality.updated",
    )
    return quality
