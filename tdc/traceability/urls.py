"""Three address spaces: the app's pages (/truy-xuat/), the EPCIS REST interface (/epcis/) and
the GS1 Digital Link resolver (/01/{gtin}…), each included once by tdc/urls.py."""

from django.urls import URLPattern, URLResolver, path, re_path

from tdc.traceability import api

app_name = "traceability"

urlpatterns: list[URLPattern | URLResolver] = []

epcis_patterns = [
    path("capture", api.capture, name="capture"),
    path("capture/<uuid:capture_id>", api.capture_detail, name="capture_detail"),
    path("events", api.events, name="events"),
    path("queries", api.queries, name="queries"),
    path("queries/<slug:name>", api.query_detail, name="query_detail"),
    path("queries/<slug:name>/events", api.query_events, name="query_events"),
    re_path(r"^(?P<rest>.*)$", api.not_found),
]
