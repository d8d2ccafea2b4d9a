from django.urls import path

from tdc.national import views

app_name = "national"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("tinh/<int:province_id>/", views.province, name="province"),
    path("ke-hoach/", views.plans, name="plans"),
    path("ke-hoach/nhiem-vu/<int:task_id>/", views.task, name="task"),
    path("tong-hop.docx", views.synthesis, {"file_format": "docx"}, name="synthesis_docx"),
    path("tong-hop.xlsx", views.synthesis, {"file_format": "xlsx"}, name="synthesis_xlsx"),
]
