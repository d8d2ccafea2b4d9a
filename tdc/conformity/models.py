"""Conformity declarations (công bố hợp chuẩn / hợp quy) filed by businesses, their documents,
and the warnings sent about them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class Declaration(TimeStampedModel):
    """A business's declaration that a product conforms to a standard or regulation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Chờ xử lý")
        MORE_INFO = "more_info", _("Cần bổ sung")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        REFUSED = "refused", _("Không tiếp nhận")

    class Kind(models.TextChoices):
        STANDARD = "standard", _("Công bố hợp chuẩn")
        REGULATION = "regulation", _("Công bố hợp quy")

    class Basis(models.TextChoices):
        CERTIFICATE = "certificate", _("Kết quả chứng nhận của tổ chức chứng nhận")
        SELF_ASSESSMENT = "self_assessment", _("Kết quả tự đánh giá của doanh nghiệp")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="conformity_declarations",
        verbose_name=_("doanh nghiệp"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại công bố"), max_length=20, choices=Kind, default=Kind.REGULATION)
    product_name = models.CharField(_("tên sản phẩm, hàng hóa"), max_length=300)
    product_description = models.TextField(_("mô tả sản phẩm"), blank=True)
    gtin = models.CharField(_("mã số mã vạch (GTIN)"), max_length=14, blank=True, db_index=True)
    standard = models.ForeignKey(
        "standards.Standard",
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("tiêu chuẩn, quy chuẩn công bố"),
    )
    basis = models.CharField(
        _("căn cứ công bố"), max_length=20, choices=Basis, default=Basis.CERTIFICATE
    )
    certifying_body = models.CharField(_("tổ chức chứng nhận"), max_length=300, blank=True)
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=100, blank=True)
    certificate_expires_on = models.DateField(
        _("giấy chứng nhận có hiệu lực đến"), null=True, blank=True
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    submitted_on = models.DateField(_("ngày nộp"), null=True, blank=True)
    due_on = models.DateField(_("hạn xử lý"), null=True, blank=True)
    decided_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receipt_number = models.CharField(
        _("số thông báo tiếp nhận"), max_length=50, null=True, blank=True, unique=True
    )
    expires_on = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    officer_message = models.TextField(_("ý kiến của cơ quan tiếp nhận"), blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    search_key = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("hồ sơ công bố hợp chuẩn, hợp quy")
        verbose_name_plural = _("hồ sơ công bố hợp chuẩn, hợp quy")
        indexes = [models.Index(fields=["status", "due_on"], name="declaration_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(receipt_number__isnull=False),
                name="declaration_accepted_has_receipt",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_name} — {self.standard_id}"

    def get_absolute_url(self) -> str:
        return reverse("conformity:declaration_detail", args=[self.pk])


class DeclarationDocument(models.Model):
    """A file of the dossier: certificate, test report, label, self-assessment report."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Giấy chứng nhận hợp chuẩn, hợp quy")
        TEST_REPORT = "test_report", _("Phiếu kết quả thử nghiệm")
        LABEL = "label", _("Nhãn hàng hóa")
        SELF_ASSESSMENT = "self_assessment", _("Báo cáo tự đánh giá")
        OTHER = "other", _("Tài liệu khác")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=Kind)
    file = models.FileField(upload_to="conformity/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("tài liệu hồ sơ công bố")
        verbose_name_plural = _("tài liệu hồ sơ công bố")

    def __str__(self) -> str:
        return self.original_name


class DeclarationWarning(models.Model):
    """A warning sent to the business once: its standard was replaced or withdrawn, or the
    declaration expires."""

    class Kind(models.TextChoices):
        STANDARD_REPLACED = "standard_replaced", _("Tiêu chuẩn đã được thay thế")
        STANDARD_WITHDRAWN = "standard_withdrawn", _("Tiêu chuẩn đã bị hủy bỏ")
        EXPIRING = "expiring", _("Sắp hết hiệu lực")
        EXPIRED = "expired", _("Đã hết hiệu lực")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField(max_length=30, choices=Kind)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("cảnh báo hồ sơ công bố")
        verbose_name_plural = _("cảnh báo hồ sơ công bố")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "kind"], name="declaration_warning_once")
        ]

    def __str__(self) -> str:
        return self.message


class ReceiptCounter(models.Model):
    """The last receipt number issued in a year. Its row is locked while a number is taken, so
    two officers accepting at the same moment get consecutive numbers, never the same one."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm số thông báo tiếp nhận")
        verbose_name_plural = _("bộ đếm số thông báo tiếp nhận")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
