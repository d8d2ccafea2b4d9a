"""Three address spaces: the app's pages (/truy-xuat/), the EPCIS REST interface (/epcis/) and
the GS1 Digital Link resolver (/01/{gtin}…), each included once by tdc/urls.py."""

from django.urls import URLPattern, URLResolver, path, re_path

from tdc.traceability.api import epcis as api
from tdc.traceability.views import business, public

app_name = "traceability"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", business.overview, name="overview"),
    path("san-pham/moi/", business.product_create, name="product_create"),
    path("san-pham/<int:pk>/", business.product_detail, name="product_detail"),
    path("san-pham/<int:pk>/sua/", business.product_edit, name="product_edit"),
    path("lo/<int:pk>/", business.lot_detail, name="lot_detail"),
    path("lo/<int:pk>/qr.svg", business.lot_label, {"file_format": "svg"}, name="lot_qr_svg"),
    path("lo/<int:pk>/qr.png", business.lot_label, {"file_format": "png"}, name="lot_qr_png"),
    path("lo/<int:pk>/nhan.pdf", business.lot_label, {"file_format": "pdf"}, name="lot_labels"),
    path("dia-diem/", business.places, name="places"),
    path("cong-doan/", business.step, name="step"),
    path("nhap-lo/", business.lot_import, name="lot_import"),
    path("nhap-lo/mau.xlsx", business.lot_import_template, name="lot_import_template"),
    path("nhap-lo/<int:pk>/tep-loi/", business.lot_import_errors, name="lot_import_errors"),
]

epcis_patterns: list[URLPattern | URLResolver] = [
    path("capture", api.capture, name="capture"),
    path("capture/<uuid:capture_id>", api.capture_detail, name="capture_detail"),
    path("events", api.events, name="events"),
    path("queries", api.queries, name="queries"),
    path("queries/<slug:name>", api.query_detail, name="query_detail"),
    path("queries/<slug:name>/events", api.query_events, name="query_events"),
    re_path(r"^(?P<rest>.*)$", api.not_found),
]

# GS1 Digital Link: /01/{gtin}, /01/{gtin}/10/{lot}, /01/{gtin}/21/{serial}, lot then serial.
resolver_patterns: list[URLPattern | URLResolver] = [
    re_path(r"^(?P<gtin>\d{1,14})/?$", public.resolve, name="resolve"),
    re_path(r"^(?P<gtin>\d{1,14})/10/(?P<lot>[^/]{1,60})/?$", public.resolve, name="resolve_lot"),
    re_path(
        r"^(?P<gtin>\d{1,14})/21/(?P<serial>[^/]{1,60})/?$", public.resolve, name="resolve_serial"
    ),
    re_path(
        r"^(?P<gtin>\d{1,14})/10/(?P<lot>[^/]{1,60})/21/(?P<serial>[^/]{1,60})/?$",
        public.resolve,
        name="resolve_lot_serial",
    ),
]
