"""Forums, conferences, campaigns, study tours and the yearly days, with who took part."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.capacity.models.common import Audience
from tdc.core.models import TimeStampedModel


class Event(TimeStampedModel):
    """Something the province (or one of its agencies) held: a dialogue forum with
    businesses, a conference, a campaign, a study tour, or one of the yearly days."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("Diễn đàn đối thoại với doanh nghiệp")
        CONFERENCE = "conference", _("Hội nghị, hội thảo")
        CAMPAIGN = "campaign", _("Chiến dịch truyền thông")
        STUDY_TOUR = "study_tour", _("Đoàn học tập, khảo sát")
        DELEGATION = "delegation", _("Tiếp đoàn, làm việc với đoàn")
        YEARLY_DAY = "yearly_day", _("Ngày kỷ niệm hằng năm")

    class YearlyDay(models.TextChoices):
        WORLD_STANDARDS = "world_standards", _("Ngày Tiêu chuẩn Thế giới (14/10)")
        METROLOGY = "metrology", _("Ngày Đo lường Việt Nam (20/01)")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    organiser = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị tổ chức"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.FORUM)
    yearly_day = models.CharField(
        _("ngày kỷ niệm"), max_length=20, choices=YearlyDay, blank=True, editable=False
    )
    title = models.CharField(_("tên sự kiện"), max_length=300)
    held_on = models.DateField(_("ngày tổ chức"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    summary = models.TextField(_("nội dung, kết quả"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        constraints = [
            # A yearly day exists once per province and year, however often the job runs.
            models.UniqueConstraint(
                "province",
                "yearly_day",
                ExtractYear("held_on"),
                condition=~Q(yearly_day=""),
                name="event_yearly_day_once_a_year",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("capacity:event_detail", args=[self.pk])


class EventAttendance(models.Model):
    """How many people of one audience type took part in an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    audience = models.CharField(_("đối tượng"), max_length=20, choices=Audience)
    count = models.PositiveIntegerField(_("số người"))

    class Meta:
        ordering = ["event_id", "audience"]
        verbose_name = _("số người tham dự")
        verbose_name_plural = _("số người tham dự")
        constraints = [
            models.UniqueConstraint(fields=["event", "audience"], name="event_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_audience_display()}: {self.count}"


class EventReportLink(models.Model):
    """That an agency's progress report (plans) points at an event it held, instead of
    retyping it. Kept here so the plans app needs no field for it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="report_links")
    report = models.ForeignKey("plans.ProgressReport", on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report_id", "event_id"]
        verbose_name = _("sự kiện nêu trong báo cáo")
        verbose_name_plural = _("sự kiện nêu trong báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["event", "report"], name="event_report_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.event_id}"
