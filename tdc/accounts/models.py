from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.core.text import fold


class Province(models.Model):
    """A province-level unit after the 2025 reform (34 of them), from `vietnam-provinces`."""

    code = models.PositiveIntegerField(_("mã"), primary_key=True)
    name = models.CharField(_("tên"), max_length=100)
    codename = models.CharField(max_length=100, unique=True)
    division_type = models.CharField(_("loại"), max_length=40)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        return self.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")


class Commune(models.Model):
    """A commune, ward or special zone (xã, phường, đặc khu): the level below the province."""

    code = models.PositiveIntegerField(_("mã"), primary_key=True)
    name = models.CharField(_("tên"), max_length=100)
    codename = models.CharField(max_length=100)
    division_type = models.CharField(_("loại"), max_length=40)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("tỉnh")
    )
    search_key = models.CharField(max_length=120, db_index=True, editable=False)

    class Meta:
        ordering = ["province_id", "name"]
        verbose_name = _("xã, phường, đặc khu")
        verbose_name_plural = _("xã, phường, đặc khu")

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    """A body that owns records and holds users: a department, a commune, a business, …"""

    class Kind(models.TextChoices):
        PROVINCIAL_COMMITTEE = "provincial_committee", _("UBND tỉnh")
        DOST = "dost", _("Sở Khoa học và Công nghệ")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        COMMUNE_COMMITTEE = "commune_committee", _("UBND xã, phường, đặc khu")
        BUSINESS = "business", _("Doanh nghiệp")
        TESTING_BODY = "testing_body", _("Tổ chức thử nghiệm, kiểm định")
        MINISTRY = "ministry", _("Bộ Khoa học và Công nghệ")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=Kind, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("tỉnh"),
    )
    commune = models.ForeignKey(
        Commune,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("xã, phường"),
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    search_key = models.CharField(max_length=600, db_index=True, editable=False)

    class Meta:
        ordering = ["province_id", "kind", "name"]
        verbose_name = _("cơ quan, tổ chức")
        verbose_name_plural = _("cơ quan, tổ chức")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="organisation_unique_name"),
            # "The DoST of this province" owns the province's plans and receives the complaints
            # no routing rule claims: there is exactly one, never the first of several by name.
            models.UniqueConstraint(
                fields=["province"],
                condition=Q(kind="dost"),
                name="organisation_one_dost_per_province",
                violation_error_message=_(
                    "Tỉnh này đã có Sở Khoa học và Công nghệ: mỗi tỉnh chỉ có một cơ quan "
                    "thuộc loại này."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation_detail", args=[self.pk])

    def refresh_search_key(self) -> None:
        parts = [self.name, self.short_name, *[str(a) for a in self.aliases]]
        self.search_key = fold(" | ".join(p for p in parts if p))[:600]

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    TDC_OFFICER = "tdc_officer", _("Cán bộ TĐC (Sở KH&CN)")
    AGENCY_REPORTER = "agency_reporter", _("Cán bộ báo cáo của cơ quan")
    AGENCY_APPROVER = "agency_approver", _("Lãnh đạo phê duyệt của cơ quan")
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ UBND xã, phường")
    BUSINESS_USER = "business_user", _("Người dùng doanh nghiệp")
    LEADERSHIP_VIEWER = "leadership_viewer", _("Lãnh đạo tỉnh (chỉ xem)")
    COMPLAINT_CUSTODIAN = "complaint_custodian", _("Người quản lý bí mật danh tính")
    MINISTRY_VIEWER = "ministry_viewer", _("Bộ KH&CN (chỉ xem)")


class User(AbstractUser):
    """A person who logs in. Belongs to one organisation and holds one or more roles."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("cơ quan, tổ chức"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    job_title = models.CharField(_("chức vụ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def roles(self) -> frozenset[str]:
        """The user's roles, loaded once per request."""
        cached: frozenset[str] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True))
            self._roles_cache = cached
        return cached

    def forget_roles(self) -> None:
        self.__dict__.pop("_roles_cache", None)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in Role.values if r in self.roles]

    @property
    def province_id(self) -> int | None:
        if self.organisation is None:
            return None
        return self.organisation.province_id


class RoleGrant(models.Model):
    """That a user holds a role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò được giao")
        verbose_name_plural = _("vai trò được giao")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def natural_key(self) -> tuple[Any, ...]:
        return (self.prefix,)
