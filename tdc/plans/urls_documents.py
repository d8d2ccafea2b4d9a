"""URLs of plan documents: the plan list and detail, tasks, and the import journey."""

from django.urls import URLPattern, URLResolver, path

from tdc.plans import document_views as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.plan_list, name="plan_list"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/tep-goc/", views.plan_source, name="plan_source"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhap/", views.import_upload, name="import_upload"),
    path("nhap/<int:pk>/", views.import_preview, name="import_preview"),
    path("nhap/<int:pk>/huy/", views.import_discard, name="import_discard"),
]
