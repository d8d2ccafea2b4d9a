"""Files already stored: PDFs kept before they were parsed are checked and cleaned again."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction

from tdc.complaints.attachments import AttachmentRejected, clean_pdf
from tdc.complaints.models import Attachment
from tdc.core.audit import record

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecleanRun:
    checked: int
    rewritten: int
    refused: int


def reclean_stored_pdfs() -> RecleanRun:
    """Run every stored PDF through today's check (`attachments.clean_pdf`).

    A PDF that passes is rewritten without its metadata when that changes it; one with active
    content, or that cannot be parsed, loses its file and stays as a failed row with the reason,
    as if it had been refused on arrival. Each change is audited. Safe to run again: a PDF
    already clean is left as it is.
    """
    checked = rewritten = refused = 0
    pdfs = Attachment.objects.filter(kind=Attachment.Kind.PDF, status=Attachment.Status.STORED)
    for pk in list(pdfs.order_by("pk").values_list("pk", flat=True)):
        checked += 1
        with transaction.atomic():
            attachment = (
                Attachment.objects.select_for_update()
                .select_related("complaint")
                .filter(pk=pk, status=Attachment.Status.STORED)
                .first()
            )
            if attachment is None:
                continue
            old_name = attachment.file.name or ""
            with attachment.file.open("rb") as handle:
                data = handle.read()
            try:
                clean = clean_pdf(data)
            except AttachmentRejected as rejected:
                attachment.status = Attachment.Status.FAILED
                attachment.failure_reason = rejected.reason[:300]
                attachment.file = ""
                attachment.size = 0
                attachment.save(update_fields=["status", "failure_reason", "file", "size"])
                result, refused = "refused", refused + 1
            else:
                if clean.sha256 == hashlib.sha256(data).hexdigest():
                    continue
                attachment.file.save("upload.pdf", ContentFile(clean.content), save=False)
                attachment.size = len(clean.content)
                attachment.sha256 = clean.sha256
                attachment.save(update_fields=["file", "size", "sha256"])
                result, rewritten = "rewritten", rewritten + 1
            record(
                actor=None,
                action="complaint.attachment_recleaned",
                target=attachment.complaint,
                data={"attachment": attachment.pk, "result": result},
            )
            if old_name:
                transaction.on_commit(partial(attachment.file.storage.delete, old_name))
        logger.info("complaint %s: stored PDF %s %s", attachment.complaint.reference, pk, result)
    return RecleanRun(checked=checked, rewritten=rewritten, refused=refused)
