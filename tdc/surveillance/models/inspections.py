"""The yearly inspection plan, inspections, violations and sanctions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.core.text import shorten
from tdc.surveillance.models.products import Establishment
from tdc.surveillance.models.surveys import Sample


class InspectionPlan(TimeStampedModel):
    """A province's yearly inspection plan, generated from the scores and the budget."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        REVIEWED = "reviewed", _("Đã thẩm định")
        APPROVED = "approved", _("Đã phê duyệt")

    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    budget = models.PositiveIntegerField(_("số cuộc kiểm tra"))
    random_share = models.DecimalField(
        _("tỷ lệ chọn ngẫu nhiên"), max_digits=3, decimal_places=2, default=Decimal("0.15")
    )
    seed = models.BigIntegerField(_("hạt giống ngẫu nhiên"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year"], name="surveillance_one_plan_per_year"
            ),
            models.CheckConstraint(
                condition=Q(random_share__gte=Decimal("0.10"), random_share__lte=Decimal("0.20")),
                name="surveillance_plan_random_share_10_to_20",
            ),
        ]

    def __str__(self) -> str:
        return f"Kế hoạch kiểm tra năm {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("surveillance:plan_detail", args=[self.pk])


class PlanItem(models.Model):
    """One establishment in a plan, why it is there, and its score when the plan was made."""

    class Reason(models.TextChoices):
        TRIGGER = "trigger", _("Kiểm tra đột xuất (điều kiện bắt buộc)")
        SCORE = "score", _("Theo điểm rủi ro")
        RANDOM = "random", _("Chọn ngẫu nhiên (hạng C/D)")
        ADDED = "added", _("Bổ sung")

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="items")
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="plan_items"
    )
    reason = models.CharField(_("lý do"), max_length=10, choices=Reason)
    rank = models.PositiveIntegerField()
    score = models.PositiveSmallIntegerField()
    risk_category = models.CharField(max_length=1, choices=Establishment.Category)
    terms = models.JSONField(default=list)
    is_removed = models.BooleanField(default=False)
    change_reason = models.CharField(_("lý do thay đổi"), max_length=500, blank=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "establishment"], name="surveillance_plan_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.establishment}"


class Inspection(TimeStampedModel):
    """An inspection of an establishment (or of a verification/testing organisation)."""

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Theo kế hoạch")
        UNSCHEDULED = "unscheduled", _("Đột xuất")
        SPECIALISED = "specialised", _("Kiểm tra đặc thù (tổ chức kiểm định, thử nghiệm)")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Đã lên lịch")
        DONE = "done", _("Đã kiểm tra")

    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, related_name="+")
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="inspections"
    )
    plan_item = models.ForeignKey(
        PlanItem, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.PLANNED)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.SCHEDULED, db_index=True
    )
    inspected_on = models.DateField(_("ngày kiểm tra"))
    team = models.TextField(_("đoàn kiểm tra"))
    checked_labels = models.BooleanField(_("kiểm tra nhãn hàng hóa"), default=False)
    checked_marks = models.BooleanField(_("kiểm tra dấu hợp chuẩn, hợp quy"), default=False)
    instruments = models.JSONField(_("phương tiện đo đã kiểm tra"), default=list, blank=True)
    samples = models.ManyToManyField(Sample, blank=True, related_name="inspections")
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    corrective_measures = models.TextField(_("biện pháp khắc phục"), blank=True)
    follow_up_on = models.DateField(_("ngày kiểm tra lại"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-inspected_on"]

    def __str__(self) -> str:
        return f"{self.establishment} — {self.inspected_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("surveillance:inspection_detail", args=[self.pk])


class Violation(models.Model):
    """A violation found in an inspection, its legal basis and the sanction."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="violations")
    description = models.TextField(_("hành vi vi phạm"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    fine_amount = models.DecimalField(
        _("số tiền phạt (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    decision_number = models.CharField(_("số quyết định xử phạt"), max_length=60, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return shorten(self.description, 80)
