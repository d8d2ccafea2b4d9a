"""Writes for an agency's quality management system (TCVN ISO 9001:2015) and its digital
transformation."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tdc.accounts.models import Organisation, User
from tdc.capacity.models import AgencyQuality, QualityAudit
from tdc.core.audit import edit_with_audit, record
from tdc.core.text import clean_text

QUALITY_FIELDS = ("iso_status", "applied_on", "digital_status")
AUDIT_FIELDS = ("kind", "held_on", "auditor", "findings", "nonconformities")


@transaction.atomic
def save_agency_quality(
    organisation: Organisation, *, by: User | None, values: dict[str, Any]
) -> AgencyQuality:
    """Create or update the agency's record; the audit log keeps old and new values."""
    quality = _quality_of(organisation, by=by)
    quality.updated_by = by
    edit_with_audit(
        quality,
        by=by,
        fields=(*QUALITY_FIELDS, "updated_by"),
        values={**values, "updated_by": by},
        action="agency_quality.updated",
    )
    return quality


def _quality_of(organisation: Organisation, *, by: User | None) -> AgencyQuality:
    quality, created = AgencyQuality.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    if created:
        record(actor=by, action="agency_quality.created", target=quality)
    return quality


@transaction.atomic
def record_quality_audit(
    organisation: Organisation, *, by: User | None, values: dict[str, Any]
) -> QualityAudit:
    """Add one audit (internal or external) to the agency's history; earlier ones are kept."""
    quality = _quality_of(organisation, by=by)
    audit = QualityAudit(
        quality=quality,
        recorded_by=by,
        **{name: values[name] for name in AUDIT_FIELDS if name in values},
    )
    audit.findings = clean_text(audit.findings)
    audit.auditor = clean_text(audit.auditor, keep_newlines=False).strip()
    audit.full_clean()
    audit.save()
    record(
        actor=by,
        action="agency_quality.audit_recorded",
        target=quality,
        data={
            "kind": audit.kind,
            "held_on": audit.held_on.isoformat(),
            "nonconformities": audit.nonconformities,
        },
    )
    return audit
