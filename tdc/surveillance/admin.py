from django.contrib import admin

from tdc.surveillance.models import Criterion, ProductCategory


@admin.register(ProductCategory)
class ProductCategoryAdmin(admin.ModelAdmin[ProductCategory]):
    list_display = ["name", "code", "severity_weight", "exposure"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin[Criterion]):
    list_display = ["name", "standard", "category", "unit", "limit_min", "limit_max"]
    list_filter = ["category"]
