"""The synthesis report (writes): DoST opens a draft for a period, edits its wording, refreshes its
figures and finalises it, which stores the DOCX and XLSX and freezes both.

It can start before every agency has reported; a draft is edited freely and its figures
refreshed; finalising stores the files and the snapshot and freezes both."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import changes_between, record, snapshot
from tdc.core.events import publish
from tdc.plans.access import require_officer
from tdc.plans.exports.synthesis import synthesis_docx, synthesis_xlsx
from tdc.plans.models import (
    ReportingPeriod,
    Synthesis,
)
from tdc.plans.queries.synthesis import (
    ad_hoc_topic,
    collect_synthesis_data,
    period_phrase,
    plan_reference,
    province_phrase,
)
from tdc.reports.nd30 import number_line

EDITABLE_FIELDS = (
    "doc_number",
    "symbol",
    "doc_date",
    "place",
    "parent_body",
    "issuing_body",
    "subject",
    "addressee",
    "intro",
    "assessment",
    "difficulties",
    "next_tasks",
    "proposals",
    "closing",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
)


DEFAULT_RECIPIENTS = "Như trên\nBộ Khoa học và Công nghệ (báo cáo)\nBan Giám đốc Sở\nLưu: VT, TĐC"


@transaction.atomic
def start_synthesis(period: ReportingPeriod, *, by: User) -> Synthesis:
    """Open (or return) the draft synthesis for a period, with figures as of today."""
    require_officer(by, period.plan)
    existing = Synthesis.objects.filter(period=period).first()
    if existing is not None:
        return existing
    plan = period.plan
    phrase = period_phrase(period)
    province = province_phrase(plan)
    subject = f"Kết quả thực hiện {plan_reference(plan)} {phrase}"
    intro = (
        f"Thực hiện {plan_reference(plan)}, {plan.owner.name} báo cáo kết quả thực hiện "
        f"Kế hoạch {phrase} như sau (chi tiết tại Phụ lục kèm theo):"
    )
    closing = (
        f"Trên đây là báo cáo kết quả thực hiện Kế hoạch {phrase} của {plan.owner.name}, "
        f"kính báo cáo Ủy ban nhân dân {province} xem xét, chỉ đạo./."
    )
    if period.kind == ReportingPeriod.Kind.AD_HOC:
        topic = ad_hoc_topic(period)
        subject = topic[:1].upper() + topic[1:]
        intro = (
            f"Thực hiện {plan_reference(plan)}, {plan.owner.name} đã đề nghị các cơ quan, đơn vị "
            f"báo cáo {topic}. {plan.owner.name} tổng hợp, báo cáo như sau:"
        )
        closing = (
            f"Trên đây là báo cáo {topic} của {plan.owner.name}, kính báo cáo Ủy ban nhân dân "
            f"{province} xem xét, chỉ đạo./."
        )
    synthesis = Synthesis(
        period=period,
        doc_date=timezone.localdate(),
        place=plan.province.short_name,
        parent_body=f"UBND {province}",
        issuing_body=plan.owner.name,
        symbol="BC-SKHCN",
        subject=subject,
        addressee=f"Ủy ban nhân dân {province}",
        intro=intro,
        closing=closing,
        signer_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        recipients=DEFAULT_RECIPIENTS,
        snapshot=collect_synthesis_data(period),
        snapshot_at=timezone.now(),
        created_by=by,
    )
    synthesis.full_clean()
    synthesis.save()
    record(
        actor=by,
        action="synthesis.started",
        target=synthesis,
        data={"period": period.pk, "totals": synthesis.snapshot["totals"]},
        organisation_id=plan.owner_id,
    )
    return synthesis


def _require_draft(synthesis: Synthesis) -> None:
    if synthesis.is_final:
        raise ValidationError(_("Báo cáo tổng hợp đã hoàn thành nên không sửa được."))


@transaction.atomic
def refresh_synthesis(synthesis: Synthesis, *, by: User) -> Synthesis:
    """Bring the draft's figures up to date with the reports and indicators."""
    require_officer(by, synthesis.period.plan)
    _require_draft(synthesis)
    synthesis.snapshot = collect_synthesis_data(synthesis.period)
    synthesis.snapshot_at = timezone.now()
    synthesis.save(update_fields=["snapshot", "snapshot_at", "updated_at"])
    Synthesis.objects.filter(pk=synthesis.pk).update(version=F("version") + 1)
    synthesis.refresh_from_db(fields=["version"])
    record(
        actor=by,
        action="synthesis.refreshed",
        target=synthesis,
        data={"totals": synthesis.snapshot["totals"]},
        organisation_id=synthesis.period.plan.owner_id,
    )
    return synthesis


@transaction.atomic
def update_synthesis(synthesis: Synthesis, *, by: User, version: int, **values: Any) -> Synthesis:
    """Edit the draft's wording; a stale version is refused so no edit is silently lost."""
    require_officer(by, synthesis.period.plan)
    _require_draft(synthesis)
    before = snapshot(synthesis, EDITABLE_FIELDS)
    for field, value in values.items():
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"Unknown synthesis field {field!r}")
        setattr(synthesis, field, value.strip() if isinstance(value, str) else value)
    synthesis.full_clean()
    changed = {f: getattr(synthesis, f) for f in EDITABLE_FIELDS}
    updated = Synthesis.objects.filter(
        pk=synthesis.pk, version=version, status=Synthesis.Status.DRAFT
    ).update(**changed, version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        raise ValidationError(
            _(
                "Bản nháp vừa được người khác cập nhật sau khi anh/chị mở trang. Nội dung anh/chị "
                "nhập chưa được lưu: hãy sao chép lại, tải lại trang rồi cập nhật."
            )
        )
    synthesis.refresh_from_db()
    changes = changes_between(before, snapshot(synthesis, EDITABLE_FIELDS))
    if changes:
        record(
            actor=by,
            action="synthesis.updated",
            target=synthesis,
            data={"changes": changes},
            organisation_id=synthesis.period.plan.owner_id,
        )
    return synthesis


@transaction.atomic
def finalise_synthesis(synthesis: Synthesis, *, by: User) -> Synthesis:
    """Freeze the synthesis: refresh its figures one last time, store the DOCX and XLSX."""
    require_officer(by, synthesis.period.plan)
    _require_draft(synthesis)
    errors = {}
    if not synthesis.doc_number.strip():
        errors["doc_number"] = _("Cần nhập số văn bản trước khi hoàn thành.")
    if not synthesis.signer_name.strip():
        errors["signer_name"] = _("Cần nhập họ tên người ký trước khi hoàn thành.")
    if errors:
        raise ValidationError(errors)
    synthesis.snapshot = collect_synthesis_data(synthesis.period)
    synthesis.snapshot_at = timezone.now()
    slug = f"bao-cao-tong-hop-{synthesis.period_id}-{synthesis.doc_number.strip()}"
    synthesis.docx.save(f"{slug}.docx", ContentFile(synthesis_docx(synthesis)), save=False)
    synthesis.xlsx.save(f"{slug}-phu-luc.xlsx", ContentFile(synthesis_xlsx(synthesis)), save=False)
    synthesis.status = Synthesis.Status.FINAL
    synthesis.finalised_at = timezone.now()
    synthesis.finalised_by = by
    synthesis.version += 1
    synthesis.save()
    record(
        actor=by,
        action="synthesis.finalised",
        target=synthesis,
        data={
            "number": number_line(synthesis.doc_number, synthesis.symbol),
            "totals": synthesis.snapshot["totals"],
        },
        organisation_id=synthesis.period.plan.owner_id,
    )
    publish("plans.synthesis_finalised", {"synthesis_id": synthesis.pk, "period_id": synthesis.period_id, "plan_id": synthesis.period.plan_id, "province_id": synthesis.period.plan.province_id})  # fmt: skip
    return synthesis
