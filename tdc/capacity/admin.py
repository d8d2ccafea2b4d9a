from django.contrib import admin

from tdc.capacity.models import (
    AgencyQuality,
    Award,
    Course,
    Equipment,
    Event,
    MeasurementStandard,
    Official,
    Programme,
)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin[Course]):
    list_display = ["title", "kind", "starts_on", "organiser"]
    list_filter = ["kind", "province"]
    search_fields = ["title"]
    readonly_fields = ["search_key"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    list_display = ["title", "kind", "held_on", "organiser"]
    list_filter = ["kind", "province"]


# A reporter's commendation names its complaint; the admin shows it as the complaint's
# reference (the complaint model's own string), never more.
@admin.register(Award)
class AwardAdmin(admin.ModelAdmin[Award]):
    list_display = ["title", "kind", "decided_on"]
    list_filter = ["kind", "province"]
    raw_id_fields = ["complaint", "recipient_organisation"]


@admin.register(Equipment)
class EquipmentAdmin(admin.ModelAdmin[Equipment]):
    list_display = ["name", "category", "quantity", "bought_on", "calibration_due_on"]
    list_filter = ["category", "province"]


@admin.register(MeasurementStandard)
class MeasurementStandardAdmin(admin.ModelAdmin[MeasurementStandard]):
    list_display = ["name", "quantity", "level", "calibration_due_on"]
    list_filter = ["level", "province"]


admin.site.register(Official)
admin.site.register(AgencyQuality)
admin.site.register(Programme)
