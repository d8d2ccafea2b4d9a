"""TCVN ISO 9001:2015 in state agencies, and their digital transformation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class AgencyQuality(TimeStampedModel):
    """One agency's quality management system: its ISO 9001 status and its
    digital-transformation status; its audits, each kept, are `QualityAudit`s."""

    class IsoStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa xây dựng")
        BUILDING = "building", _("Đang xây dựng")
        APPLIED = "applied", _("Đã áp dụng")
        ANNOUNCED = "announced", _("Đã công bố phù hợp")
        ASSESSED = "assessed", _("Đã được kiểm tra, đánh giá")

    class DigitalStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa triển khai")
        IN_PROGRESS = "in_progress", _("Đang triển khai")
        DONE = "done", _("Đã vận hành trên môi trường số")

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("cơ quan"),
    )
    iso_status = models.CharField(
        _("tình trạng ISO 9001"), max_length=20, choices=IsoStatus, default="not_started"
    )
    applied_on = models.DateField(_("ngày công bố áp dụng"), null=True, blank=True)
    digital_status = models.CharField(
        _("chuyển đổi số"), max_length=20, choices=DigitalStatus, default="not_started"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    APPLIED_STATUSES = (IsoStatus.APPLIED, IsoStatus.ANNOUNCED, IsoStatus.ASSESSED)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("hệ thống quản lý chất lượng của cơ quan")
        verbose_name_plural = _("hệ thống quản lý chất lượng của cơ quan")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.iso_status}"


class QualityAudit(models.Model):
    """One audit of an agency's system, internal or external, with what it found. Every audit
    is kept: the history shows how the agency's system has been kept up."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Đánh giá nội bộ")
        EXTERNAL = "external", _("Đánh giá bên ngoài, kiểm tra của cơ quan cấp trên")

    quality = models.ForeignKey(AgencyQuality, on_delete=models.CASCADE, related_name="audits")
    kind = models.CharField(_("loại đánh giá"), max_length=20, choices=Kind, default=Kind.INTERNAL)
    held_on = models.DateField(_("ngày đánh giá"))
    auditor = models.CharField(_("người, tổ chức đánh giá"), max_length=300, blank=True)
    findings = models.TextField(_("kết quả, phát hiện"), blank=True)
    nonconformities = models.PositiveIntegerField(_("số điểm không phù hợp"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("đợt đánh giá hệ thống quản lý chất lượng")
        verbose_name_plural = _("đợt đánh giá hệ thống quản lý chất lượng")

    def __str__(self) -> str:
        return f"{self.quality_id}: {self.kind} {self.held_on:%d/%m/%Y}"
