"""System-to-system access and outbound events: API clients (OAuth 2.0 client credentials),
event subscriptions (webhooks) and their deliveries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import Application


class ApiClient(models.Model):
    """Another system allowed to call the API with client credentials.

    It acts as its own service account (`user`: no password, one role, one organisation), so
    every door of the API applies to it exactly as to a person's token; its `scopes` narrow
    further which modules it may read or write. Revoking deletes the OAuth application (and
    with it every token) and keeps this record for the audit trail."""

    name = models.CharField(_("tên hệ thống"), max_length=200)
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="tdc_client"
    )
    client_id = models.CharField(_("mã khách (client_id)"), max_length=100, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    scopes = models.JSONField(_("phạm vi"), default=list)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("gọi gần nhất"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("hệ thống kết nối")
        verbose_name_plural = _("hệ thống kết nối")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Subscription(models.Model):
    """A system that wants to hear of events: where to POST them, signed with `secret`."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang gửi")
        PAUSED = "paused", _("Tạm dừng")

    name = models.CharField(_("tên"), max_length=200)
    url = models.URLField(_("địa chỉ nhận (URL)"), max_length=500)
    secret = models.CharField(max_length=100, editable=False)
    event_types = models.JSONField(_("loại sự kiện"), default=list)
    allow_intranet = models.BooleanField(
        _("cho phép địa chỉ mạng nội bộ"),
        default=False,
        help_text=_("Chỉ bật cho hệ thống trong mạng nội bộ của tỉnh (địa chỉ IP riêng)."),
    )
    owner_email = models.EmailField(_("thư điện tử người phụ trách"))
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    paused_reason = models.CharField(max_length=300, blank=True)
    failing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("đăng ký nhận sự kiện")
        verbose_name_plural = _("đăng ký nhận sự kiện")

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """One event to one subscriber, with its attempts' outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        HELD = "held", _("Giữ lại (tạm dừng)")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    occurred_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("lượt gửi sự kiện")
        verbose_name_plural = _("lượt gửi sự kiện")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="exchange_delivery_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="exchange_delivery_due",
                condition=models.Q(status="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription}"
