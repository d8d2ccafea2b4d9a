"""Product risk assessments (the EU method) and consumer warnings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.surveillance.models.products import Product, RiskLevel
from tdc.surveillance.models.surveys import Sample


class RiskAssessment(TimeStampedModel):
    """A product risk assessment by the EU method, with every input kept for a re-run."""

    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="assessments")
    sample = models.ForeignKey(
        Sample, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    hazard = models.CharField(_("mối nguy"), max_length=300)
    scenario = models.JSONField(_("kịch bản gây thương tích"), default=list)
    severity = models.PositiveSmallIntegerField(_("mức độ nghiêm trọng (1–4)"))
    probability = models.DecimalField(max_digits=20, decimal_places=12)
    level = models.CharField(_("mức rủi ro"), max_length=10, choices=RiskLevel)
    matrix_version = models.CharField(max_length=40)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reruns"
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=4),
                name="surveillance_assessment_severity_1_to_4",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.get_level_display()}"

    def get_absolute_url(self) -> str:
        return reverse("surveillance:assessment_detail", args=[self.pk])


class ConsumerWarningQuerySet(models.QuerySet["ConsumerWarning"]):
    def published(self) -> ConsumerWarningQuerySet:
        return self.filter(status=ConsumerWarning.Status.PUBLISHED)


class ConsumerWarning(TimeStampedModel):
    """A consumer warning: drafted from a failing result or a serious risk, approved, published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã duyệt")
        PUBLISHED = "published", _("Đã công bố")
        WITHDRAWN = "withdrawn", _("Đã thu hồi")

    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20, unique=True, editable=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="warnings")
    sample = models.ForeignKey(
        Sample, on_delete=models.PROTECT, null=True, blank=True, related_name="warnings"
    )
    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.PROTECT, null=True, blank=True, related_name="warnings"
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    risk_level = models.CharField(_("mức rủi ro"), max_length=10, choices=RiskLevel)
    hazard = models.TextField(_("nội dung cảnh báo"))
    measures = models.TextField(_("biện pháp đã áp dụng"), blank=True)
    where_sold = models.TextField(_("nơi bán"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    gtin = models.CharField(max_length=14, blank=True, db_index=True, editable=False)
    search_key = models.CharField(max_length=1000, editable=False, db_index=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ConsumerWarningQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveillance:warning_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("surveillance:public_warning", args=[self.reference])
