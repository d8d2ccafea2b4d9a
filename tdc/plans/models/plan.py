from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.core.text import shorten


class Plan(TimeStampedModel):
    """A province's implementation plan (kế hoạch), as read from its document."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")
        WITHDRAWN = "withdrawn", _("Đã thu hồi")
        REPLACED = "replaced", _("Đã được thay thế")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="plans", verbose_name=_("tỉnh")
    )
    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_plans",
        verbose_name=_("cơ quan theo dõi"),
        help_text=_("Thường là Sở Khoa học và Công nghệ của tỉnh."),
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    locality = models.CharField(_("địa phương"), max_length=100, blank=True)
    title = models.TextField(_("tên kế hoạch"))
    doc_number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    doc_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    references = models.JSONField(_("văn bản căn cứ"), default=list, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.ACTIVE)
    source_filename = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    source_hash = models.CharField(_("mã băm tệp gốc"), max_length=64, db_index=True)
    source_file = models.FileField(_("tệp gốc"), upload_to="plans/sources/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Life cycle: withdrawn (with a reason), or replaced by a newer version of the plan.
    withdrawn_reason = models.TextField(_("lý do thu hồi"), blank=True)
    withdrawn_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
        verbose_name=_("thay thế kế hoạch"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_plans",
        verbose_name=_("thực hiện kế hoạch của tỉnh"),
        help_text=_("Kế hoạch của một sở, ngành hoặc xã triển khai kế hoạch của tỉnh."),
    )
    issued_by = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan ban hành kế hoạch con"),
    )

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "source_hash"], name="plan_unique_source_per_province"
            )
        ]

    def __str__(self) -> str:
        label = self.doc_number or (str(self.year) if self.year else "")
        return f"{shorten(self.title, 120)}{f' ({label})' if label else ''}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])


class TaskGroup(models.Model):
    """A numbered group of tasks (nhóm nhiệm vụ), e.g. "1. Đẩy mạnh công tác tuyên truyền…"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="groups")
    number = models.CharField(_("số thứ tự"), max_length=20)
    title = models.TextField(_("tên nhóm"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position"]
        verbose_name = _("nhóm nhiệm vụ")
        verbose_name_plural = _("nhóm nhiệm vụ")

    def __str__(self) -> str:
        return f"{self.number}. {shorten(self.title, 80)}"


class Task(TimeStampedModel):
    """One task (nhiệm vụ) of a plan, with its lead and partner units.

    A unit's duties under "Tổ chức thực hiện" are tasks too (`kind` DUTY, `duty` set): they
    are assigned, reported on and synthesised like the tasks of the task section.
    """

    class Kind(models.TextChoices):
        TASK = "task", _("Nhiệm vụ")
        DUTY = "duty", _("Trách nhiệm tổ chức thực hiện")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    group = models.ForeignKey(
        TaskGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    number = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    content = models.TextField(_("nội dung"))
    timeline = models.CharField(_("thời gian thực hiện"), max_length=300, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    funding = models.CharField(_("kinh phí"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    split_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="split_into",
        verbose_name=_("tách từ nhiệm vụ"),
    )
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.TASK)
    duty = models.ForeignKey(
        "Duty", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )

    class Meta:
        ordering = ["plan_id", "position", "id"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        prefix = f"{self.number}. " if self.number else ""
        return f"{prefix}{shorten(' '.join(self.content.split()), 100)}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task_detail", args=[self.pk])


class TaskUnit(models.Model):
    """A unit named by a task as lead (chủ trì) or partner (phối hợp), matched or not."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        PARTNER = "partner", _("Phối hợp")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role)
    text = models.CharField(_("tên đơn vị như trong văn bản"), max_length=300)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_units",
        verbose_name=_("cơ quan"),
    )
    collective = models.CharField(
        _("nhóm đơn vị"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: all_communes cho 'UBND các xã, phường, đặc khu'."),
    )
    confidence = models.FloatField(_("độ tin cậy"), default=0)
    position = models.PositiveSmallIntegerField(default=0)
    # Set when the unit was not named by the document but proposed at import (and accepted).
    reason = models.CharField(_("lý do đề xuất"), max_length=300, blank=True)

    class Meta:
        ordering = ["task_id", "role", "position"]
        verbose_name = _("đơn vị thực hiện")
        verbose_name_plural = _("đơn vị thực hiện")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.text}"


class Duty(models.Model):
    """A unit's duties under "TỔ CHỨC THỰC HIỆN"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")
    unit = models.CharField(_("đơn vị"), max_length=300)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveSmallIntegerField(_("số nhiệm vụ"), default=0)
    content = models.TextField(_("nội dung"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position"]
        verbose_name = _("trách nhiệm")
        verbose_name_plural = _("trách nhiệm")

    def __str__(self) -> str:
        return self.unit


class Target(models.Model):
    """A numeric target (chỉ tiêu) of the plan, e.g. "ít nhất 05 diễn đàn" by 2030."""

    class Comparator(models.TextChoices):
        AT_LEAST = ">=", _("ít nhất")
        EQUAL = "=", _("bằng")
        AT_MOST = "<=", _("không quá")
        MORE_THAN = ">", _("trên")
        LESS_THAN = "<", _("dưới")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    text = models.TextField(_("nội dung chỉ tiêu"))
    value = models.DecimalField(_("giá trị mục tiêu"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True)
    comparator = models.CharField(
        _("so sánh"), max_length=2, choices=Comparator, default=Comparator.AT_LEAST
    )
    period = models.CharField(_("kỳ"), max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)
    metric_key = models.CharField(
        _("tính từ số liệu"),
        max_length=100,
        blank=True,
        help_text=_("Số liệu của nền tảng mà chỉ tiêu được tính từ đó."),
    )

    class Meta:
        ordering = ["plan_id", "position"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return shorten(self.text, 100)


class ReportingDeadline(models.Model):
    """A reporting duty: who reports to whom, before which day and month, how often."""

    class Recurrence(models.TextChoices):
        ANNUAL = "annual", _("Hằng năm")
        SEMIANNUAL = "semiannual", _("6 tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        MONTHLY = "monthly", _("Hằng tháng")
        ONCE = "once", _("Một lần")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_deadlines")
    who = models.CharField(_("đơn vị báo cáo"), max_length=300)
    to = models.CharField(_("gửi đến"), max_length=300)
    day = models.PositiveSmallIntegerField(_("ngày"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    recurrence = models.CharField(
        _("định kỳ"), max_length=20, choices=Recurrence, default=Recurrence.ANNUAL
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position"]
        verbose_name = _("hạn báo cáo")
        verbose_name_plural = _("hạn báo cáo")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day__gte=1, day__lte=31, month__gte=1, month__lte=12),
                name="reporting_deadline_valid_day_month",
            )
        ]

    def __str__(self) -> str:
        return f"{self.who} → {self.to}: {self.day:02d}/{self.month:02d}"


class PlanImportDraft(TimeStampedModel):
    """An uploaded plan document, parsed and waiting for an officer to correct and confirm.

    `parsed` holds the editable preview (the parser's output plus the officer's corrections and
    unit matches) as JSON; confirming it creates the Plan in one transaction.
    """

    class Status(models.TextChoices):
        PARSING = "parsing", _("Đang đọc tệp")
        PENDING = "pending", _("Chờ xác nhận")
        FAILED = "failed", _("Không đọc được")
        IMPORTED = "imported", _("Đã nhập")
        DISCARDED = "discarded", _("Đã hủy")

    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    source_filename = models.CharField(max_length=255)
    source_hash = models.CharField(max_length=64, db_index=True)
    source_file = models.FileField(upload_to="plans/uploads/", blank=True)
    parsed = models.JSONField(default=dict, blank=True)  # empty until the worker has read it
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_drafts"
    )
    # Why the file could not be read (status FAILED), in Vietnamese, for the officer.
    error = models.TextField(blank=True)
    # The worker reading the file holds a lease: `parse_token` names it (empty: queued, not yet
    # taken), `parse_expires_at` is when it runs out (set when queued, too). A draft still
    # PARSING past that time lost its worker: it may be queued again (see services.importing).
    parse_token = models.CharField(max_length=32, blank=True, editable=False)
    parse_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    parse_attempts = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bản nháp nhập kế hoạch")
        verbose_name_plural = _("bản nháp nhập kế hoạch")

    def __str__(self) -> str:
        return self.source_filename

    @property
    def parse_stalled(self) -> bool:
        """Still being read, but its worker's lease ran out: the worker died."""
        return (
            self.status == self.Status.PARSING
            and self.parse_expires_at is not None
            and self.parse_expires_at <= timezone.now()
        )
