"""The standards catalogue, WTO TBT notifications, alert subscriptions and TBT enquiries."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.core.text import fold

_WORDS = re.compile(r"[a-z0-9]+")


def number_key(number: str) -> str:
    """ "TCVN 4193:2014" → "tcvn41932014": a standard's number without accents, case,
    spaces or punctuation, so that every way of writing it finds the same row."""
    return "".join(_WORDS.findall(fold(number)))


def words(text: str) -> str:
    """Folded text as plain words separated by spaces: what both full-text engines index."""
    return " ".join(_WORDS.findall(fold(text)))


def ics_tokens(codes: list[str]) -> list[str]:
    """ "67.140.10" → ["ics67", "ics67140", "ics6714010"]: one token per level, so that a
    search for a field or a group finds the codes below it."""
    tokens: list[str] = []
    for code in codes:
        parts = code.split(".")
        for depth in range(1, len(parts) + 1):
            tokens.append("ics" + "".join(parts[:depth]))
    return tokens


class Standard(TimeStampedModel):
    """A TCVN, QCVN, QCĐP, enterprise standard (TCCS) or international standard."""

    class Kind(models.TextChoices):
        TCVN = "tcvn", _("Tiêu chuẩn quốc gia (TCVN)")
        QCVN = "qcvn", _("Quy chuẩn kỹ thuật quốc gia (QCVN)")
        QCDP = "qcdp", _("Quy chuẩn kỹ thuật địa phương (QCĐP)")
        TCCS = "tccs", _("Tiêu chuẩn cơ sở (TCCS)")
        INTERNATIONAL = "international", _("Tiêu chuẩn quốc tế, khu vực")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("Còn hiệu lực")
        REPLACED = "replaced", _("Đã được thay thế")
        WITHDRAWN = "withdrawn", _("Đã hủy bỏ")

    class Adoption(models.TextChoices):
        NONE = "", _("Không chấp nhận tiêu chuẩn quốc tế")
        IDT = "IDT", _("IDT — tương đương hoàn toàn")
        MOD = "MOD", _("MOD — có sửa đổi")
        NEQ = "NEQ", _("NEQ — không tương đương")

    number = models.CharField(_("số hiệu"), max_length=100)
    number_key = models.CharField(max_length=100, unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.TCVN)
    title_vi = models.CharField(_("tên tiếng Việt"), max_length=500)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    ics = models.JSONField(_("mã ICS"), default=list, blank=True)
    hs = models.JSONField(_("mã HS"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.IN_FORCE
    )
    replaced_by = models.CharField(_("được thay thế bằng"), max_length=100, blank=True)
    adoption = models.CharField(
        _("mức độ chấp nhận"), max_length=3, choices=Adoption, default=Adoption.NONE, blank=True
    )
    adopted_from = models.CharField(_("tiêu chuẩn được chấp nhận"), max_length=200, blank=True)
    decision = models.CharField(_("quyết định công bố"), max_length=200, blank=True)
    committee = models.CharField(_("ban kỹ thuật"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    status_changed_on = models.DateField(_("ngày đổi trạng thái"), null=True, blank=True)
    # What the full-text index holds (SQLite FTS5 table / PostgreSQL tsvector column, see
    # migration 0002): folded plain words, the number weighted above the rest.
    search_number = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["number_key"]
        verbose_name = _("tiêu chuẩn, quy chuẩn")
        verbose_name_plural = _("tiêu chuẩn, quy chuẩn")
        indexes = [
            models.Index(fields=["status", "kind"], name="standard_status_kind"),
            # Named, so that SQLite can be told to list an ICS field's matches by number
            # through it (`INDEXED BY`) instead of sorting them all (see queries.py).
            models.Index(fields=["number_key"], name="standard_number_order"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("standards:standard_detail", args=[self.pk])

    def refresh_search(self) -> None:
        """Recompute the number key and the indexed text from the fields."""
        self.number_key = number_key(self.number)
        compact = self.number_key
        digits = "".join(ch for ch in compact if ch.isdigit())
        self.search_number = " ".join(
            dict.fromkeys([words(self.number), compact, digits, words(self.adopted_from)])
        ).strip()
        self.search_body = " ".join(
            [
                words(self.title_vi),
                words(self.title_en),
                " ".join(ics_tokens(list(self.ics))),
                " ".join("hs" + code for code in self.hs),
                words(self.committee),
            ]
        ).strip()


class StandardChange(models.Model):
    """One step in a standard's history: created, changed, replaced or withdrawn."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Bổ sung vào danh mục")
        CHANGED = "changed", _("Cập nhật thông tin")
        REPLACED = "replaced", _("Được thay thế")
        WITHDRAWN = "withdrawn", _("Bị hủy bỏ")

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind)
    changes = models.JSONField(default=dict, blank=True)
    catalogue_import = models.ForeignKey(
        "CatalogueImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thay đổi của tiêu chuẩn")
        verbose_name_plural = _("thay đổi của tiêu chuẩn")

    def __str__(self) -> str:
        return f"{self.standard} — {self.get_kind_display()}"


class CatalogueImport(models.Model):
    """A catalogue file read and compared with the catalogue, waiting to be applied."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Chờ áp dụng")
        APPLIED = "applied", _("Đã áp dụng")
        DISCARDED = "discarded", _("Đã hủy")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("tên tệp"), max_length=255)
    status = models.CharField(max_length=20, choices=Status, default=Status.PREVIEW)
    rows = models.JSONField(default=list, blank=True)  # the valid rows, normalised
    rejected = models.JSONField(default=list, blank=True)  # [{"row", "number", "reason"}]
    diff = models.JSONField(default=dict, blank=True)  # {"new": [...], "changed": [...], ...}
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt nhập danh mục")
        verbose_name_plural = _("lượt nhập danh mục")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("standards:import_detail", args=[self.pk])


class Notification(TimeStampedModel):
    """A WTO TBT notification (G/TBT/N/…), its addenda, corrigenda and revisions."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thông báo")
        REVISION = "revision", _("Bản sửa đổi (Rev.)")
        ADDENDUM = "addendum", _("Phụ lục (Add.)")
        CORRIGENDUM = "corrigendum", _("Đính chính (Corr.)")

    symbol = models.CharField(_("ký hiệu"), max_length=80, unique=True)
    base_symbol = models.CharField(max_length=40, db_index=True, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.REGULAR)
    member = models.CharField(_("thành viên thông báo"), max_length=10, db_index=True)
    member_name = models.CharField(_("tên thành viên"), max_length=200, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=1000)
    products = models.TextField(_("sản phẩm"), blank=True)
    hs = models.JSONField(_("mã HS"), default=list, blank=True)
    ics = models.JSONField(_("mã ICS"), default=list, blank=True)
    objective = models.TextField(_("mục tiêu"), blank=True)
    distributed_on = models.DateField(_("ngày phân phối"), null=True, blank=True)
    comment_deadline = models.DateField(_("hạn góp ý"), null=True, blank=True)
    link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    summary_vi = models.TextField(_("tóm tắt tiếng Việt"), blank=True)
    search_key = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-distributed_on", "-pk"]
        verbose_name = _("thông báo TBT")
        verbose_name_plural = _("thông báo TBT")

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("standards:notification_detail", args=[self.pk])

    def refresh_search(self) -> None:
        self.search_key = words(
            " ".join([self.symbol, self.member_name, self.title, self.products, self.summary_vi])
        )


class Subscription(TimeStampedModel):
    """What a business wants to be alerted about: HS and ICS prefixes, markets, keywords."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="alert_subscriptions",
        verbose_name=_("doanh nghiệp"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=200)
    email = models.EmailField(_("thư điện tử nhận bản tin"))
    hs_prefixes = models.JSONField(_("mã HS"), default=list, blank=True)
    ics_prefixes = models.JSONField(_("mã ICS"), default=list, blank=True)
    markets = models.JSONField(_("thị trường"), default=list, blank=True)
    keywords = models.JSONField(_("từ khóa"), default=list, blank=True)
    include_standard_changes = models.BooleanField(_("báo cả tiêu chuẩn thay đổi"), default=True)
    is_active = models.BooleanField(_("đang nhận"), default=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation_id", "name"]
        verbose_name = _("đăng ký nhận cảnh báo")
        verbose_name_plural = _("đăng ký nhận cảnh báo")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("standards:subscription_detail", args=[self.pk])


class Digest(models.Model):
    """One day's alert digest for one subscription: sent once, shown in the app."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    day = models.DateField()
    notifications = models.ManyToManyField(Notification, related_name="+", blank=True)
    standard_changes = models.ManyToManyField(StandardChange, related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("bản tin cảnh báo")
        verbose_name_plural = _("bản tin cảnh báo")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "day"], name="digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.subscription} — {self.day:%d/%m/%Y}"


class Enquiry(TimeStampedModel):
    """A business's question to the TBT enquiry point, answered within working days."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang xử lý")
        ANSWERED = "answered", _("Đã trả lời")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="tbt_enquiries"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("tiêu đề"), max_length=300)
    question = models.TextField(_("câu hỏi"))
    market = models.CharField(_("thị trường"), max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    received_on = models.DateField(_("ngày tiếp nhận"))
    due_on = models.DateField(_("hạn trả lời"))
    answer = models.TextField(_("trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_published = models.BooleanField(_("đăng hỏi đáp"), default=False)
    faq_question = models.TextField(_("câu hỏi đăng công khai"), blank=True)
    faq_answer = models.TextField(_("trả lời đăng công khai"), blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("hỏi đáp TBT")
        verbose_name_plural = _("hỏi đáp TBT")

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("standards:enquiry_detail", args=[self.pk])

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_on is None:
            return None
        return self.answered_on <= self.due_on


class Project(TimeStampedModel):
    """Drafting a local regulation (QCĐP) or a TCVN proposal, stage by stage, linked to the
    plan task that asks for it."""

    class Kind(models.TextChoices):
        QCDP = "qcdp", _("Quy chuẩn kỹ thuật địa phương (QCĐP)")
        TCVN = "tcvn", _("Đề xuất tiêu chuẩn quốc gia (TCVN)")
        TCCS = "tccs", _("Tiêu chuẩn cơ sở")

    class Stage(models.TextChoices):
        PROPOSAL = "proposal", _("Đề xuất")
        DRAFTING = "drafting", _("Biên soạn dự thảo")
        COMMENTS = "comments", _("Lấy ý kiến")
        APPRAISAL = "appraisal", _("Thẩm định")
        ISSUED = "issued", _("Ban hành")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="standards_projects"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="standards_projects",
        verbose_name=_("cơ quan chủ trì"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.QCDP)
    title = models.CharField(_("tên dự án"), max_length=300)
    description = models.TextField(_("mục tiêu, phạm vi"), blank=True)
    stage = models.CharField(_("giai đoạn"), max_length=20, choices=Stage, default=Stage.PROPOSAL)
    stage_due_on = models.DateField(_("hạn của giai đoạn"), null=True, blank=True)
    comments_open_until = models.DateField(_("hạn góp ý"), null=True, blank=True)
    plan_task_id = models.PositiveIntegerField(_("nhiệm vụ trong kế hoạch"), null=True, blank=True)
    issued_number = models.CharField(_("số hiệu ban hành"), max_length=100, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("dự án tiêu chuẩn, quy chuẩn")
        verbose_name_plural = _("dự án tiêu chuẩn, quy chuẩn")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("standards:project_detail", args=[self.pk])


class ProjectStep(models.Model):
    """A stage the project entered: when, by whom, until when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(max_length=20, choices=Project.Stage)
    due_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project} — {self.get_stage_display()}"


class ProjectDocument(models.Model):
    """A draft, an explanatory note, an appraisal report… (PDF, DOCX)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    stage = models.CharField(max_length=20, choices=Project.Stage)
    title = models.CharField(_("tên tài liệu"), max_length=300)
    file = models.FileField(upload_to="standards/projects/%Y/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ProjectComment(models.Model):
    """An agency's or a business's comment on the draft, during the comment stage."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("ý kiến"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.created_at:%d/%m/%Y}"
