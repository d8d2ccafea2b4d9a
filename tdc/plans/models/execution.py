"""What happens to a plan after import: assignments, reporting periods and reports, reminders,
indicators and the synthesis report.

The report lifecycle lives here as data (`ProgressReport.State` and `REPORT_TRANSITIONS`); the
services in `tdc.plans.reporting` are the only code that moves a report between states.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.core.text import shorten
from tdc.plans.models.plan import Plan, Target, Task, TaskUnit


class Assignment(TimeStampedModel):
    """That an organisation carries out a task, as its lead (chủ trì) or a partner (phối hợp).

    Created from the task's named units by `assign_plan`; a TĐC officer may add, reassign or
    deactivate them later. `completed_on` is set when DoST accepts a report saying it is done.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="task_assignments",
        verbose_name=_("cơ quan thực hiện"),
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=TaskUnit.Role)
    source = models.ForeignKey(
        TaskUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        help_text=_("Đơn vị được nêu trong văn bản mà phân công này được tạo từ đó."),
    )
    due_date = models.DateField(
        _("hạn riêng"),
        null=True,
        blank=True,
        help_text=_("Để trống để dùng hạn hoàn thành của nhiệm vụ."),
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)

    class Meta:
        ordering = ["task_id", "role", "organisation__name"]
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "organisation"], name="assignment_unique_task_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "is_active"])]

    def __str__(self) -> str:
        return f"{self.task} — {self.organisation} ({self.get_role_display()})"


class ReportingPeriod(TimeStampedModel):
    """A round of reporting on a plan: yearly, six-monthly, quarterly or an ad-hoc request.

    `deadline` is the date agencies are asked to report by (reminders count from it);
    `on_time_cutoff` is the moment up to which a first submission counts as on time. They are
    distinct: a province may accept reports "trước ngày 10/11" until the end of 10/11, or give
    a grace day.
    """

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Hằng năm")
        SEMIANNUAL = "semiannual", _("6 tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        AD_HOC = "ad_hoc", _("Đột xuất")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_periods")
    kind = models.CharField(_("loại kỳ"), max_length=20, choices=Kind, default=Kind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(
        _("số thứ tự trong năm"),
        default=1,
        help_text=_("6 tháng: 1–2; quý: 1–4; đột xuất: 1, 2, …"),
    )
    title = models.CharField(_("tên kỳ báo cáo"), max_length=300)
    request = models.TextField(_("nội dung yêu cầu"), blank=True)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    opened_on = models.DateField(_("ngày yêu cầu"))
    deadline = models.DateField(_("hạn gửi báo cáo"))
    on_time_cutoff = models.DateTimeField(_("mốc tính đúng hạn"))
    working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc"),
        null=True,
        blank=True,
        help_text=_("Nếu có: hạn = ngày yêu cầu cộng bấy nhiêu ngày làm việc."),
    )
    count_working_days = models.BooleanField(
        _("tính hạn theo ngày làm việc"),
        default=False,
        help_text=_("Hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc kế tiếp."),
    )
    synthesis_deadline = models.DateField(
        _("hạn Sở KH&CN báo cáo UBND tỉnh"), null=True, blank=True
    )
    remind_days_before = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=5)
    escalate_days_after = models.PositiveSmallIntegerField(
        _("báo lãnh đạo đơn vị sau hạn (ngày)"), default=3
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("chỉ yêu cầu các cơ quan"),
        help_text=_("Để trống: mọi cơ quan được phân công."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan_id", "-year", "deadline", "kind", "number"]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "year", "number"], name="reporting_period_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="reporting_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:period_detail", args=[self.pk])


class ProgressReportQuerySet(models.QuerySet["ProgressReport"]):
    def expected(self) -> ProgressReportQuerySet:
        """Reports still owed: their assignment and task are in force."""
        return self.filter(assignment__is_active=True, assignment__task__is_active=True)

    def arrived(self) -> ProgressReportQuerySet:
        return self.filter(first_submitted_at__isnull=False)


class ProgressReport(TimeStampedModel):
    """One organisation's report on one assigned task for one reporting period.

    The working copy (the fields below) is private to the organisation until it is submitted;
    every submission is kept as a `ReportVersion` and every step as a `ReportEvent`. `version`
    grows on every save so that two people editing the same draft never overwrite each other.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        PENDING_APPROVAL = "pending_approval", _("Chờ lãnh đạo đơn vị duyệt")
        SUBMITTED = "submitted", _("Đã gửi")
        RESUBMITTED = "resubmitted", _("Đã gửi lại")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa triển khai")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        COMPLETED = "completed", _("Đã hoàn thành")

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="progress_reports",
        verbose_name=_("cơ quan báo cáo"),
    )
    state = models.CharField(_("trạng thái"), max_length=20, choices=State, default=State.DRAFT)
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    progress = models.CharField(
        _("tình hình thực hiện"), max_length=20, choices=Progress, default=Progress.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    results = models.TextField(_("kết quả đạt được"), blank=True)
    figures = models.JSONField(_("số liệu"), default=list, blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_approved = models.BooleanField(
        _("tự phê duyệt"),
        default=False,
        help_text=_(
            "Lãnh đạo đơn vị duyệt báo cáo do chính mình soạn vì đơn vị không có lãnh đạo phê "
            "duyệt nào khác."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = [
            "period_id",
            "assignment__task__position",
            "assignment__task_id",
            "organisation__name",
        ]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "assignment"], name="progress_report_unique_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="progress_report_percent_max_100"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "state"]),
            models.Index(fields=["organisation", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.period} — {self.organisation} — {self.assignment.task}"

    def get_absolute_url(self) -> str:
        return reverse("plans:report_detail", args=[self.pk])

    @property
    def has_arrived(self) -> bool:
        return self.first_submitted_at is not None

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


EDITABLE_STATES = frozenset({ProgressReport.State.DRAFT, ProgressReport.State.RETURNED})
# Where a report can go, per action. `submit` and `approve` pick their target at run time
# (approval needed or not; first submission or not) from the sets below.
REPORT_TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    "submit": {
        ProgressReport.State.DRAFT: frozenset(
            {
                ProgressReport.State.SUBMITTED,
                ProgressReport.State.RESUBMITTED,
                ProgressReport.State.PENDING_APPROVAL,
            }
        ),
        ProgressReport.State.RETURNED: frozenset(
            {ProgressReport.State.RESUBMITTED, ProgressReport.State.PENDING_APPROVAL}
        ),
    },
    "approve": {
        ProgressReport.State.PENDING_APPROVAL: frozenset(
            {ProgressReport.State.SUBMITTED, ProgressReport.State.RESUBMITTED}
        ),
    },
    "send_back": {
        ProgressReport.State.PENDING_APPROVAL: frozenset({ProgressReport.State.DRAFT}),
    },
    "accept": {
        ProgressReport.State.SUBMITTED: frozenset({ProgressReport.State.ACCEPTED}),
        ProgressReport.State.RESUBMITTED: frozenset({ProgressReport.State.ACCEPTED}),
    },
    "return": {
        ProgressReport.State.SUBMITTED: frozenset({ProgressReport.State.RETURNED}),
        ProgressReport.State.RESUBMITTED: frozenset({ProgressReport.State.RETURNED}),
    },
    "reopen": {
        ProgressReport.State.ACCEPTED: frozenset({ProgressReport.State.RETURNED}),
    },
}


class ReportVersion(models.Model):
    """The content of a report as it was sent to DoST (one per submission), kept for diffs."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    content = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report_id", "number"]
        verbose_name = _("phiên bản báo cáo")
        verbose_name_plural = _("phiên bản báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"


class ReportEvent(models.Model):
    """One step in a report's life: who did what, when, from which state to which."""

    class Kind(models.TextChoices):
        SUBMITTED_FOR_APPROVAL = "submitted_for_approval", _("Trình lãnh đạo đơn vị duyệt")
        SENT_BACK = "sent_back", _("Lãnh đạo đơn vị yêu cầu sửa")
        SUBMITTED = "submitted", _("Gửi Sở KH&CN")
        RESUBMITTED = "resubmitted", _("Gửi lại Sở KH&CN")
        RETURNED = "returned", _("Trả lại để bổ sung")
        ACCEPTED = "accepted", _("Tiếp nhận")
        REOPENED = "reopened", _("Mở lại báo cáo đã tiếp nhận")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("hành động"), max_length=30, choices=Kind)
    from_state = models.CharField(max_length=20, choices=ProgressReport.State)
    to_state = models.CharField(max_length=20, choices=ProgressReport.State)
    version = models.PositiveIntegerField(_("phiên bản"))
    note = models.TextField(_("ghi chú"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["report_id", "at", "id"]
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = _("các bước xử lý báo cáo")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y %H:%M})"


class Evidence(models.Model):
    """A file attached to a report as evidence (minh chứng)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to="plans/evidence/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Gỡ khỏi bản đang soạn; vẫn giữ vì có thể thuộc một phiên bản đã gửi."),
    )

    class Meta:
        ordering = ["report_id", "uploaded_at", "id"]
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.name


class ExplanationRequest(TimeStampedModel):
    """DoST's written request that a late agency explain itself, and the agency's answer."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="explanation_requests"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="explanation_requests",
        verbose_name=_("cơ quan"),
    )
    message = models.TextField(_("nội dung yêu cầu"))
    due_date = models.DateField(_("hạn giải trình"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.TextField(_("nội dung giải trình"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("giải trình lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("yêu cầu giải trình")
        verbose_name_plural = _("yêu cầu giải trình")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("plans:explanation_detail", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.responded_at is not None


class Notification(models.Model):
    """An in-app message for one person (the bell); e-mailed once by a background job."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Nhắc hạn báo cáo")
        REPORT = "report", _("Báo cáo tiến độ")
        EXPLANATION = "explanation", _("Yêu cầu giải trình")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class ReminderLog(models.Model):
    """That a person was reminded of a report at a stage: the guard against sending twice."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("Sắp đến hạn")
        DUE_TODAY = "due_today", _("Đến hạn hôm nay")
        OVERDUE = "overdue", _("Quá hạn")
        ESCALATED = "escalated", _("Báo lãnh đạo đơn vị")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    stage = models.CharField(max_length=20, choices=Stage)
    sent_on = models.DateField()
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nhật ký nhắc hạn")
        verbose_name_plural = _("nhật ký nhắc hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "recipient", "stage"], name="reminder_sent_once_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.recipient_id}: {self.stage}"


class Indicator(TimeStampedModel):
    """A target tracked to its deadline: baseline, target value, comparator, actual values.

    Created from each parsed `Target` of a plan (`target` set) or added by a TĐC officer.
    Values are entered with their source, or computed from a registered metric (`metric_key`).
    """

    class Aggregation(models.TextChoices):
        LEVEL = "level", _("Giá trị tại thời điểm (tỷ lệ, mức)")
        CUMULATIVE = "cumulative", _("Cộng dồn qua các kỳ")
        ANNUAL = "annual", _("Đạt trong từng năm")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    target = models.OneToOneField(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicator"
    )
    name = models.TextField(_("tên chỉ tiêu"))
    unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True)
    comparator = models.CharField(
        _("so sánh"), max_length=2, choices=Target.Comparator, default=Target.Comparator.AT_LEAST
    )
    target_value = models.DecimalField(_("giá trị mục tiêu"), max_digits=14, decimal_places=2)
    baseline = models.DecimalField(
        _("giá trị ban đầu"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("thời điểm giá trị ban đầu"), null=True, blank=True)
    deadline = models.DateField(_("hạn đạt chỉ tiêu"))
    aggregation = models.CharField(
        _("cách tính"), max_length=20, choices=Aggregation, default=Aggregation.LEVEL
    )
    metric_key = models.CharField(
        _("tính tự động từ"),
        max_length=100,
        blank=True,
        help_text=_("Để trống nếu nhập số liệu bằng tay."),
    )
    source_note = models.CharField(_("căn cứ"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position", "id"]
        verbose_name = _("chỉ tiêu theo dõi")
        verbose_name_plural = _("chỉ tiêu theo dõi")

    def __str__(self) -> str:
        return shorten(self.name, 100)

    def get_absolute_url(self) -> str:
        return reverse("plans:indicator_detail", args=[self.pk])


class IndicatorValue(TimeStampedModel):
    """An indicator's actual value for one period, entered (with its source) or computed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2)
    source = models.CharField(_("nguồn số liệu"), max_length=300)
    is_computed = models.BooleanField(_("tính tự động"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator_id", "period_end"]
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"], name="indicator_value_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="indicator_value_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_end:%d/%m/%Y}: {self.value}"


class Synthesis(TimeStampedModel):
    """DoST's report on a plan for one reporting period, to the People's Committee.

    An editable draft until finalised; finalising stores the generated DOCX and XLSX and the
    content snapshot they were made from, and nothing changes afterwards.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        FINAL = "final", _("Đã hoàn thành")

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.PROTECT, related_name="synthesis"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=0)
    doc_number = models.CharField(
        _("số văn bản"), max_length=20, blank=True, help_text=_("Để trống khi chưa lấy số.")
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-SKHCN")
    doc_date = models.DateField(_("ngày văn bản"))
    place = models.CharField(_("địa danh"), max_length=100)
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=200)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    subject = models.TextField(_("trích yếu"))
    addressee = models.CharField(_("kính gửi"), max_length=300)
    intro = models.TextField(_("mở đầu"))
    assessment = models.TextField(_("đánh giá chung"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    next_tasks = models.TextField(_("nhiệm vụ trọng tâm kỳ tới"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    closing = models.TextField(_("kết thúc"))
    signer_authority = models.CharField(_("quyền hạn ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    recipients = models.TextField(_("nơi nhận"))
    snapshot = models.JSONField(_("số liệu tổng hợp"), default=dict)
    snapshot_at = models.DateTimeField(_("số liệu cập nhật lúc"), null=True, blank=True)
    docx = models.FileField(upload_to="plans/syntheses/", blank=True)
    xlsx = models.FileField(upload_to="plans/syntheses/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-doc_date", "-id"]
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")

    def __str__(self) -> str:
        return shorten(self.subject, 100)

    def get_absolute_url(self) -> str:
        return reverse("plans:synthesis_detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL
