"""Administrators keep the Group 2 list: each change of a type's rule is a new version."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from tdc.core.admin import ReadOnlyAdmin
from tdc.core.audit import record, snapshot
from tdc.core.text import fold
from tdc.metrology import services
from tdc.metrology.models import ImportJob, Instrument, InstrumentType, InstrumentTypeVersion

RULE_FIELDS = ("cycle_months", "forms", "type_approval", "basis", "source_url")


class VersionInline(admin.TabularInline[InstrumentTypeVersion, InstrumentType]):
    model = InstrumentTypeVersion
    extra = 1
    can_delete = False
    fields = ("valid_from", *RULE_FIELDS, "note")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are history: add a new one instead of editing an old one


@admin.register(InstrumentType)
class InstrumentTypeAdmin(admin.ModelAdmin[InstrumentType]):
    list_display = ["name", "code", "cycle_months", "valid_from", "is_active"]
    list_filter = ["is_active", "cycle_months"]
    search_fields = ["name", "name_en", "code", "search_key"]
    inlines = [VersionInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        return ("code", *RULE_FIELDS, "valid_from")

    def save_model(
        self,
        request: HttpRequest,
        obj: InstrumentType,
        form: ModelForm[InstrumentType],
        change: bool,
    ) -> None:
        if change:
            services.rename_instrument_type(
                InstrumentType.objects.get(pk=obj.pk),
                by=request.user,  # type: ignore[arg-type]
                name=obj.name,
                name_en=obj.name_en,
                is_active=obj.is_active,
            )
            return
        obj.search_key = fold(obj.name)
        obj.save()
        InstrumentTypeVersion.objects.create(
            type=obj,
            valid_from=obj.valid_from,
            note="Tạo mới",
            created_by=request.user,  # type: ignore[misc]
            **{name: getattr(obj, name) for name in RULE_FIELDS},
        )
        record(
            actor=request.user,
            action="instrument_type.created",
            target=obj,
            data={"values": snapshot(obj)},
        )

    def save_formset(
        self,
        request: HttpRequest,
        form: Any,
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        for version in formset.save(commit=False):
            if version.pk is None and change:
                services.change_instrument_type(
                    version.type,
                    by=request.user,  # type: ignore[arg-type]
                    valid_from=version.valid_from,
                    note=version.note,
                    **{name: getattr(version, name) for name in RULE_FIELDS},
                )


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyAdmin):
    """Changes go through the register's pages, which keep the roll-ups."""

    list_display = ["serial", "type", "owner", "commune", "status", "next_due"]
    list_filter = ["status", "type"]
    search_fields = ["serial"]
    list_select_related = ["type", "owner", "commune"]
    raw_id_fields = ["owner", "commune", "province"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin[ImportJob]):
    list_display = [
        "original_name",
        "created_by",
        "status",
        "processed_rows",
        "rejected_rows",
        "created_at",
    ]
    list_filter = ["status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportJob]:
        return super().get_queryset(request).select_related("created_by")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
