"""A complaint's conversation, files and transfers through the API: staff side only.

Messages are the staff timeline (questions, the citizen's replies, internal notes, public
updates) with the staff author's id only; attachments are described by kind, type and size
(never a file name: a citizen's may say who they are) and downloaded as the page serves them;
a transfer carries the authority and the reason, and the copy sent has no identity."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import FileResponse, Http404, HttpRequest
from ninja import Path, Router, Schema
from ninja.responses import Status
from pydantic import AfterValidator, Field, StringConstraints

from tdc.accounts.models import User
from tdc.complaints.access import get_complaint_for_change, get_complaint_for_user
from tdc.complaints.forms import MAX_DESCRIPTION, MAX_ID, MAX_NOTE
from tdc.complaints.models import Attachment, Message, Transfer
from tdc.complaints.queries import routable_organisations, staff_timeline
from tdc.complaints.services import post_message, transfer_complaint
from tdc.core.downloads import file_responses
from tdc.core.text import clean_text

router = Router(tags=["complaints"])

RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE), AfterValidator(clean_text)]
LongText = Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION), AfterValidator(clean_text)]


class ComplaintMessageOut(Schema):
    id: int
    kind: str
    body: str
    author_id: int | None  # a staff member; null for the citizen (no identity)
    in_reply_to_id: int | None
    status: str
    created_at: dt.datetime
    attachment_ids: list[int]

    @staticmethod
    def resolve_attachment_ids(obj: Message) -> list[int]:
        return [a.pk for a in obj.attachments.all()]


class ComplaintMessageIn(Schema):
    kind: Annotated[str, Field(description="question (to the citizen) or note (internal)")]
    body: LongText


class ComplaintAttachmentOut(Schema):
    id: int
    kind: str
    status: str
    content_type: str
    size: int
    failure_reason: str
    message_id: int | None
    created_at: dt.datetime


class ComplaintTransferOut(Schema):
    id: int
    authority_id: int | None
    authority_name: str
    authority_email: str
    reason: str
    created_at: dt.datetime
    sent_at: dt.datetime | None


class ComplaintTransferIn(Schema):
    """To an organisation of the province (`authority_id`) or another body by name."""

    authority_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    authority_name: Annotated[str, StringConstraints(max_length=300)] = ""
    authority_email: Annotated[str, StringConstraints(max_length=254)] = ""
    reason: Note


@router.get("/{pk}/messages", response=list[ComplaintMessageOut])
def list_complaint_messages(request: HttpRequest, pk: RecordId) -> list[Message]:
    return list(staff_timeline(get_complaint_for_user(request.user, pk)))


@router.post("/{pk}/messages", response={201: ComplaintMessageOut})
def post_complaint_message(
    request: HttpRequest, pk: RecordId, payload: ComplaintMessageIn
) -> Status[Message]:
    """A question to the citizen (sent to them if they left a way to reach them) or a note."""
    complaint = get_complaint_for_change(request.user, pk)
    user: User = request.user  # type: ignore[assignment]
    return Status(201, post_message(complaint, kind=payload.kind, body=payload.body, by=user))


@router.get("/{pk}/attachments", response=list[ComplaintAttachmentOut])
def list_complaint_attachments(request: HttpRequest, pk: RecordId) -> list[Attachment]:
    return list(get_complaint_for_user(request.user, pk).attachments.order_by("created_at", "pk"))


@router.get(
    "/{pk}/attachments/{attachment_pk}",
    openapi_extra=file_responses(
        "The stored file (images re-encoded without metadata).", "application/octet-stream"
    ),
)
def download_complaint_attachment(
    request: HttpRequest, pk: RecordId, attachment_pk: RecordId
) -> FileResponse:
    complaint = get_complaint_for_user(request.user, pk)
    attachment = Attachment.objects.filter(
        pk=attachment_pk, complaint=complaint, status=Attachment.Status.STORED
    ).first()
    if attachment is None:
        raise Http404
    extension = (attachment.file.name or "bin").rsplit(".", 1)[-1]
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{complaint.reference}-{attachment.pk}.{extension}",
        content_type="application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/{pk}/transfers", response=list[ComplaintTransferOut])
def list_complaint_transfers(request: HttpRequest, pk: RecordId) -> list[Transfer]:
    return list(get_complaint_for_user(request.user, pk).transfers.order_by("created_at", "pk"))


@router.post("/{pk}/transfer", response={201: ComplaintTransferOut})
def transfer_to_authority(
    request: HttpRequest, pk: RecordId, payload: ComplaintTransferIn
) -> Status[Transfer]:
    """Conclude by handing the complaint to the competent authority (a copy without identity)."""
    complaint = get_complaint_for_change(request.user, pk)
    user: User = request.user  # type: ignore[assignment]
    authority = None
    if payload.authority_id is not None:
        authority = (
            routable_organisations(complaint.province_id).filter(pk=payload.authority_id).first()
        )
        if authority is None:
            raise ValidationError("Cơ quan nhận không thuộc tỉnh.")
    if payload.authority_email:
        validate_email(payload.authority_email)
    transfer = transfer_complaint(
        complaint,
        authority=authority,
        authority_name=clean_text(payload.authority_name),
        authority_email=payload.authority_email,
        reason=payload.reason,
        by=user,
    )
    return Status(201, transfer)
