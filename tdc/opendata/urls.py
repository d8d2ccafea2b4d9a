from django.urls import path

from tdc.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("cap-nhat/", views.regenerate, name="regenerate"),
    path("<slug:key>/", views.detail, name="detail"),
    path("<slug:key>.csv", views.download, {"file_format": "csv"}, name="download_csv"),
    path("<slug:key>.json", views.download, {"file_format": "json"}, name="download_json"),
]
