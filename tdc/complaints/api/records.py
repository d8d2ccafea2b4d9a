"""The complaints API: the records, their status and assignment. No identity, by design."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.pagination import paginate
from pydantic import AfterValidator, Field, StringConstraints

from tdc.accounts.models import User
from tdc.complaints.access import get_complaint_for_change, get_complaint_for_user
from tdc.complaints.forms import MAX_DESCRIPTION, MAX_ID, MAX_NOTE, MAX_QUERY, TOO_LONG
from tdc.complaints.models import Complaint
from tdc.complaints.queries import (
    assignable_users,
    complaint_statistics,
    complaints_visible_to,
    filter_complaints,
)
from tdc.complaints.services import assign_complaint, change_complaint_status
from tdc.core.inline_enums import inline_enum
from tdc.core.text import clean_text

router = Router(tags=["complaints"])

# The same bounds and cleaning as the page forms: NFC, no control or invisible characters.
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE), AfterValidator(clean_text)]
LongText = Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION), AfterValidator(clean_text)]
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]


class ComplaintOut(Schema):
    id: int
    reference: str
    category: str
    track: str
    status: str
    is_anonymous: bool
    province_id: int
    commune_id: int | None
    business_name: str
    organisation_id: int | None
    assignee_id: int | None
    received_at: dt.datetime
    acknowledge_due: dt.date | None
    conclude_due: dt.date | None
    handled_at: dt.datetime | None
    handled_on_time: bool | None
    # No reporter fields, by design.

    @staticmethod
    def resolve_received_at(obj: Complaint) -> dt.datetime:
        return obj.created_at


class ComplaintDetailOut(ComplaintOut):
    address: str
    occurred_on: dt.date | None
    description: str
    rejection_reason: str
    outcome: str
    conclusion: str
    duplicate_of_id: int | None
    assign_due: dt.date | None
    extension_days: int


class StatusChangeIn(Schema):
    status: Annotated[Complaint.Status, inline_enum(Complaint.Status)]
    note: Note = ""
    reason: Note = ""
    outcome: Annotated[str, StringConstraints(max_length=30)] = ""
    conclusion: LongText = ""


class AssignIn(Schema):
    assignee_id: int = Field(ge=1, le=MAX_ID)


class RowOut(Schema):
    key: str
    label: str
    received: int
    handled: int
    on_time: int


class StatisticsOut(Schema):
    received: int
    handled: int
    handled_on_time: int
    handled_share: Decimal | None
    on_time_share: Decimal | None
    median_handling_days: Decimal | None
    by_category: list[RowOut]
    by_month: list[RowOut]


@router.get("/", response=list[ComplaintOut])
@paginate
def list_complaints(
    request: HttpRequest, q: str = "", status: str = "", category: str = "", overdue: bool = False
) -> QuerySet[Complaint]:
    if len(q) > MAX_QUERY:  # the page's search field has the same bound
        raise ValidationError(TOO_LONG % {"limit_value": MAX_QUERY, "show_value": len(q)})
    return filter_complaints(
        complaints_visible_to(request.user), q=q, status=status, category=category, overdue=overdue
    )


@router.get("/statistics", response=StatisticsOut)
def statistics(
    request: HttpRequest,
    province_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> object:
    return complaint_statistics(province_id=province_id, start=start, end=end)


@router.get("/{pk}", response=ComplaintDetailOut)
def get_complaint(request: HttpRequest, pk: RecordId) -> Complaint:
    return get_complaint_for_user(request.user, pk)


@router.post("/{pk}/status", response=ComplaintDetailOut)
def change_status(request: HttpRequest, pk: RecordId, payload: StatusChangeIn) -> Complaint:
    complaint = get_complaint_for_change(request.user, pk)
    user: User = request.user  # type: ignore[assignment]
    return change_complaint_status(
        complaint,
        to=payload.status,
        by=user,
        note=payload.note,
        reason=payload.reason,
        outcome=payload.outcome,
        conclusion=payload.conclusion,
    )


@router.post("/{pk}/assign", response=ComplaintDetailOut)
def assign(request: HttpRequest, pk: RecordId, payload: AssignIn) -> Complaint:
    complaint = get_complaint_for_change(request.user, pk)
    assignee = assignable_users(complaint).filter(pk=payload.assignee_id).first()
    if assignee is None:
        raise ValidationError("Chỉ giao cho cán bộ của cơ quan đang xử lý hồ sơ.")
    user: User = request.user  # type: ignore[assignment]
    return assign_complaint(complaint, to=assignee, by=user)
