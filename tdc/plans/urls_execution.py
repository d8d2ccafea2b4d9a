"""URLs of plan execution (under /ke-hoach/): my tasks, reports, periods, the dashboard,
indicators, the synthesis report, notifications."""

from django.urls import URLPattern, URLResolver, path

from tdc.plans import execution_views as views
from tdc.plans import indicator_views, monitoring_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("nhiem-vu-cua-toi/", views.my_tasks, name="my_tasks"),
    # Progress reports
    path("bao-cao-tien-do/", views.report_list, name="report_list"),
    path("bao-cao-tien-do/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao-tien-do/<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("bao-cao-tien-do/<int:pk>/duyet/", views.report_approve, name="report_approve"),
    path("bao-cao-tien-do/<int:pk>/yeu-cau-sua/", views.report_send_back, name="report_send_back"),
    path("bao-cao-tien-do/<int:pk>/tiep-nhan/", views.report_accept, name="report_accept"),
    path("bao-cao-tien-do/<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("bao-cao-tien-do/<int:pk>/mo-lai/", views.report_reopen, name="report_reopen"),
    path(
        "bao-cao-tien-do/<int:pk>/minh-chung/<int:evidence_pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path(
        "bao-cao-tien-do/<int:pk>/minh-chung/<int:evidence_pk>/go/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path(
        "ky-bao-cao/<int:period_pk>/bao-cao-cua-don-vi.<str:fmt>",
        views.agency_export,
        name="agency_export",
    ),
    # Explanations and notifications
    path("giai-trinh/", views.explanation_list, name="explanation_list"),
    path("giai-trinh/<int:pk>/", views.explanation_detail, name="explanation_detail"),
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification_open"),
    # Monitoring, periods, tasks
    path("theo-doi/", monitoring_views.dashboard, name="dashboard"),
    path("thuc-hien/<int:plan_pk>/ky-bao-cao/", monitoring_views.period_list, name="period_list"),
    path("ky-bao-cao/<int:pk>/", monitoring_views.period_detail, name="period_detail"),
    path(
        "ky-bao-cao/<int:period_pk>/yeu-cau-giai-trinh/",
        monitoring_views.explanation_create,
        name="explanation_create",
    ),
    path(
        "thuc-hien/<int:plan_pk>/phan-cong/",
        monitoring_views.assignment_list,
        name="assignment_list",
    ),
    path(
        "thuc-hien/<int:plan_pk>/them-nhiem-vu/", monitoring_views.task_create, name="task_create"
    ),
    path("phan-cong/nhiem-vu/<int:pk>/sua/", monitoring_views.task_edit, name="task_edit"),
    path(
        "phan-cong/nhiem-vu/<int:pk>/giao-lai/",
        monitoring_views.task_reassign,
        name="task_reassign",
    ),
    path("phan-cong/nhiem-vu/<int:pk>/tach/", monitoring_views.task_split, name="task_split"),
    # Indicators
    path("chi-tieu/", indicator_views.indicator_list, name="indicator_list"),
    path("chi-tieu/<int:pk>/", indicator_views.indicator_detail, name="indicator_detail"),
    path("chi-tieu/<int:pk>/sua/", indicator_views.indicator_edit, name="indicator_edit"),
    path(
        "chi-tieu/<int:pk>/so-lieu/",
        indicator_views.indicator_value_add,
        name="indicator_value_add",
    ),
    path("chi-tieu/<int:pk>/tinh/", indicator_views.indicator_compute, name="indicator_compute"),
    path(
        "thuc-hien/<int:plan_pk>/them-chi-tieu/",
        indicator_views.indicator_create,
        name="indicator_create",
    ),
    # Synthesis report
    path(
        "ky-bao-cao/<int:period_pk>/tong-hop/",
        indicator_views.synthesis_start,
        name="synthesis_start",
    ),
    path("bao-cao-tong-hop/<int:pk>/", indicator_views.synthesis_detail, name="synthesis_detail"),
    path(
        "bao-cao-tong-hop/<int:pk>/cap-nhat/",
        indicator_views.synthesis_refresh,
        name="synthesis_refresh",
    ),
    path(
        "bao-cao-tong-hop/<int:pk>/hoan-thanh/",
        indicator_views.synthesis_finalise,
        name="synthesis_finalise",
    ),
    path(
        "bao-cao-tong-hop/<int:pk>/tai-ve.<str:fmt>",
        indicator_views.synthesis_download,
        name="synthesis_download",
    ),
]
