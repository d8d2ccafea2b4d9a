"""Group 2 measuring instruments: the type list, the register, verifications, roll-ups, imports.

On PostgreSQL the instrument register is partitioned by province (LIST on `province_id`, see
migration 0003); on SQLite it is a plain table. The ORM does not notice either way.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end: 31/01 + 1 → 28/02 (29/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due_date(
    verified_on: dt.date, *, passed: bool, cycle_months: int | None
) -> dt.date | None:
    """When an instrument must be verified again after a verification on `verified_on`.

    A pass is good for the type's cycle; a type without a cycle needs no periodic verification
    (None). A failed instrument must not be used until it is repaired and verified again, so
    it is due at once (the day of the failed verification).
    """
    if not passed:
        return verified_on
    if cycle_months is None:
        return None
    return add_months(verified_on, cycle_months)


class VerificationForm(models.TextChoices):
    INITIAL = "ban_dau", _("Kiểm định ban đầu")
    PERIODIC = "dinh_ky", _("Kiểm định định kỳ")
    AFTER_REPAIR = "sau_sua_chua", _("Kiểm định sau sửa chữa")


class InstrumentType(models.Model):
    """A type on the official Group 2 list. The current values mirror its latest version."""

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    cycle_months = models.PositiveSmallIntegerField(
        _("chu kỳ kiểm định (tháng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu chỉ kiểm định ban đầu."),
    )
    forms = models.CharField(_("hình thức kiểm định"), max_length=100, blank=True)
    type_approval = models.BooleanField(_("phải phê duyệt mẫu"), null=True, blank=True)
    legal_source = models.TextField(
        _("căn cứ pháp lý"),
        blank=True,
        help_text=_("Văn bản quy định loại, chu kỳ và hình thức kiểm định (công khai)."),
    )
    cycle_confirmed = models.BooleanField(
        _("chu kỳ đã đối chiếu với văn bản hiện hành"),
        default=False,
        help_text=_("Chưa đối chiếu: trang danh mục và thư nhắc hạn nói rõ điều này."),
    )
    basis = models.TextField(
        _("ghi chú nguồn gốc số liệu"),
        blank=True,
        help_text=_(
            "Chỉ quản trị viên và cán bộ TĐC xem: số liệu được lấy từ đâu, tin cậy đến đâu."
        ),
    )
    source_url = models.URLField(_("nguồn"), max_length=500, blank=True)
    valid_from = models.DateField(_("áp dụng từ"))
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    search_key = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("loại phương tiện đo")
        verbose_name_plural = _("loại phương tiện đo nhóm 2")

    def __str__(self) -> str:
        return self.name

    @property
    def form_labels(self) -> list[str]:
        return [str(VerificationForm(f).label) for f in self.forms.split(";") if f]


class InstrumentTypeVersion(models.Model):
    """One version of a type's rule (cycle, forms, legal basis), in force from `valid_from`."""

    type = models.ForeignKey(InstrumentType, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField(_("áp dụng từ"))
    cycle_months = models.PositiveSmallIntegerField(
        _("chu kỳ kiểm định (tháng)"), null=True, blank=True
    )
    forms = models.CharField(_("hình thức kiểm định"), max_length=100, blank=True)
    type_approval = models.BooleanField(_("phải phê duyệt mẫu"), null=True, blank=True)
    legal_source = models.TextField(_("căn cứ pháp lý"), blank=True)
    cycle_confirmed = models.BooleanField(
        _("chu kỳ đã đối chiếu với văn bản hiện hành"), default=False
    )
    basis = models.TextField(_("ghi chú nguồn gốc số liệu"), blank=True)
    source_url = models.URLField(_("nguồn"), max_length=500, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["type_id", "-valid_from"]
        verbose_name = _("phiên bản quy định")
        verbose_name_plural = _("lịch sử quy định")
        constraints = [
            models.UniqueConstraint(fields=["type", "valid_from"], name="type_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.type} — {self.valid_from:%d/%m/%Y}"


class TypeListRelease(models.Model):
    """A published version of the Group 2 list: who corrected it, when, and why. Each release
    adds type versions (the rules themselves); this is the list's own history, shown to all."""

    number = models.PositiveIntegerField(_("phiên bản số"), unique=True)
    published_at = models.DateTimeField(_("công bố lúc"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("lý do sửa đổi"))
    types = models.ManyToManyField(InstrumentType, related_name="releases", blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("phiên bản danh mục")
        verbose_name_plural = _("các phiên bản danh mục")

    def __str__(self) -> str:
        return f"{self.number} — {self.published_at:%d/%m/%Y}"


class Instrument(TimeStampedModel):
    """A measuring instrument in use somewhere: who owns it, what it is, where, and its state.

    `last_verified_on`, `last_result`, `last_stamp_number`, `last_verification_id` and
    `next_due` copy the latest verification so overdue lists are one indexed range scan.
    """

    class Status(models.TextChoices):
        IN_USE = "in_use", _("Đang sử dụng")
        SUSPENDED = "suspended", _("Tạm ngừng sử dụng")
        RETIRED = "retired", _("Đã thanh lý")

    class Result(models.TextChoices):
        PASSED = "pass", _("Đạt")
        FAILED = "fail", _("Không đạt")

    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="instruments",
        verbose_name=_("chủ sở hữu"),
        db_index=False,
    )
    type = models.ForeignKey(
        InstrumentType,
        on_delete=models.PROTECT,
        related_name="instruments",
        verbose_name=_("loại phương tiện đo"),
        db_index=False,
    )
    manufacturer = models.CharField(_("nhà sản xuất"), max_length=200, blank=True)
    model = models.CharField(_("kiểu, ký hiệu"), max_length=100, blank=True)
    serial = models.CharField(_("số sản xuất"), max_length=100)
    measuring_range = models.CharField(_("phạm vi đo"), max_length=100, blank=True)
    accuracy_class = models.CharField(_("cấp chính xác"), max_length=40, blank=True)
    province = models.ForeignKey(
        "accounts.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tỉnh"),
        db_index=False,
    )
    commune = models.ForeignKey(
        "accounts.Commune",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("xã, phường"),
        db_index=False,
    )
    address = models.CharField(_("địa chỉ lắp đặt"), max_length=300, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.IN_USE)
    last_verified_on = models.DateField(_("kiểm định gần nhất"), null=True, blank=True)
    last_result = models.CharField(_("kết quả gần nhất"), max_length=4, choices=Result, blank=True)
    last_stamp_number = models.CharField(_("số tem gần nhất"), max_length=40, blank=True)
    last_verification_id = models.BigIntegerField(null=True, blank=True, editable=False)
    next_due = models.DateField(_("hạn kiểm định"), null=True, blank=True)
    reminder_sent_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["next_due", "id"]
        verbose_name = _("phương tiện đo")
        verbose_name_plural = _("phương tiện đo")
        constraints = [
            # On PostgreSQL every unique key of a partitioned table must hold the partition key.
            models.UniqueConstraint(
                fields=["type", "owner", "serial", "province"], name="instrument_natural_key"
            ),
        ]
        indexes = [
            models.Index(
                fields=["province", "commune", "next_due", "id"],
                name="instrument_commune_due",
                condition=Q(status="in_use"),
            ),
            models.Index(
                fields=["province", "next_due", "id"],
                name="instrument_province_due",
                condition=Q(status="in_use"),
            ),
            models.Index(
                fields=["province", "type", "next_due", "id"],
                name="instrument_type_due",
                condition=Q(status="in_use"),
            ),
            models.Index(fields=["owner", "next_due", "id"], name="instrument_owner_due"),
            # In use although the last verification failed: not fit for use, counted apart.
            models.Index(
                fields=["province", "id"],
                name="instrument_unfit",
                condition=Q(status="in_use", last_result="fail"),
            ),
            # The API's change feed pages by (updated_at, id) (`api.instrument_feed`): one
            # index range per page, inside each province's partition on PostgreSQL.
            models.Index(fields=["updated_at", "id"], name="instrument_feed"),
        ]

    def __str__(self) -> str:
        return f"{self.type} — {self.serial}"

    def get_absolute_url(self) -> str:
        return reverse("metrology:instrument_detail", args=[self.pk])


class Verification(models.Model):
    """One verification of an instrument: when, by whom, the result, the stamp and certificate."""

    Result = Instrument.Result

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="verifications", db_index=False
    )
    # A copy of the instrument's province: the composite key to the partitioned register.
    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    verified_on = models.DateField(_("ngày kiểm định"))
    form = models.CharField(
        _("hình thức"), max_length=20, choices=VerificationForm, default=VerificationForm.PERIODIC
    )
    verifier = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tổ chức kiểm định"),
        db_index=False,
    )
    verifier_name = models.CharField(_("tổ chức kiểm định"), max_length=300)
    result = models.CharField(_("kết quả"), max_length=4, choices=Result)
    stamp_number = models.CharField(_("số tem kiểm định"), max_length=40, blank=True)
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=60, blank=True)
    next_due = models.DateField(_("hạn kiểm định tiếp theo"), null=True, blank=True)
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        ordering = ["-verified_on", "-id"]
        verbose_name = _("lần kiểm định")
        verbose_name_plural = _("kết quả kiểm định")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "verified_on"], name="verification_one_per_day"
            ),
            models.UniqueConstraint(
                fields=["stamp_number"],
                name="verification_stamp_unique",
                condition=~Q(stamp_number=""),
            ),
        ]
        indexes = [
            # The public look-up `WHERE stamp_number = %s`: SQLite cannot use the partial unique
            # index above for it (it cannot prove the parameter is not ''), this one it can.
            # SQLite only: migration 0009 drops it on PostgreSQL, whose stamp queries all say
            # `AND stamp_number <> ''` and so read the unique index (one index fewer to write).
            models.Index(fields=["stamp_number"], name="verification_stamp_lookup"),
            # The API's verification feed pages by (created_at, id) (`api.verification_feed`).
            models.Index(fields=["created_at", "id"], name="verification_feed"),
        ]

    def __str__(self) -> str:
        return f"{self.stamp_number or self.certificate_number} ({self.verified_on:%d/%m/%Y})"

    @property
    def passed(self) -> bool:
        return self.result == self.Result.PASSED


# --- Roll-ups: what the province dashboard reads instead of scanning the register -------------


class InstrumentTally(models.Model):
    """How many instruments of a type and status a commune has. Kept by `tdc.metrology.tallies`."""

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    commune = models.ForeignKey(
        "accounts.Commune", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    type = models.ForeignKey(
        InstrumentType, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    status = models.CharField(max_length=20, choices=Instrument.Status)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "commune", "type", "status"], name="instrument_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune_id}/{self.type_id}/{self.status}: {self.n}"


class DueMonthTally(models.Model):
    """How many in-use instruments of a commune fall due in a month (`month` is its 1st day)."""

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    commune = models.ForeignKey(
        "accounts.Commune", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "month", "commune"], name="due_month_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.month:%m/%Y}: {self.n}"


class DueDayTally(models.Model):
    """How many in-use instruments of a commune fall due on a day (read for the current month)."""

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    commune = models.ForeignKey(
        "accounts.Commune", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    due_on = models.DateField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "due_on", "commune"], name="due_day_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.due_on:%d/%m/%Y}: {self.n}"


# --- Bulk import --------------------------------------------------------------------------------


class ImportJob(TimeStampedModel):
    """An uploaded file of instruments (and their verifications), imported in the background.

    Rows are processed in chunks; each chunk's accepted rows, rejected rows and the counters
    are committed together, so `last_committed_row` says where a crashed run resumes.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # Set for a business import: every row belongs to this owner.
    owner = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set for a provincial import: every row must be in this province.
    province = models.ForeignKey(
        "accounts.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("tệp"), upload_to="metrology/imports/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    file_format = models.CharField(max_length=4, choices=Format)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    accepted_rows = models.PositiveIntegerField(default=0)
    rejected_rows = models.PositiveIntegerField(default=0)
    last_committed_row = models.PositiveIntegerField(default=0)
    headers = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The worker running the job holds a lease and renews it after every chunk (heartbeat).
    # A lease past its time means the worker died: the job is picked up again (see imports.job).
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    lease_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("metrology:import_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_leased(self) -> bool:
        """A live worker holds the job (its lease has not run out)."""
        return self.lease_expires_at is not None and self.lease_expires_at > timezone.now()

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker's lease ran out: the worker died (the job is picked up
        again on the next scheduler tick, or at once with "resume")."""
        return self.status == self.Status.RUNNING and not self.is_leased


class ImportRejection(models.Model):
    """A row of an import that was not written, with its cells and the reason in Vietnamese."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rejections")
    row_number = models.PositiveIntegerField()
    cells = models.JSONField(default=list)
    reason = models.TextField()

    class Meta:
        ordering = ["job_id", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "row_number"], name="import_rejection_row")
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.row_number}"
