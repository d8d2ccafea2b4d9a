"""The province's own means of testing and measuring: equipment bought under the plan, and
the measurement standards (chuẩn đo lường) with the chain they are traced through."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class Equipment(TimeStampedModel):
    """A piece (or a batch of identical pieces) of equipment bought for state management."""

    class Category(models.TextChoices):
        RAPID_TEST = "rapid_test", _("Bộ dụng cụ thử nhanh")
        MOBILE = "mobile", _("Thiết bị đo lưu động")
        INSPECTION = "inspection", _("Dụng cụ, phương tiện kiểm tra")
        LABORATORY = "laboratory", _("Thiết bị phòng thử nghiệm")

    class Status(models.TextChoices):
        IN_USE = "in_use", _("Đang sử dụng")
        REPAIR = "repair", _("Đang sửa chữa")
        RETIRED = "retired", _("Đã thanh lý")

    class Funding(models.TextChoices):
        PROVINCE = "province", _("Ngân sách tỉnh")
        CENTRAL = "central", _("Ngân sách trung ương")
        PROGRAMME = "programme", _("Chương trình, đề án")
        OTHER = "other", _("Nguồn khác")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    holder = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị quản lý"),
    )
    name = models.CharField(_("tên thiết bị"), max_length=300)
    category = models.CharField(_("loại"), max_length=20, choices=Category)
    quantity = models.PositiveIntegerField(_("số lượng"), default=1)
    cost = models.DecimalField(_("kinh phí (đồng)"), max_digits=14, decimal_places=0)
    funding = models.CharField(_("nguồn kinh phí"), max_length=20, choices=Funding)
    bought_on = models.DateField(_("ngày mua"))
    serial_number = models.CharField(_("số hiệu"), max_length=100, blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status, default="in_use")
    calibration_due_on = models.DateField(_("hạn hiệu chuẩn"), null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-bought_on", "-id"]
        verbose_name = _("trang thiết bị")
        verbose_name_plural = _("trang thiết bị")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="equipment_quantity_positive")
        ]

    def __str__(self) -> str:
        return self.name


class MeasurementStandard(TimeStampedModel):
    """A measurement standard held in the province, or a higher one it is traced to (up to
    the national standard), with its calibration certificate and due date."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("Chuẩn quốc gia")
        REFERENCE = "reference", _("Chuẩn chính")
        WORKING = "working", _("Chuẩn công tác")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    holder = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị giữ chuẩn"),
    )
    holder_name = models.CharField(
        _("nơi giữ chuẩn (ngoài tỉnh)"),
        max_length=300,
        blank=True,
        help_text=_("Với chuẩn cấp trên giữ ở nơi khác, ví dụ Viện Đo lường Việt Nam."),
    )
    name = models.CharField(_("tên chuẩn"), max_length=300)
    quantity = models.CharField(_("đại lượng đo"), max_length=100)
    measuring_range = models.CharField(_("phạm vi đo"), max_length=200, blank=True)
    accuracy = models.CharField(_("cấp, độ chính xác"), max_length=100, blank=True)
    level = models.CharField(_("cấp chuẩn"), max_length=20, choices=Level, default="working")
    traced_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="traced_from",
        verbose_name=_("dẫn xuất từ chuẩn"),
    )
    certificate_number = models.CharField(
        _("số giấy chứng nhận hiệu chuẩn"), max_length=60, blank=True
    )
    calibrated_on = models.DateField(_("ngày hiệu chuẩn"), null=True, blank=True)
    calibration_due_on = models.DateField(_("hạn hiệu chuẩn"), null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["quantity", "level", "name"]
        verbose_name = _("chuẩn đo lường")
        verbose_name_plural = _("chuẩn đo lường")
        constraints = [
            models.CheckConstraint(
                condition=~Q(traced_to=F("pk")), name="standard_not_traced_to_itself"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("capacity:standard_detail", args=[self.pk])
