from django.urls import path
from django.views.generic import RedirectView

from tdc.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    # The audit log page lives in accounts (it asks who may read it); old links still work.
    path(
        "nhat-ky/",
        RedirectView.as_view(pattern_name="accounts:audit_log", permanent=True, query_string=True),
        name="audit_log",
    ),
]
