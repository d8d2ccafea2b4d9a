from django.contrib import admin

from tdc.opendata.models import PublishedDataset


@admin.register(PublishedDataset)
class PublishedDatasetAdmin(admin.ModelAdmin[PublishedDataset]):
    list_display = ["key", "row_count", "generated_at"]
    exclude = ["csv", "json"]
