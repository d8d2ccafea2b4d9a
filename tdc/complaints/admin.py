"""Admin: complaints read-only, routing rules and holidays editable. No identity admin, ever."""

from __future__ import annotations

from django.contrib import admin

from tdc.complaints.models import Complaint, RoutingRule
from tdc.core.admin import ReadOnlyAdmin


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
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


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ["province", "category", "commune", "organisation"]
    list_filter = ["province", "category"]
