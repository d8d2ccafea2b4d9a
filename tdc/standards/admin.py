from django.contrib import admin

from tdc.standards.models import Enquiry, Notification, Project, Standard, Subscription


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin[Standard]):
    list_display = ("number", "title_vi", "status", "kind")
    list_filter = ("status", "kind")
    search_fields = ("number", "title_vi")
    readonly_fields = ("number_key", "search_number", "search_body")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("symbol", "member", "comment_deadline")
    search_fields = ("symbol", "title")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin[Subscription]):
    list_display = ("name", "organisation", "is_active")
    list_filter = ("is_active",)


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin[Enquiry]):
    list_display = ("subject", "organisation", "status", "due_on")
    list_filter = ("status",)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin[Project]):
    list_display = ("title", "kind", "stage", "province")
    list_filter = ("stage", "kind")
