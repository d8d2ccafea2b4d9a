"""Training (đào tạo, bồi dưỡng, tập huấn): courses, their sessions and participants, the
province's officials whose training the targets count, and attendance-sheet imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.capacity.models.common import Audience
from tdc.core.models import TimeStampedModel


class Course(TimeStampedModel):
    """A training course, class or workshop held in the province (or a curriculum that
    teaches TĐC content at a university or vocational school)."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Lớp đào tạo, bồi dưỡng")
        WORKSHOP = "workshop", _("Lớp tập huấn")
        INSPECTION = "inspection", _("Đào tạo nghiệp vụ kiểm tra")
        CURRICULUM = "curriculum", _("Chương trình giảng dạy có nội dung TĐC")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    organiser = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị tổ chức"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.WORKSHOP)
    title = models.CharField(_("tên lớp"), max_length=300)
    topic = models.CharField(_("chủ đề"), max_length=300, blank=True)
    audience = models.CharField(
        _("đối tượng chính"), max_length=20, choices=Audience, default=Audience.BUSINESSES
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    institution = models.CharField(
        _("cơ sở đào tạo"),
        max_length=300,
        blank=True,
        help_text=_("Với chương trình giảng dạy: trường đại học, cao đẳng, trường nghề."),
    )
    certificate_months = models.PositiveSmallIntegerField(
        _("chứng chỉ có hiệu lực (tháng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu chứng chỉ không có thời hạn."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_key = models.CharField(max_length=700, db_index=True, editable=False)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("lớp đào tạo, tập huấn")
        verbose_name_plural = _("lớp đào tạo, tập huấn")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="course_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("capacity:course_detail", args=[self.pk])


class Session(models.Model):
    """One day or half-day of a course: its date, place and topic."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("ngày"))
    topic = models.CharField(_("nội dung"), max_length=300)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    lecturer = models.CharField(_("giảng viên"), max_length=200, blank=True)

    class Meta:
        ordering = ["course_id", "held_on", "id"]
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} {self.topic}"


class Participant(models.Model):
    """A person who attended a course, once per course: the same organisation and name
    (accent- and case-insensitive) is the same person."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="participants")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    organisation_name = models.CharField(_("cơ quan, đơn vị"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tổ chức trong danh bạ"),
    )
    audience = models.CharField(_("đối tượng"), max_length=20, choices=Audience)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    attended_on = models.DateField(_("ngày tham dự"), null=True, blank=True)
    certificate_number = models.CharField(_("số chứng chỉ"), max_length=60, blank=True)
    certificate_expires_on = models.DateField(_("chứng chỉ hết hạn"), null=True, blank=True)
    name_key = models.CharField(max_length=200, editable=False)
    organisation_key = models.CharField(max_length=300, editable=False)

    class Meta:
        ordering = ["course_id", "full_name", "id"]
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "organisation_key", "name_key"],
                name="participant_once_per_course",
                violation_error_message=_("Người này đã có trong danh sách lớp."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class Official(TimeStampedModel):
    """A civil servant of the province working on standards, metrology and quality: the
    people the targets "50% cán bộ, công chức … được đào tạo" count."""

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    is_inspector = models.BooleanField(_("làm công tác kiểm tra"), default=False)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    name_key = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["organisation_id", "full_name"]
        verbose_name = _("cán bộ, công chức")
        verbose_name_plural = _("cán bộ, công chức")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name_key"],
                name="official_once_per_organisation",
                violation_error_message=_("Cơ quan này đã có người cùng họ tên trong danh sách."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class AttendanceImport(TimeStampedModel):
    """One attendance sheet read into a course: what came in, what was refused and why."""

    class Status(models.TextChoices):
        DONE = "done", _("Đã nhập")
        REJECTED = "rejected", _("Không nhập: có dòng lỗi")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(_("tệp"), max_length=255)
    status = models.CharField(_("kết quả"), max_length=20, choices=Status)
    added = models.PositiveIntegerField(_("số người thêm"), default=0)
    merged = models.PositiveIntegerField(_("số dòng trùng đã gộp"), default=0)
    # [{"row": 7, "name": "…", "organisation": "…", "message": "…", "blocking": true}, …]
    problems = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần nhập danh sách học viên")
        verbose_name_plural = _("lần nhập danh sách học viên")

    def __str__(self) -> str:
        return self.file_name
