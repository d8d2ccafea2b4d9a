"""The project's URLs plus the baseline: a minimal Django view reading one row by primary key."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tdc.metrology.models import Verification


def one_row(request: HttpRequest, pk: int) -> HttpResponse:
    stamp, day = Verification.objects.values_list("stamp_number", "verified_on").get(pk=pk)
    return HttpResponse(f"{stamp} {day}", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/row/<int:pk>/", one_row), path("", include("tdc.urls"))]
