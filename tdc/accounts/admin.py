from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tdc.accounts.models import ApiToken, Commune, Organisation, Province, RoleGrant, User


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    model = RoleGrant
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    inlines = [RoleGrantInline]
    list_display = ["username", "full_name", "organisation", "is_active"]
    list_filter = ["is_active", "role_grants__role"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("TĐC", {"fields": ("organisation", "full_name", "phone", "job_title")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "short_name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "search_key"]
    readonly_fields = ["search_key"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin[Province]):
    list_display = ["code", "name", "division_type"]
    search_fields = ["name"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin[Commune]):
    list_display = ["code", "name", "province", "division_type"]
    list_filter = ["province"]
    search_fields = ["name", "search_key"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
