"""Citizen reports (phản ánh, tố cáo) and what handling them leaves behind.

The reporter's identity lives in its own table (`Reporter`), encrypted, with no reverse
accessor from `Complaint`: nothing that loads a complaint can pick it up by accident. Read it
only through `tdc.complaints.access` (see docs/decisions/0001-…).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def open(self) -> ComplaintQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def handled(self) -> ComplaintQuerySet:
        return self.filter(status__in=HANDLED_STATUSES)

    def overdue(self, today: dt.date) -> ComplaintQuerySet:
        """Open complaints whose current step is past its deadline."""
        S = Complaint.Status
        return self.filter(
            Q(status=S.RECEIVED, acknowledge_due__lt=today)
            | Q(status=S.ACCEPTED, assign_due__lt=today)
            | Q(status__in=[S.ACCEPTED, S.ASSIGNED, S.VERIFYING], conclude_due__lt=today)
        )


class Complaint(TimeStampedModel):
    """A citizen's report of a suspected violation of standards, metrology or quality rules."""

    class Category(models.TextChoices):
        MEASUREMENT_FRAUD = "measurement_fraud", _("Cân sai, gian lận đo lường")
        FUEL_DISPENSER = "fuel_dispenser", _("Cột đo xăng dầu")
        UTILITY_METER = "utility_meter", _("Đồng hồ nước, điện")
        TAXIMETER = "taximeter", _("Taximet")
        COUNTERFEIT = "counterfeit", _("Hàng giả, hàng kém chất lượng")
        LABELLING = "labelling", _("Ghi nhãn hàng hóa")
        BARCODE = "barcode", _("Mã số mã vạch")
        UNKNOWN_ORIGIN = "unknown_origin", _("Hàng không rõ nguồn gốc")
        OTHER = "other", _("Khác")

    class Channel(models.TextChoices):
        """How the report reached us: the web form, or staff entered it from another channel."""

        WEB = "web", _("Cổng trực tuyến")
        HOTLINE = "hotline", _("Đường dây nóng")
        PHONE = "phone", _("Điện thoại")
        EMAIL = "email", _("Thư điện tử")
        LETTER = "letter", _("Đơn, thư")
        WALK_IN = "walk_in", _("Trực tiếp tại cơ quan")

    class Track(models.TextChoices):
        TIP = "tip", _("Phản ánh")
        DENUNCIATION = "denunciation", _("Tố cáo")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        ACCEPTED = "accepted", _("Đã thụ lý")
        REJECTED = "rejected", _("Không thụ lý")
        ASSIGNED = "assigned", _("Đã giao xử lý")
        VERIFYING = "verifying", _("Đang xác minh")
        CONCLUDED = "concluded", _("Đã có kết luận")
        CLOSED = "closed", _("Đã đóng")

    class RejectionReason(models.TextChoices):
        OUT_OF_SCOPE = "out_of_scope", _("Không thuộc phạm vi")
        DUPLICATE = "duplicate", _("Trùng lặp")
        INSUFFICIENT = "insufficient", _("Không đủ thông tin")

    class Outcome(models.TextChoices):
        VIOLATION_CONFIRMED = "violation_confirmed", _("Có vi phạm")
        NOT_CONFIRMED = "not_confirmed", _("Không phát hiện vi phạm")
        TRANSFERRED = "transferred", _("Chuyển cơ quan có thẩm quyền")

    reference = models.CharField(_("mã hồ sơ"), max_length=20, unique=True, editable=False)
    category = models.CharField(_("lĩnh vực"), max_length=30, choices=Category)
    track = models.CharField(_("diện xử lý"), max_length=20, choices=Track, default=Track.TIP)
    channel = models.CharField(
        _("kênh tiếp nhận"), max_length=20, choices=Channel, default=Channel.WEB
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cán bộ nhập"),
    )
    is_anonymous = models.BooleanField(_("ẩn danh"), default=True)
    province = models.ForeignKey(
        "accounts.Province",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("tỉnh, thành phố"),
    )
    commune = models.ForeignKey(
        "accounts.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("xã, phường, đặc khu"),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    business_name = models.CharField(_("cơ sở bị phản ánh"), max_length=200, blank=True)
    business_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    occurred_on = models.DateField(_("ngày xảy ra"), null=True, blank=True)
    description = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.RECEIVED, db_index=True
    )
    rejection_reason = models.CharField(
        _("lý do không thụ lý"), max_length=20, choices=RejectionReason, blank=True
    )
    outcome = models.CharField(_("kết quả"), max_length=30, choices=Outcome, blank=True)
    conclusion = models.TextField(_("kết luận công khai"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("cơ quan xử lý"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
        verbose_name=_("cán bộ xử lý"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
        verbose_name=_("trùng với hồ sơ"),
    )
    acknowledged_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("thụ lý lúc"), null=True, blank=True)
    handled_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    acknowledge_due = models.DateField(_("hạn xác nhận"), null=True, blank=True)
    assign_due = models.DateField(_("hạn giao xử lý"), null=True, blank=True)
    conclude_due = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("số ngày gia hạn"), default=0)
    extension_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    handled_on_time = models.BooleanField(_("xử lý đúng hạn"), null=True, blank=True)
    search_key = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["province", "created_at"]),
            models.Index(fields=["commune", "category", "business_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(track="denunciation") | Q(is_anonymous=False),
                name="complaint_denunciation_has_identity",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="complaint_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="concluded") | ~Q(outcome=""),
                name="complaint_conclusion_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__lte=60), name="complaint_extension_at_most_60_days"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_handled(self) -> bool:
        return self.status in HANDLED_STATUSES

    @property
    def current_step(self) -> str:
        """The step whose deadline runs now: acknowledge, assign, conclude, or ''."""
        S = Complaint.Status
        if self.status == S.RECEIVED:
            return "acknowledge"
        if self.status == S.ACCEPTED:
            return "assign"
        if self.status in (S.ASSIGNED, S.VERIFYING):
            return "conclude"
        return ""

    @property
    def current_due(self) -> dt.date | None:
        return {
            "acknowledge": self.acknowledge_due,
            "assign": self.assign_due,
            "conclude": self.conclude_due,
        }.get(self.current_step)


OPEN_STATUSES = (
    Complaint.Status.RECEIVED,
    Complaint.Status.ACCEPTED,
    Complaint.Status.ASSIGNED,
    Complaint.Status.VERIFYING,
)
HANDLED_STATUSES = (
    Complaint.Status.REJECTED,
    Complaint.Status.CONCLUDED,
    Complaint.Status.CLOSED,
)

# The lifecycle. Back to ACCEPTED only when a complaint is rerouted to another organisation.
S = Complaint.Status
TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.ACCEPTED, S.REJECTED},
    S.ACCEPTED: {S.ASSIGNED, S.REJECTED, S.CONCLUDED},
    S.ASSIGNED: {S.VERIFYING, S.REJECTED, S.CONCLUDED, S.ACCEPTED},
    S.VERIFYING: {S.CONCLUDED, S.REJECTED, S.ACCEPTED},
    S.CONCLUDED: {S.CLOSED},
    S.REJECTED: {S.CLOSED},
    S.CLOSED: set(),
}
del S


class Reporter(models.Model):
    """Who filed a complaint, sealed with authenticated encryption. Confidential.

    Only `tdc.complaints.access` (and `notifications`, to write to the citizen) read this
    table. `related_name="+"`: a complaint has no `.reporter` to follow by accident.
    """

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    sealed_identity = models.TextField()
    key_id = models.CharField(max_length=16, db_index=True)
    wants_email_updates = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("danh tính người phản ánh (mã hóa)")
        verbose_name_plural = _("danh tính người phản ánh (mã hóa)")

    def __str__(self) -> str:
        return f"identity #{self.pk}"


class Receipt(models.Model):
    """The citizen's key to follow a complaint. Only the SHA-256 of the code is stored."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="receipt")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("biên nhận")
        verbose_name_plural = _("biên nhận")

    def __str__(self) -> str:
        return f"receipt #{self.pk}"


class Message(models.Model):
    """One entry of a complaint's conversation: a question, a citizen's reply, a note, an update."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Câu hỏi cho người phản ánh")
        REPLY = "reply", _("Trả lời của người phản ánh")
        NOTE = "note", _("Ghi chú nội bộ")
        UPDATE = "update", _("Cập nhật công khai")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind)
    body = models.TextField(_("nội dung"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người viết"),
    )
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    status = models.CharField(max_length=20, blank=True)  # the status an update announced
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("trao đổi")
        verbose_name_plural = _("trao đổi")

    def __str__(self) -> str:
        return f"{self.complaint} {self.kind} #{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.kind != Message.Kind.NOTE


def _attachment_path(instance: Attachment, filename: str) -> str:
    """Random names only: a citizen's file name may say who they are."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"complaints/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """A photo or PDF: images are re-encoded without metadata before they are stored.

    A file that cannot be processed is kept as a row with `status=failed` and a reason, so that
    the report and the citizen both know what did not arrive.
    """

    class Kind(models.TextChoices):
        IMAGE = "image", _("Ảnh")
        PDF = "pdf", _("Tệp PDF")
        UNKNOWN = "unknown", _("Không xác định")

    class Status(models.TextChoices):
        STORED = "stored", _("Đã lưu")
        FAILED = "failed", _("Không lưu được")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status)
    file = models.FileField(upload_to=_attachment_path, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    failure_reason = models.CharField(_("lý do"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure_reason=""),
                name="attachment_failure_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class IdentityDisclosureRequest(models.Model):
    """A handler's request to see who filed a complaint, decided by a complaint custodian."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ quyết định")
        APPROVED = "approved", _("Đã chấp thuận")
        REFUSED = "refused", _("Từ chối")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="disclosure_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    decision_note = models.TextField(_("ý kiến"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("hiệu lực đến"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("yêu cầu công khai danh tính")
        verbose_name_plural = _("yêu cầu công khai danh tính")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "requested_by"],
                condition=Q(status="pending"),
                name="disclosure_one_pending_per_handler",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint} — {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:disclosure_detail", args=[self.pk])


class RoutingRule(TimeStampedModel):
    """Which organisation handles a category of report in an area.

    The most specific rule wins: category and commune, then category in the province, then
    any category in the commune, then any category in the province; with none, the province's
    DoST.
    """

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    commune = models.ForeignKey(
        "accounts.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("xã, phường (để trống: cả tỉnh)"),
    )
    category = models.CharField(
        _("lĩnh vực (để trống: mọi lĩnh vực)"),
        max_length=30,
        choices=Complaint.Category,
        blank=True,
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan xử lý"),
    )

    class Meta:
        ordering = ["province_id", "category", "commune_id"]
        verbose_name = _("quy tắc định tuyến")
        verbose_name_plural = _("quy tắc định tuyến")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "category"],
                condition=Q(commune__isnull=True),
                name="routing_rule_unique_province_category",
                violation_error_message=_("Đã có quy tắc cho lĩnh vực và địa bàn này."),
            ),
            models.UniqueConstraint(
                fields=["commune", "category"],
                condition=Q(commune__isnull=False),
                name="routing_rule_unique_commune_category",
                violation_error_message=_("Đã có quy tắc cho lĩnh vực và địa bàn này."),
            ),
        ]

    def __str__(self) -> str:
        where = self.commune.name if self.commune_id and self.commune else "cả tỉnh"
        what = self.get_category_display() if self.category else "mọi lĩnh vực"
        return f"{what} @ {where} → {self.organisation}"


class Transfer(models.Model):
    """A complaint handed to another authority (market management, police, …), without identity."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="transfers")
    authority = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan nhận"),
    )
    authority_name = models.CharField(_("tên cơ quan nhận"), max_length=300)
    authority_email = models.EmailField(_("thư điện tử cơ quan nhận"), blank=True)
    reason = models.TextField(_("lý do"))
    sanitised_copy = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("chuyển cơ quan khác")
        verbose_name_plural = _("chuyển cơ quan khác")

    def __str__(self) -> str:
        return f"{self.complaint} → {self.authority_name}"


class ReminderLog(models.Model):
    """A reminder or escalation that was sent: the record that makes reminders idempotent."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Nhắc hạn")
        ESCALATION = "escalation", _("Báo cáo lãnh đạo (quá hạn)")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(max_length=20)
    kind = models.CharField(max_length=20, choices=Kind)
    due_on = models.DateField()
    recipients = models.JSONField(default=list)  # user ids
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "step", "kind", "due_on"], name="reminder_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint} {self.step} {self.kind} {self.due_on}"


class Throttle(models.Model):
    """A fixed-window counter for rate limits (per address, per receipt).

    Kept in the database so that every worker and machine shares it; `key` is an HMAC of the
    scope and the address or receipt, so no address is stored.
    """

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="throttle_unique_window")
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.window_start:%H:%M} {self.count}"

    def natural_key(self) -> tuple[Any, ...]:
        return (self.key, self.window_start)
