"""Writes of the conformity app: a business files a declaration with its documents; the
officer accepts it (receipt notice), asks for more or refuses it, with reasons; warnings.

Deadlines count working days (`tdc.core.workdays`): the DoST answers within 5 working days of a
complete dossier (Circular 28/2012/TT-BKHCN, as amended). Every step is audited and published as
a domain event with public facts only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.conformity.models import (
    Declaration,
    DeclarationDocument,
    DeclarationWarning,
    ReceiptCounter,
)
from tdc.core.audit import record
from tdc.core.events import publish
from tdc.core.text import clean_text, fold
from tdc.core.uploads import MB, UploadLimits, check_upload
from tdc.core.workdays import add_working_days
from tdc.standards.models import Standard

PROCESSING_WORKING_DAYS = 5
SELF_ASSESSMENT_YEARS = 3
MAX_DOCUMENTS = 12
DOCUMENT_LIMITS = UploadLimits(max_bytes=10 * MB)
# What a dossier file may be: PDF or an image, told by its first bytes, never by its name.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
REGULATION_KINDS = {Standard.Kind.QCVN, Standard.Kind.QCDP}


def normalise_gtin(text: str) -> str:
    """A GTIN-8/12/13/14 as 14 digits, check digit verified; "" stays ""."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return ""
    if len(digits) not in (8, 12, 13, 14):
        raise ValidationError(_("Mã GTIN phải có 8, 12, 13 hoặc 14 chữ số."))
    padded = digits.zfill(14)
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(padded[:13]))
    if (10 - total % 10) % 10 != int(padded[13]):
        raise ValidationError(_("Mã GTIN %(gtin)s sai số kiểm tra.") % {"gtin": digits})
    return padded


def _search_key(declaration: Declaration) -> str:
    parts = [
        declaration.product_name,
        declaration.organisation.name,
        declaration.receipt_number or "",
        declaration.gtin,
        declaration.standard.number,
    ]
    return fold(" | ".join(parts))


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    standard = values["standard"]
    if standard.status != Standard.Status.IN_FORCE:
        raise ValidationError(
            _("%(number)s không còn hiệu lực: hãy chọn tiêu chuẩn, quy chuẩn đang có hiệu lực.")
            % {"number": standard.number}
        )
    return {
        "product_name": clean_text(values["product_name"], keep_newlines=False).strip(),
        "product_description": clean_text(values.get("product_description", "")).strip(),
        "gtin": normalise_gtin(values.get("gtin", "")),
        "standard": standard,
        "kind": Declaration.Kind.REGULATION
        if standard.kind in REGULATION_KINDS
        else Declaration.Kind.STANDARD,
        "basis": values["basis"],
        "certifying_body": clean_text(
            values.get("certifying_body", ""), keep_newlines=False
        ).strip(),
        "certificate_number": clean_text(
            values.get("certificate_number", ""), keep_newlines=False
        ).strip(),
        "certificate_expires_on": values.get("certificate_expires_on"),
    }


@transaction.atomic
def create_declaration(
    organisation: Organisation, *, values: dict[str, Any], by: User
) -> Declaration:
    """A draft: visible to the business only, until it is submitted."""
    declaration = Declaration(organisation=organisation, created_by=by, **_clean_values(values))
    declaration.search_key = _search_key(declaration)
    declaration.full_clean()
    declaration.save()
    record(actor=by, action="conformity.declaration_created", target=declaration)
    return declaration


@transaction.atomic
def update_declaration(
    declaration: Declaration, *, values: dict[str, Any], by: User
) -> Declaration:
    if declaration.status not in (Declaration.Status.DRAFT, Declaration.Status.MORE_INFO):
        raise ValidationError(_("Chỉ sửa được hồ sơ nháp hoặc hồ sơ đang được yêu cầu bổ sung."))
    for key, value in _clean_values(values).items():
        setattr(declaration, key, value)
    declaration.search_key = _search_key(declaration)
    declaration.full_clean()
    declaration.save()
    record(actor=by, action="conformity.declaration_updated", target=declaration)
    return declaration


def check_document(data: bytes) -> str:
    """The file's content type if it is a PDF or an image (JPEG, PNG) within the size limit."""
    check_upload(data, DOCUMENT_LIMITS)
    for signature, content_type in SIGNATURES.items():
        if data.startswith(signature):
            return content_type
    raise ValidationError(_("Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG)."), code="file_type")


@transaction.atomic
def add_document(
    declaration: Declaration, *, kind: str, data: bytes, filename: str, by: User
) -> DeclarationDocument:
    if declaration.status not in (Declaration.Status.DRAFT, Declaration.Status.MORE_INFO):
        raise ValidationError(_("Hồ sơ đã nộp: không thêm tài liệu được nữa."))
    if declaration.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(_("Mỗi hồ sơ có tối đa %(n)s tài liệu.") % {"n": MAX_DOCUMENTS})
    content_type = check_document(data)
    name = clean_text(filename, keep_newlines=False).strip()[:200] or "tai-lieu"
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[content_type]
    document = DeclarationDocument(
        declaration=declaration,
        kind=kind,
        original_name=name,
        content_type=content_type,
        size=len(data),
    )
    document.file.save(f"ho-so-{declaration.pk}.{extension}", ContentFile(data), save=False)
    document.full_clean()
    document.save()
    record(
        actor=by,
        action="conformity.document_added",
        target=declaration,
        data={"kind": kind, "size": len(data)},
    )
    return document


@transaction.atomic
def remove_document(document: DeclarationDocument, *, by: User) -> None:
    declaration = document.declaration
    if declaration.status not in (Declaration.Status.DRAFT, Declaration.Status.MORE_INFO):
        raise ValidationError(_("Hồ sơ đã nộp: không bỏ tài liệu được nữa."))
    document.file.delete(save=False)
    document.delete()
    record(actor=by, action="conformity.document_removed", target=declaration)


def _missing(declaration: Declaration) -> list[str]:
    kinds = set(declaration.documents.values_list("kind", flat=True))
    missing = []
    if declaration.basis == Declaration.Basis.CERTIFICATE:
        if not declaration.certifying_body or not declaration.certificate_number:
            missing.append(_("tên tổ chức chứng nhận và số giấy chứng nhận"))
        if DeclarationDocument.Kind.CERTIFICATE not in kinds:
            missing.append(_("bản sao giấy chứng nhận"))
    else:
        if DeclarationDocument.Kind.TEST_REPORT not in kinds:
            missing.append(_("phiếu kết quả thử nghiệm"))
        if DeclarationDocument.Kind.SELF_ASSESSMENT not in kinds:
            missing.append(_("báo cáo tự đánh giá"))
    if DeclarationDocument.Kind.LABEL not in kinds:
        missing.append(_("mẫu nhãn hàng hóa"))
    return missing


def _payload(declaration: Declaration) -> dict[str, Any]:
    return {
        "declaration_id": declaration.pk,
        "status": declaration.status,
        "standard": declaration.standard.number,
        "gtin": declaration.gtin or None,
        "receipt_number": declaration.receipt_number,
        "organisation_id": declaration.organisation_id,
    }


@transaction.atomic
def submit_declaration(declaration: Declaration, *, by: User) -> Declaration:
    """File the dossier: it must be complete; the deadline starts the next working day."""
    if declaration.status not in (Declaration.Status.DRAFT, Declaration.Status.MORE_INFO):
        raise ValidationError(_("Hồ sơ này đã được nộp."))
    missing = _missing(declaration)
    if missing:
        raise ValidationError(_("Hồ sơ còn thiếu: %(items)s.") % {"items": "; ".join(missing)})
    today = timezone.localdate()
    declaration.status = Declaration.Status.SUBMITTED
    declaration.submitted_on = today
    declaration.due_on = add_working_days(today, PROCESSING_WORKING_DAYS)
    declaration.officer_message = ""
    declaration.save(
        update_fields=["status", "submitted_on", "due_on", "officer_message", "updated_at"]
    )
    record(actor=by, action="conformity.declaration_submitted", target=declaration)
    publish("conformity.declaration_submitted", _payload(declaration))
    return declaration


RECEIPT_SUFFIX = "/{year}/TNCB"
RECEIPT_ATTEMPTS = 20


def _issued_numbers(year: int) -> list[int]:
    suffix = RECEIPT_SUFFIX.format(year=year)
    taken = Declaration.objects.filter(receipt_number__endswith=suffix).values_list(
        "receipt_number", flat=True
    )
    return [int(n.split("/")[0]) for n in taken if n and n.split("/")[0].isdigit()]


def _take_receipt_number(year: int) -> str:
    """ "12/2026/TNCB": numbered from 1 each year (Decree 30 writes numbers below 10 as 01…09).

    The year's counter row is locked until the transaction ends (`SELECT … FOR UPDATE` on
    PostgreSQL; SQLite transactions here are IMMEDIATE, so writers already queue), so two
    acceptances at the same moment take consecutive numbers. The row starts at the highest
    number already issued that year."""
    ReceiptCounter.objects.bulk_create(
        [ReceiptCounter(year=year, last=max(_issued_numbers(year), default=0))],
        ignore_conflicts=True,
    )
    counter = ReceiptCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.last:02d}" + RECEIPT_SUFFIX.format(year=year)


def _save_with_receipt_number(declaration: Declaration, year: int) -> None:
    """Save the accepted declaration under the next free number. A number already held by
    another declaration (restored from a backup, or issued outside the counter) is a unique
    conflict: the service takes the next number and tries again, the officer never sees it."""
    for _attempt in range(RECEIPT_ATTEMPTS):
        declaration.receipt_number = _take_receipt_number(year)
        declaration.search_key = _search_key(declaration)
        try:
            with transaction.atomic():
                declaration.save()
        except IntegrityError:
            if not Declaration.objects.filter(receipt_number=declaration.receipt_number).exists():
                raise
            continue
        return
    raise ValidationError(_("Không cấp được số thông báo tiếp nhận, hãy thử lại."))


def _decidable(declaration: Declaration) -> None:
    if declaration.status != Declaration.Status.SUBMITTED:
        raise ValidationError(_("Chỉ xử lý được hồ sơ đang chờ xử lý."))


@transaction.atomic
def accept_declaration(declaration: Declaration, *, by: User) -> Declaration:
    """Issue the receipt notice: a number, the validity, the public register."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    _decidable(declaration)
    today = timezone.localdate()
    declaration.status = Declaration.Status.ACCEPTED
    declaration.decided_on = today
    declaration.decided_by = by
    if declaration.basis == Declaration.Basis.CERTIFICATE and declaration.certificate_expires_on:
        declaration.expires_on = declaration.certificate_expires_on
    else:
        declaration.expires_on = today.replace(
            year=today.year + SELF_ASSESSMENT_YEARS
        ) - dt.timedelta(days=1)
    # Uniqueness of the number is settled by the database (see _save_with_receipt_number).
    declaration.full_clean(exclude=["receipt_number"], validate_constraints=False)
    _save_with_receipt_number(declaration, today.year)
    record(
        actor=by,
        action="conformity.declaration_accepted",
        target=declaration,
        organisation_id=declaration.organisation_id,
        data={
            "receipt_number": declaration.receipt_number,
            "on_time": today <= (declaration.due_on or today),
        },
    )
    publish("conformity.declaration_accepted", _payload(declaration))
    return declaration


@transaction.atomic
def return_declaration(
    declaration: Declaration, *, reasons: str, refuse: bool, by: User
) -> Declaration:
    """Ask for more (the business completes and files again) or refuse, with reasons."""
    _decidable(declaration)
    reasons = clean_text(reasons).strip()
    if not reasons:
        raise ValidationError(_("Hãy nêu rõ lý do."))
    declaration.status = Declaration.Status.REFUSED if refuse else Declaration.Status.MORE_INFO
    declaration.officer_message = reasons
    declaration.decided_on = timezone.localdate()
    declaration.decided_by = by
    declaration.save(
        update_fields=["status", "officer_message", "decided_on", "decided_by", "updated_at"]
    )
    action = "conformity.declaration_refused" if refuse else "conformity.more_information_requested"
    record(
        actor=by,
        action=action,
        target=declaration,
        organisation_id=declaration.organisation_id,
        data={"reasons": reasons},
    )
    publish(action, _payload(declaration))
    return declaration


def _warning_message(declaration: Declaration, kind: str, today: dt.date) -> str:
    standard = declaration.standard
    changed = standard.status_changed_on.strftime("%d/%m/%Y") if standard.status_changed_on else ""
    if kind == DeclarationWarning.Kind.STANDARD_REPLACED:
        return _(
            "Hồ sơ của bạn viện dẫn %(number)s, đã được thay thế ngày %(day)s bằng %(new)s. "
            "Hãy công bố lại theo tiêu chuẩn mới."
        ) % {"number": standard.number, "day": changed, "new": standard.replaced_by or "—"}
    if kind == DeclarationWarning.Kind.STANDARD_WITHDRAWN:
        return _("Hồ sơ của bạn viện dẫn %(number)s, đã bị hủy bỏ ngày %(day)s.") % {
            "number": standard.number,
            "day": changed,
        }
    expires = declaration.expires_on.strftime("%d/%m/%Y") if declaration.expires_on else ""
    if kind == DeclarationWarning.Kind.EXPIRED:
        return _("Công bố số %(receipt)s đã hết hiệu lực ngày %(day)s.") % {
            "receipt": declaration.receipt_number,
            "day": expires,
        }
    return _("Công bố số %(receipt)s sẽ hết hiệu lực ngày %(day)s.") % {
        "receipt": declaration.receipt_number,
        "day": expires,
    }


EXPIRY_NOTICE_DAYS = 30


def warnings_due(declaration: Declaration, today: dt.date) -> list[str]:
    """The kinds of warning an accepted declaration deserves today."""
    if declaration.status != Declaration.Status.ACCEPTED:
        return []
    kinds = []
    if declaration.standard.status == Standard.Status.REPLACED:
        kinds.append(DeclarationWarning.Kind.STANDARD_REPLACED)
    elif declaration.standard.status == Standard.Status.WITHDRAWN:
        kinds.append(DeclarationWarning.Kind.STANDARD_WITHDRAWN)
    if declaration.expires_on is not None:
        if declaration.expires_on < today:
            kinds.append(DeclarationWarning.Kind.EXPIRED)
        elif (declaration.expires_on - today).days <= EXPIRY_NOTICE_DAYS:
            kinds.append(DeclarationWarning.Kind.EXPIRING)
    return [str(kind) for kind in kinds]


def send_declaration_warnings(*, today: dt.date | None = None) -> int:
    """Record (once each) and e-mail the warnings due; safe to run every day."""
    from django.core.mail import send_mail

    today = today or timezone.localdate()
    candidates = Declaration.objects.filter(status=Declaration.Status.ACCEPTED).select_related(
        "standard", "organisation", "created_by"
    )
    sent = 0
    for declaration in candidates.exclude(
        standard__status=Standard.Status.IN_FORCE,
        expires_on__gt=today + dt.timedelta(days=EXPIRY_NOTICE_DAYS),
    ):
        for kind in warnings_due(declaration, today):
            message = _warning_message(declaration, kind, today)
            warning, created = DeclarationWarning.objects.get_or_create(
                declaration=declaration, kind=kind, defaults={"message": message}
            )
            if not created:
                continue
            recipient = declaration.created_by.email or declaration.organisation.email
            if recipient:
                send_mail(
                    _("Cảnh báo về hồ sơ công bố %(product)s")
                    % {"product": declaration.product_name},
                    message,
                    None,
                    [recipient],
                )
            sent += 1
    return sent


def send_processing_reminders(*, today: dt.date | None = None) -> int:
    """Tell the province's officers once about dossiers due within a working day or late."""
    from django.core.mail import send_mail

    from tdc.accounts.capabilities import Capability, roles_with

    today = today or timezone.localdate()
    soon = add_working_days(today, 1)
    due = (
        Declaration.objects.filter(status=Declaration.Status.SUBMITTED, due_on__lte=soon)
        .exclude(reminded_on=today)
        .select_related("organisation")
    )
    count = 0
    for declaration in due:
        if declaration.organisation.province_id is None:
            continue
        officers = User.objects.filter(
            is_active=True,
            role_grants__role__in=roles_with(Capability.PROCESS_DECLARATIONS),
            organisation__province_id=declaration.organisation.province_id,
        ).exclude(email="")
        emails = sorted(set(officers.values_list("email", flat=True)))
        claimed = (
            Declaration.objects.filter(pk=declaration.pk)
            .exclude(reminded_on=today)
            .update(reminded_on=today)
        )
        if claimed and emails:
            send_mail(
                _("Hồ sơ công bố sắp đến hạn: %(product)s") % {"product": declaration.product_name},
                _("Hồ sơ công bố của %(org)s phải xử lý trước ngày %(day)s.")
                % {
                    "org": declaration.organisation.name,
                    "day": declaration.due_on.strftime("%d/%m/%Y") if declaration.due_on else "",
                },
                None,
                emails,
            )
            count += 1
    return count
