from django.urls import path

from tdc.capacity.views import awards, equipment, events, overview, programmes, quality, training

app_name = "capacity"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("so-lieu-bao-cao/", overview.reported_figures, name="reported_figures"),
    # Training
    path("dao-tao/", training.course_list, name="course_list"),
    path("dao-tao/them/", training.course_create, name="course_create"),
    path("dao-tao/<int:pk>/", training.course_detail, name="course_detail"),
    path("dao-tao/<int:pk>/nhap-danh-sach/", training.course_import, name="course_import"),
    path("dao-tao/<int:pk>/hoc-vien/", training.participant_add, name="participant_add"),
    path("dao-tao/<int:pk>/buoi-hoc/", training.session_add, name="session_add"),
    path("hoc-vien/<int:pk>/xoa/", training.participant_remove, name="participant_remove"),
    path("lan-nhap/<int:pk>/tep-loi/", training.import_errors, name="import_errors"),
    path("can-bo/", training.official_list, name="official_list"),
    # Forums and events
    path("su-kien/", events.event_list, name="event_list"),
    path("su-kien/them/", events.event_create, name="event_create"),
    path("su-kien/<int:pk>/", events.event_detail, name="event_detail"),
    path("su-kien/<int:pk>/tham-du/", events.event_attendance, name="event_attendance"),
    path("su-kien/<int:pk>/noi-dung/", events.event_update, name="event_update"),
    path("su-kien/<int:pk>/bao-cao/", events.event_link_report, name="event_link_report"),
    path("lien-ket-bao-cao/<int:pk>/xoa/", events.event_unlink_report, name="event_unlink_report"),
    # Awards
    path("khen-thuong/", awards.award_list, name="award_list"),
    path("khen-thuong/them/", awards.award_create, name="award_create"),
    # Equipment and measurement standards
    path("thiet-bi/", equipment.equipment_list, name="equipment_list"),
    path("thiet-bi/them/", equipment.equipment_create, name="equipment_create"),
    path("chuan-do-luong/", equipment.standard_list, name="standard_list"),
    path("chuan-do-luong/them/", equipment.standard_create, name="standard_create"),
    path("chuan-do-luong/<int:pk>/", equipment.standard_detail, name="standard_detail"),
    # ISO 9001 in agencies
    path("iso-9001/", quality.quality_list, name="quality_list"),
    path("iso-9001/<int:organisation_pk>/", quality.quality_edit, name="quality_edit"),
    path(
        "iso-9001/<int:organisation_pk>/danh-gia/",
        quality.quality_audit_add,
        name="quality_audit_add",
    ),
    # Programmes and support
    path("chuong-trinh/", programmes.programme_list, name="programme_list"),
    path("chuong-trinh/them/", programmes.programme_create, name="programme_create"),
    path("chuong-trinh/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("chuong-trinh/<int:pk>/ho-so/", programmes.application_add, name="application_add"),
    path(
        "ho-so-ho-tro/<int:pk>/quyet-dinh/",
        programmes.application_decide,
        name="application_decide",
    ),
]
