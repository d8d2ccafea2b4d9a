"""Traceability: a business's products, lots and places, and the EPCIS events captured about
them. Events and their identifiers are partitioned by province on PostgreSQL (migration 0002),
as the instrument register is, so a province's millions of events stay one index scan away."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel
from tdc.traceability.gs1 import private_location_id
from tdc.traceability.gs1.epc import link_to_epc
from tdc.traceability.gs1.links import DigitalLink


class Product(TimeStampedModel):
    """A trade item of a business, by its GTIN: what the public page says about it."""

    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="traceable_products",
        verbose_name=_("doanh nghiệp"),
    )
    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    gtin = models.CharField(_("mã GTIN"), max_length=14, unique=True)
    name = models.CharField(_("tên sản phẩm"), max_length=200)
    brand = models.CharField(_("nhãn hiệu"), max_length=120, blank=True)
    category = models.CharField(_("nhóm sản phẩm"), max_length=120, blank=True)
    description = models.TextField(_("mô tả"), max_length=2000, blank=True)
    image = models.ImageField(_("ảnh"), upload_to="truy-xuat/san-pham/", blank=True)
    published = models.BooleanField(_("công khai"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sản phẩm truy xuất")
        verbose_name_plural = _("sản phẩm truy xuất")

    def __str__(self) -> str:
        return f"{self.name} ({self.gtin})"

    def get_absolute_url(self) -> str:
        return reverse("traceability:product_detail", args=[self.pk])

    def public_path(self) -> str:
        return f"/01/{self.gtin}"


class Place(TimeStampedModel):
    """Where a business works: a GLN when it has one, otherwise a private identifier
    (`urn:tdc:loc:<business>:<code>`) — a household farm, a cooperative's drying yard."""

    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="traceable_places",
        verbose_name=_("doanh nghiệp"),
    )
    code = models.SlugField(_("mã địa điểm"), max_length=40)
    name = models.CharField(_("tên địa điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    gln = models.CharField(_("mã GLN"), max_length=13, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("địa điểm")
        verbose_name_plural = _("địa điểm")
        constraints = [
            models.UniqueConstraint(fields=["owner", "code"], name="traceability_place_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def identifier(self) -> str:
        if self.gln:
            return link_to_epc(DigitalLink(gln=self.gln))
        return private_location_id(str(self.owner_id), self.code)


class Lot(TimeStampedModel):
    """A batch of a product (GS1 AI 10): what a QR label names and the public page traces."""

    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="lots", verbose_name=_("sản phẩm")
    )
    number = models.CharField(_("số lô"), max_length=20)
    produced_on = models.DateField(_("ngày sản xuất"), null=True, blank=True)
    best_before = models.DateField(_("hạn sử dụng"), null=True, blank=True)
    quantity = models.DecimalField(
        _("số lượng"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị"), max_length=3, default="KGM")
    published = models.BooleanField(_("công khai"), default=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lô hàng")
        verbose_name_plural = _("lô hàng")
        constraints = [
            models.UniqueConstraint(fields=["product", "number"], name="traceability_lot_number")
        ]

    def __str__(self) -> str:
        return f"{self.product.name} – lô {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("traceability:lot_detail", args=[self.pk])

    def public_path(self) -> str:
        return DigitalLink(gtin=self.product.gtin, lot=self.number).path()

    @property
    def epc_class(self) -> str:
        return link_to_epc(DigitalLink(gtin=self.product.gtin, lot=self.number))


class Capture(models.Model):
    """One accepted EPCIS document: who sent it, how many events, how many were new."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    province = models.ForeignKey("accounts.Province", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    event_count = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    declared_count = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20, default="api")  # api, form, import

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="trace_capture_owner")]

    def __str__(self) -> str:
        return str(self.pk)


class Event(models.Model):
    """One EPCIS event as captured (`body`, with the document's prefixes), with the fields the
    standard's queries filter on. Partitioned by province on PostgreSQL: the primary key there
    is (id, province_id)."""

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    owner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    capture = models.ForeignKey(
        Capture, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    event_hash = models.CharField(max_length=100)
    event_id = models.CharField(max_length=300, blank=True)  # the eventID the document declared
    type = models.CharField(max_length=30)
    event_time = models.DateTimeField()
    time_zone_offset = models.CharField(max_length=6)
    record_time = models.DateTimeField()
    action = models.CharField(max_length=10, blank=True)
    biz_step = models.CharField(max_length=200, blank=True)
    disposition = models.CharField(max_length=200, blank=True)
    read_point = models.CharField(max_length=300, blank=True)  # canonical form
    biz_location = models.CharField(max_length=300, blank=True)  # canonical form
    body = models.JSONField()
    prefixes = models.JSONField(default=dict)
    error_declared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event_time", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "event_hash"], name="traceability_event_once_per_province"
            )
        ]
        indexes = [
            models.Index(fields=["event_hash"], name="trace_event_hash"),
            models.Index(fields=["event_id"], name="trace_event_id"),
            models.Index(fields=["owner", "event_time"], name="trace_event_owner_time"),
            models.Index(fields=["event_time", "id"], name="trace_event_time"),
            models.Index(fields=["record_time"], name="trace_event_record_time"),
            models.Index(fields=["biz_step", "event_time"], name="trace_event_step"),
            models.Index(fields=["read_point"], name="trace_event_read_point"),
            models.Index(fields=["biz_location"], name="trace_event_location"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.event_time:%d/%m/%Y %H:%M}"


class EventEpc(models.Model):
    """One identifier an event names (epcList, parentID, childEPCs, quantity classes…), in its
    canonical Digital Link form, with the GTIN, lot and serial it carries — the index behind
    "events of this EPC" and "events of this GTIN and lot". Partitioned like events."""

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    event = models.ForeignKey(
        Event, on_delete=models.DO_NOTHING, db_constraint=False, related_name="epcs"
    )
    role = models.CharField(max_length=20)
    epc = models.CharField(max_length=300)
    gtin = models.CharField(max_length=14, blank=True)
    lot = models.CharField(max_length=20, blank=True)
    serial = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["epc"], name="trace_epc_value"),
            models.Index(fields=["gtin", "lot"], name="trace_epc_gtin_lot"),
        ]

    def __str__(self) -> str:
        return self.epc


class NamedQuery(TimeStampedModel):
    """A saved query of the EPCIS interface (`/epcis/queries/{name}`), owned by one user."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="epcis_queries"
    )
    name = models.SlugField(max_length=80)
    parameters = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="traceability_query_name")
        ]

    def __str__(self) -> str:
        return self.name


class PageScan(models.Model):
    """A visit of a public product page (counted per day and GTIN, nothing about the visitor)."""

    gtin = models.CharField(max_length=14)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gtin", "day"], name="traceability_scan_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.gtin} {self.day}"


class LotImport(TimeStampedModel):
    """One XLSX file of lots read for a business: all its lots stored, or none and every wrong
    row kept with its reason for the error file."""

    class Status(models.TextChoices):
        DONE = "done", _("Đã nhập")
        REJECTED = "rejected", _("Không nhập: có dòng lỗi")

    owner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    file_name = models.CharField(_("tệp"), max_length=255, blank=True)
    status = models.CharField(_("kết quả"), max_length=20, choices=Status)
    created_count = models.PositiveIntegerField(_("số lô thêm"), default=0)
    existing_count = models.PositiveIntegerField(_("số lô đã có"), default=0)
    # [{"row": 7, "values": ["8934588063060", "L1", …], "message": "…"}, …]
    problems = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="trace_lotimport_owner")]
        verbose_name = _("lần nhập lô hàng")
        verbose_name_plural = _("lần nhập lô hàng")

    def __str__(self) -> str:
        return self.file_name or str(self.pk)
