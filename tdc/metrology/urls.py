from django.urls import path, register_converter

from tdc.metrology import views

app_name = "metrology"


class StampConverter:
    regex = r"[^/]{1,40}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StampConverter, "stamp")

urlpatterns = [
    path("", views.instrument_list, name="instrument_list"),
    path("xuat.csv", views.instrument_export, {"file_format": "csv"}, name="export_csv"),
    path("xuat.xlsx", views.instrument_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("phuong-tien/moi/", views.instrument_create, name="instrument_create"),
    path("phuong-tien/<int:pk>/", views.instrument_detail, name="instrument_detail"),
    path("phuong-tien/<int:pk>/sua/", views.instrument_edit, name="instrument_edit"),
    path("phuong-tien/<int:pk>/kiem-dinh/", views.instrument_verify, name="instrument_verify"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("loai/", views.type_list, name="type_list"),
    path("loai/<int:pk>/sua/", views.type_correct, name="type_correct"),
    path("nhap/", views.import_start, name="import_start"),
    path("nhap/mau.csv", views.import_template, name="import_template"),
    path(
        "nhap/mau.xlsx", views.import_template, {"file_format": "xlsx"}, name="import_template_xlsx"
    ),
    path("nhap/<int:pk>/", views.import_detail, name="import_detail"),
    path("nhap/<int:pk>/tiep-tuc/", views.import_resume, name="import_resume"),
    path("nhap/<int:pk>/dong-bi-tu-choi/", views.import_rejected, name="import_rejected"),
    path("tem/", views.stamp_lookup, name="stamp_lookup"),
    path("tem/<stamp:stamp_number>/", views.stamp_detail, name="stamp_detail"),
    path("tem/<stamp:stamp_number>/qr.svg", views.stamp_qr, {"file_format": "svg"}, name="qr_svg"),
    path("tem/<stamp:stamp_number>/qr.png", views.stamp_qr, {"file_format": "png"}, name="qr_png"),
]
