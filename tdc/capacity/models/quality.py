"""TCVN ISO 9001:2015 in state agencies, and their digital transformation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class AgencyQuality(TimeStampedModel):
    """One agency's quality management system: its ISO 9001 status, last internal audit and
    findings, and its digital-transformation status."""

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
    last_audit_on = models.DateField(_("đánh giá nội bộ gần nhất"), null=True, blank=True)
    audit_findings = models.TextField(_("kết quả đánh giá nội bộ"), blank=True)
    nonconformities = models.PositiveIntegerField(_("số điểm không phù hợp"), default=0)
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
