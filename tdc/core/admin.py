from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tdc.core.models import AuditEvent, Holiday


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """An admin page that shows records whose every change goes through a service (state
    machines, roll-ups, the audit log): nothing is added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit log cannot be edited through the app."""

    list_display = ["occurred_at", "actor_label", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "action"]
    date_hierarchy = "occurred_at"


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ["date", "name"]
    date_hierarchy = "date"
