from django.urls import path

from tdc.surveillance.views import catalogue, planning, public, risk, surveys, testing_bodies

app_name = "surveillance"

urlpatterns = [
    path("", catalogue.overview, name="overview"),
    # Products and establishments
    path("san-pham/", catalogue.product_list, name="product_list"),
    path("san-pham/moi/", catalogue.product_create, name="product_create"),
    path("san-pham/<int:pk>/", catalogue.product_detail, name="product_detail"),
    path("san-pham/<int:pk>/anh/", catalogue.product_photo_upload, name="product_photo_upload"),
    path("san-pham/<int:pk>/anh.jpg", catalogue.product_photo, name="product_photo"),
    path("co-so/", catalogue.establishment_list, name="establishment_list"),
    path("co-so/moi/", catalogue.establishment_create, name="establishment_create"),
    path("co-so/cham-diem/", catalogue.rescore, name="rescore"),
    path("co-so/<int:pk>/", catalogue.establishment_detail, name="establishment_detail"),
    path("co-so/<int:pk>/sua/", catalogue.establishment_edit, name="establishment_edit"),
    # Testing bodies
    path("to-chuc-thu-nghiem/", testing_bodies.testing_body_list, name="testing_body_list"),
    path("to-chuc-thu-nghiem/moi/", testing_bodies.testing_body_create, name="testing_body_create"),
    path(
        "to-chuc-thu-nghiem/<int:pk>/sua/",
        testing_bodies.testing_body_edit,
        name="testing_body_edit",
    ),
    # Surveys, samples, results
    path("khao-sat/", surveys.programme_list, name="programme_list"),
    path("khao-sat/moi/", surveys.programme_create, name="programme_create"),
    path("khao-sat/mau-ket-qua.xlsx", surveys.results_template, name="results_template"),
    path("khao-sat/uu-tien/", planning.priorities, name="priorities"),
    path("khao-sat/<int:pk>/", surveys.programme_detail, name="programme_detail"),
    path("khao-sat/<int:pk>/mau/moi/", surveys.sample_create, name="sample_create"),
    path("khao-sat/<int:pk>/nhap-ket-qua/", surveys.results_import, name="results_import"),
    path(
        "khao-sat/<int:pk>/nhap-ket-qua/dong-bi-tu-choi.csv",
        surveys.results_import_errors,
        name="results_import_errors",
    ),
    path("mau/<int:pk>/", surveys.sample_detail, name="sample_detail"),
    path("mau/<int:pk>/ket-qua/", surveys.result_create, name="result_create"),
    path("mau/<int:pk>/anh/", surveys.sample_photo_upload, name="sample_photo_upload"),
    path("mau/<int:pk>/anh.jpg", surveys.sample_photo, name="sample_photo"),
    path("mau/<int:pk>/phieu-ket-qua/", surveys.lab_report_upload, name="lab_report_upload"),
    path(
        "mau/<int:pk>/phieu-ket-qua/tai/", surveys.lab_report_download, name="lab_report_download"
    ),
    path("mau/<int:pk>/danh-gia-rui-ro/", risk.assessment_create, name="assessment_create"),
    path("mau/<int:pk>/canh-bao/", risk.warning_from_sample, name="warning_from_sample"),
    # Risk and warnings (staff)
    path("danh-gia-rui-ro/<int:pk>/", risk.assessment_detail, name="assessment_detail"),
    path("danh-gia-rui-ro/<int:pk>/danh-gia-lai/", risk.assessment_rerun, name="assessment_rerun"),
    path(
        "danh-gia-rui-ro/<int:pk>/canh-bao/",
        risk.warning_from_assessment,
        name="warning_from_assessment",
    ),
    path("quan-ly-canh-bao/", risk.warning_list, name="warning_list"),
    path("quan-ly-canh-bao/<int:pk>/", risk.warning_detail, name="warning_detail"),
    path("quan-ly-canh-bao/<int:pk>/duyet/", risk.warning_approve, name="warning_approve"),
    path("quan-ly-canh-bao/<int:pk>/cong-bo/", risk.warning_publish, name="warning_publish"),
    path("quan-ly-canh-bao/<int:pk>/thu-hoi/", risk.warning_withdraw, name="warning_withdraw"),
    # Public
    path("canh-bao/", public.public_warnings, name="public_warnings"),
    path("canh-bao/atom.xml", public.public_feed, name="public_feed"),
    path("canh-bao/ma-vach/", public.public_gtin, name="public_gtin"),
    path("canh-bao/<str:reference>/", public.public_warning, name="public_warning"),
    path(
        "canh-bao/<str:reference>/anh-<str:which>.jpg",
        public.public_warning_photo,
        name="public_warning_photo",
    ),
    # Plans and inspections
    path("ke-hoach-kiem-tra/", planning.plan_list, name="plan_list"),
    path("ke-hoach-kiem-tra/ty-le-phat-hien/", planning.hit_rate, name="hit_rate"),
    path("ke-hoach-kiem-tra/<int:pk>/", planning.plan_detail, name="plan_detail"),
    path("ke-hoach-kiem-tra/<int:pk>/tham-dinh/", planning.plan_review, name="plan_review"),
    path("ke-hoach-kiem-tra/<int:pk>/phe-duyet/", planning.plan_approve, name="plan_approve"),
    path("ke-hoach-kiem-tra/<int:pk>/bo-sung/", planning.plan_add, name="plan_add"),
    path("ke-hoach-kiem-tra/<int:pk>/bo/<int:item_pk>/", planning.plan_remove, name="plan_remove"),
    path("ke-hoach-kiem-tra/<int:pk>/ke-hoach.docx", planning.plan_docx, name="plan_docx"),
    path("ke-hoach-kiem-tra/<int:pk>/phu-luc.xlsx", planning.plan_xlsx, name="plan_xlsx"),
    path("kiem-tra/", planning.inspection_list, name="inspection_list"),
    path("kiem-tra/moi/", planning.inspection_create, name="inspection_create"),
    path("kiem-tra/<int:pk>/", planning.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/ket-qua/", planning.inspection_record, name="inspection_record"),
    path("kiem-tra/<int:pk>/vi-pham/", planning.violation_create, name="violation_create"),
]
