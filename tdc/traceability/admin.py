"""Administrators read traceability records; every change goes through the services (capture is
append-only and idempotent by event hash; products belong to their business)."""

from __future__ import annotations

from django.contrib import admin

from tdc.core.admin import ReadOnlyAdmin
from tdc.traceability.models import Capture, Event, Lot, Place, Product


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    list_display = ["gtin", "name", "brand", "owner", "published"]
    search_fields = ["gtin", "name"]
    list_select_related = ["owner"]


@admin.register(Lot)
class LotAdmin(ReadOnlyAdmin):
    list_display = ["number", "product", "produced_on", "best_before", "published"]
    search_fields = ["number", "product__gtin"]
    list_select_related = ["product"]


@admin.register(Place)
class PlaceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "owner", "gln"]
    list_select_related = ["owner"]


@admin.register(Capture)
class CaptureAdmin(ReadOnlyAdmin):
    list_display = ["id", "owner", "created_at", "event_count", "new_count", "source"]
    list_select_related = ["owner"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["type", "event_time", "biz_step", "disposition", "owner"]
    list_filter = ["type"]
    search_fields = ["event_id", "event_hash"]
    list_select_related = ["owner"]
    show_full_result_count = False  # millions of rows: no COUNT(*) on every page
