"""Yearly survey programmes, samples, and test results against TCVN/QCVN criteria."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.surveillance.models.products import Establishment, Product, ProductCategory


class SurveyProgramme(TimeStampedModel):
    """A year's product quality survey: which categories, how many samples, where, by whom."""

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="survey_programmes"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=300)
    categories = models.ManyToManyField(
        ProductCategory, related_name="programmes", verbose_name=_("nhóm sản phẩm")
    )
    planned_samples = models.PositiveIntegerField(_("số mẫu dự kiến"), default=20)
    area = models.CharField(_("địa bàn"), max_length=300, blank=True)
    executor = models.CharField(_("đơn vị thực hiện"), max_length=300, blank=True)
    # How the categories were chosen (priority terms, random draw, edits with reasons).
    selection = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("surveillance:programme_detail", args=[self.pk])


class Criterion(models.Model):
    """A requirement of a TCVN/QCVN a category's samples are tested against."""

    category = models.ForeignKey(ProductCategory, on_delete=models.CASCADE, related_name="criteria")
    standard = models.CharField(_("TCVN/QCVN"), max_length=100)
    name = models.CharField(_("chỉ tiêu"), max_length=200)
    unit = models.CharField(_("đơn vị"), max_length=30)
    limit_min = models.DecimalField(
        _("giới hạn dưới"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    limit_max = models.DecimalField(
        _("giới hạn trên"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    method = models.CharField(_("phương pháp thử"), max_length=200, blank=True)

    class Meta:
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "standard", "name"], name="surveillance_criterion_unique"
            ),
            models.CheckConstraint(
                condition=Q(limit_min__isnull=False) | Q(limit_max__isnull=False),
                name="surveillance_criterion_has_a_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.standard})"


class Sample(TimeStampedModel):
    """A sample taken in a survey: where, when, from whom, at what price, which lot."""

    class Verdict(models.TextChoices):
        PENDING = "pending", _("Chưa có kết quả")
        CONFORMING = "conforming", _("Đạt")
        NON_CONFORMING = "non_conforming", _("Không đạt")

    programme = models.ForeignKey(SurveyProgramme, on_delete=models.PROTECT, related_name="samples")
    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("mã mẫu"), max_length=40)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="samples")
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="samples", verbose_name=_("nơi lấy")
    )
    sampled_on = models.DateField(_("ngày lấy mẫu"))
    place = models.CharField(_("địa điểm lấy mẫu"), max_length=300, blank=True)
    price = models.DecimalField(
        _("giá mua (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    lot = models.CharField(_("số lô"), max_length=100, blank=True)
    photo = models.ImageField(_("ảnh"), upload_to="surveillance/samples/", blank=True)
    lab = models.CharField(_("tổ chức thử nghiệm"), max_length=300, blank=True)
    lab_report = models.FileField(
        _("phiếu kết quả thử nghiệm"), upload_to="surveillance/reports/", blank=True
    )
    verdict = models.CharField(
        _("kết luận"), max_length=20, choices=Verdict, default=Verdict.PENDING, db_index=True
    )

    class Meta:
        ordering = ["-sampled_on", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="surveillance_sample_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("surveillance:sample_detail", args=[self.pk])


class TestResult(models.Model):
    """One criterion measured on one sample; `conforming` is computed, never typed."""

    __test__ = False  # not a pytest class

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="results")
    measured_text = models.CharField(_("kết quả (như phiếu)"), max_length=40)
    measured_value = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    not_detected = models.BooleanField(default=False)
    below_limit_of = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=30)
    uncertainty = models.CharField(_("độ không đảm bảo đo"), max_length=40, blank=True)
    method = models.CharField(_("phương pháp"), max_length=200, blank=True)
    conforming = models.BooleanField(_("đạt"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["criterion__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sample", "criterion"], name="surveillance_result_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sample.code}: {self.criterion.name} = {self.measured_text}"
