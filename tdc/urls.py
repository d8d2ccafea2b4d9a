from django.contrib import admin
from django.urls import include, path, re_path
from oauth2_provider.views import TokenView

from tdc.api import api, api_not_found
from tdc.core.views import favicon, healthz
from tdc.traceability.urls import epcis_patterns, resolver_patterns

admin.site.site_header = "Quản trị TĐC"
admin.site.site_title = "Quản trị TĐC"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/oauth/token/", TokenView.as_view(), name="oauth_token"),
    re_path(r"^api/", api_not_found),
    path("tai-khoan/", include("tdc.accounts.urls")),
    path("ke-hoach/", include("tdc.plans.urls")),
    path("phan-anh/", include("tdc.complaints.urls")),
    path("do-luong/", include("tdc.metrology.urls")),
    path("nang-luc/", include("tdc.capacity.urls")),
    path("trao-doi/", include("tdc.exchange.urls")),
    path("quoc-gia/", include("tdc.national.urls")),
    path("du-lieu-mo/", include("tdc.opendata.urls")),
    path("giam-sat/", include("tdc.surveillance.urls")),
    path("tieu-chuan/", include("tdc.standards.urls")),
    path("cong-bo/", include("tdc.conformity.urls")),
    path("truy-xuat/", include("tdc.traceability.urls")),
    path("epcis/", include((epcis_patterns, "epcis"))),
    path("01/", include((resolver_patterns, "gs1"))),
    path("", include("tdc.core.urls")),
]
