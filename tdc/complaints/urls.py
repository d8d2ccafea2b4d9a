from django.urls import path

from tdc.complaints.views import export, public, staff

app_name = "complaints"

urlpatterns = [
    # Citizens, no account.
    path("gui/", public.report, name="report"),
    path("bien-nhan/", public.receipt, name="receipt"),
    path("theo-doi/", public.follow, name="follow"),
    path("theo-doi/ho-so/", public.follow_status, name="follow_status"),
    path("theo-doi/ho-so/bo-sung/", public.follow_reply, name="follow_reply"),
    path("theo-doi/thoat/", public.follow_leave, name="follow_leave"),
    path("thong-ke/", public.statistics, name="statistics"),
    path("xa-phuong/", public.commune_options, name="commune_options"),
    # Staff.
    path("", staff.complaint_list, name="list"),
    path("xuat/", export.complaint_export, name="export"),
    path("tiep-nhan/", staff.complaint_record, name="record"),
    path("<int:pk>/", staff.complaint_detail, name="detail"),
    path("<int:pk>/xu-ly/<slug:action>/", staff.complaint_action, name="action"),
    path("<int:pk>/tep/<int:attachment_pk>/", staff.attachment_download, name="attachment"),
    path("<int:pk>/danh-tinh/", staff.identity_view, name="identity"),
    path("dinh-tuyen/", staff.routing_rules, name="routing_rules"),
    path("dinh-tuyen/<int:pk>/xoa/", staff.routing_rule_delete, name="routing_rule_delete"),
    path("cong-khai-danh-tinh/", staff.disclosure_list, name="disclosure_list"),
    path("cong-khai-danh-tinh/<int:pk>/", staff.disclosure_detail, name="disclosure_detail"),
]
