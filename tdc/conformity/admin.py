from django.contrib import admin

from tdc.conformity.models import Declaration


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin[Declaration]):
    """Read-only: decisions go through the officers' pages, which audit them."""

    list_display = ("product_name", "organisation", "standard", "status", "receipt_number")
    list_filter = ("status", "kind")
    search_fields = ("product_name", "receipt_number", "gtin")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
