"""Admin: complaints read-only, routing rules and holidays editable. No identity admin, ever."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tdc.complaints.models import Complaint, RoutingRule


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin[Complaint]):
    list_display = ["reference", "created_at", "category", "track", "status", "organisation"]
    list_filter = ["status", "category", "track", "province"]
    search_fields = ["reference", "business_name"]
    readonly_fields = [
        "reference",
        "category",
        "track",
        "is_anonymous",
        "province",
        "commune",
        "address",
        "business_name",
        "occurred_on",
        "status",
        "rejection_reason",
        "outcome",
        "organisation",
        "assignee",
        "acknowledge_due",
        "assign_due",
        "conclude_due",
        "handled_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ["province", "category", "commune", "organisation"]
    list_filter = ["province", "category"]
