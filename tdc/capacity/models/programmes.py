"""Programmes and schemes (productivity and quality, Scheme 996 on measurement, science and
technology tasks) and the support they give businesses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class Programme(TimeStampedModel):
    """A programme, scheme or science task on standards, metrology and quality."""

    class Kind(models.TextChoices):
        PRODUCTIVITY = "productivity", _("Chương trình năng suất, chất lượng")
        SCHEME_996 = "scheme_996", _("Đề án 996 về đo lường")
        TRACEABILITY = "traceability", _("Đề án truy xuất nguồn gốc")
        SCIENCE_TASK = "science_task", _("Nhiệm vụ khoa học và công nghệ")
        OTHER = "other", _("Chương trình, đề án khác")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Chưa triển khai")
        UNDER_WAY = "under_way", _("Đang triển khai")
        FINISHED = "finished", _("Đã kết thúc")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan chủ trì"),
    )
    name = models.CharField(_("tên chương trình, đề án"), max_length=400)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind)
    decision = models.CharField(_("quyết định phê duyệt"), max_length=200, blank=True)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status, default="planned")
    budget = models.DecimalField(
        _("kinh phí (đồng)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("chương trình, đề án")
        verbose_name_plural = _("chương trình, đề án")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="programme_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("capacity:programme_detail", args=[self.pk])


class SupportApplication(TimeStampedModel):
    """A business's application for support under a programme, its decision and result."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đã nộp")
        APPROVED = "approved", _("Được hỗ trợ")
        REFUSED = "refused", _("Không được hỗ trợ")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    business = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("doanh nghiệp"),
    )
    subject = models.CharField(_("nội dung đề nghị hỗ trợ"), max_length=400)
    submitted_on = models.DateField(_("ngày nộp"))
    requested_amount = models.DecimalField(
        _("kinh phí đề nghị (đồng)"), max_digits=14, decimal_places=0
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status, default="submitted")
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    granted_amount = models.DecimalField(
        _("kinh phí được hỗ trợ (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    result = models.TextField(_("kết quả"), blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("hồ sơ đề nghị hỗ trợ")
        verbose_name_plural = _("hồ sơ đề nghị hỗ trợ")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(granted_amount__isnull=False),
                name="support_approved_has_amount",
            )
        ]

    def __str__(self) -> str:
        return self.subject
