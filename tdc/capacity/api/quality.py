"""ISO 9001 in state agencies (and their digital transformation) over JSON: each agency's
record with its latest internal audit, its history of audits, and writing both — the agency
itself or DoST of its province, through the page's door."""

import datetime as dt
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from tdc.capacity import access, queries, services
from tdc.capacity.api.common import MAX_ID, door, reader, recorder, since, validated
from tdc.capacity.forms import QualityAuditForm, QualityForm
from tdc.capacity.models import AgencyQuality, QualityAudit
from tdc.core.inline_enums import inline_enum

router = Router(tags=["capacity"])

OrganisationId = Annotated[int, Path(ge=1, le=MAX_ID)]


class CapacityQualityOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    iso_status: str
    applied_on: dt.date | None
    digital_status: str
    last_audit_on: dt.date | None = None
    last_findings: str | None = None
    last_nonconformities: int | None = None
    audit_count: int = 0
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: AgencyQuality) -> str:
        return obj.organisation.name


class CapacityQualityAuditOut(Schema):
    id: int
    kind: str
    held_on: dt.date
    auditor: str
    findings: str
    nonconformities: int
    recorded_at: dt.datetime


class CapacityQualityDetailOut(CapacityQualityOut):
    audits: list[CapacityQualityAuditOut]

    @staticmethod
    def resolve_audits(obj: AgencyQuality) -> list[QualityAudit]:
        return list(obj.audits.order_by("-held_on", "-id"))


class CapacityQualityIn(Schema):
    iso_status: AgencyQuality.IsoStatus
    applied_on: dt.date | None = None
    digital_status: AgencyQuality.DigitalStatus


class CapacityQualityAuditIn(Schema):
    kind: Annotated[QualityAudit.Kind, inline_enum(QualityAudit.Kind)] = QualityAudit.Kind.INTERNAL
    held_on: dt.date
    auditor: str = Field(default="", max_length=300)
    findings: str = Field(default="", max_length=20_000)
    nonconformities: int = Field(default=0, ge=0, le=100_000)


def _detail(user: object, organisation_pk: int) -> AgencyQuality:
    return queries.with_last_internal_audit(access.qualities_visible_to(user)).get(  # type: ignore[arg-type]
        organisation_id=organisation_pk
    )


@router.get("/quality", response=list[CapacityQualityOut])
@paginate
def list_qualities(
    request: HttpRequest,
    iso_status: AgencyQuality.IsoStatus | None = None,
    updated_after: dt.datetime | None = None,
) -> QuerySet[AgencyQuality]:
    """Each agency's record, by agency name, with its latest internal audit."""
    qualities = since(access.qualities_visible_to(reader(request)), request, updated_after)
    if iso_status:
        qualities = qualities.filter(iso_status=iso_status)
    return queries.with_last_internal_audit(qualities).order_by("organisation__name", "pk")


@router.get("/quality/{organisation_pk}", response=CapacityQualityDetailOut)
def get_quality(request: HttpRequest, organisation_pk: OrganisationId) -> AgencyQuality:
    user = reader(request)
    access.get_quality_for_user(user, organisation_pk)
    return _detail(user, organisation_pk)


@router.put("/quality/{organisation_pk}", response=CapacityQualityDetailOut)
def save_quality(
    request: HttpRequest, organisation_pk: OrganisationId, payload: CapacityQualityIn
) -> AgencyQuality:
    """Create or update the agency's ISO 9001 and digital-transformation status."""
    user = recorder(request)
    with door():
        organisation = access.agency_to_record_quality(user, organisation_pk)
    current = AgencyQuality.objects.filter(organisation=organisation).first()
    form = validated(QualityForm, payload.model_dump(), instance=current)
    services.save_agency_quality(organisation, by=user, values=form.cleaned_data)
    return _detail(user, organisation.pk)


@router.post("/quality/{organisation_pk}/audits", response={201: CapacityQualityAuditOut})
def add_quality_audit(
    request: HttpRequest, organisation_pk: OrganisationId, payload: CapacityQualityAuditIn
) -> Status[QualityAudit]:
    """One audit added to the agency's history; the earlier ones are kept."""
    user = recorder(request)
    with door():
        organisation = access.agency_to_record_quality(user, organisation_pk)
    form = validated(QualityAuditForm, payload.model_dump())
    audit = services.record_quality_audit(organisation, by=user, values=form.cleaned_data)
    return Status(201, audit)
