from django.contrib import admin

from tdc.exchange.models import ApiClient, Delivery, Subscription


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin[ApiClient]):
    list_display = ["name", "client_id", "revoked_at", "last_used_at"]
    readonly_fields = ["client_id", "user", "application", "created_by", "revoked_at"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin[Subscription]):
    list_display = ["name", "url", "status", "failing_since"]
    exclude = ["secret"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = ["event_type", "subscription", "status", "attempts", "response_status"]
    list_filter = ["status", "event_type"]
