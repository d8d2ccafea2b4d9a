"""Admin pages for plan execution records.

Reports, events and the reminder log are read-only, because
every change to them goes through the services (state machine, audit log).
"""

from __future__ import annotations

from django.contrib import admin

from tdc.core.admin import ReadOnlyAdmin
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Indicator,
    Notification,
    ProgressReport,
    ReminderLog,
    ReportEvent,
    ReportingPeriod,
    Synthesis,
)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("task", "organisation", "role", "is_active", "completed_on")
    list_filter = ("role", "is_active")


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ("title", "plan", "kind", "deadline", "on_time_cutoff")
    list_filter = ("kind", "year")


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ("period", "organisation", "state", "version", "first_submitted_at")
    list_filter = ("state",)


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ("report", "kind", "actor", "at")
    list_filter = ("kind",)


for model in (ExplanationRequest, Indicator, Notification, ReminderLog, Synthesis):
    admin.site.register(model, ReadOnlyAdmin)
