from django.contrib.auth.decorators import login_required
from django.urls import path

from tdc.standards.views import alerts, catalogue, enquiries, notifications, projects

app_name = "standards"

urlpatterns = [
    path("", catalogue.standard_list, name="standard_list"),
    path("<int:pk>/", catalogue.standard_detail, name="standard_detail"),
    path("nhap/", catalogue.import_upload, name="import_upload"),
    path("nhap/mau.csv", catalogue.import_template, name="import_template"),
    path("nhap/<int:pk>/", catalogue.import_detail, name="import_detail"),
    path("nhap/<int:pk>/ap-dung/", catalogue.import_apply, name="import_apply"),
    path("nhap/<int:pk>/huy/", catalogue.import_discard, name="import_discard"),
    path("nhap/<int:pk>/dong-loi.csv", catalogue.import_errors, name="import_errors"),
    path("tbt/", notifications.notification_list, name="notification_list"),
    path("tbt/nhap/", notifications.notification_import, name="notification_import"),
    path("tbt/<int:pk>/", notifications.notification_detail, name="notification_detail"),
    path("tbt/<int:pk>/tom-tat/", notifications.notification_summary, name="notification_summary"),
    path("canh-bao/", alerts.alert_list, name="alert_list"),
    path("dang-ky/", alerts.subscription_list, name="subscription_list"),
    path("dang-ky/moi/", alerts.subscription_create, name="subscription_create"),
    path("dang-ky/<int:pk>/", alerts.subscription_detail, name="subscription_detail"),
    path("dang-ky/<int:pk>/ngung/", alerts.subscription_stop, name="subscription_stop"),
    path("huy-nhan-tin/<str:token>/", alerts.unsubscribe, name="unsubscribe"),
    path("hoi-dap/", login_required(enquiries.enquiry_list), name="enquiry_list"),
    path("hoi-dap/gui/", enquiries.enquiry_create, name="enquiry_create"),
    path("hoi-dap/<int:pk>/", login_required(enquiries.enquiry_detail), name="enquiry_detail"),
    path("hoi-dap/<int:pk>/tra-loi/", enquiries.enquiry_answer, name="enquiry_answer"),
    path("hoi-dap-tbt/", enquiries.faq_list, name="faq"),
    path("du-an/", projects.project_list, name="project_list"),
    path("du-an/moi/", projects.project_create, name="project_create"),
    path("du-an/<int:pk>/", projects.project_detail, name="project_detail"),
    path("du-an/<int:pk>/giai-doan/", projects.project_stage, name="project_stage"),
    path("du-an/<int:pk>/tai-lieu/", projects.project_document_add, name="project_document_add"),
    path(
        "du-an/<int:pk>/tai-lieu/<int:document_pk>/",
        projects.project_document_download,
        name="project_document_download",
    ),
    path("du-an/<int:pk>/gop-y/", projects.project_comment, name="project_comment"),
]
