"""Plans URLs (under /ke-hoach/): the documents and their import, my tasks and reports,
explanations, notifications, monitoring, periods and tasks, indicators, the synthesis."""

from django.urls import URLPattern, URLResolver, path

from tdc.plans.views import (
    explanations,
    importing,
    indicators,
    monitoring,
    notifications,
    plans,
    reports,
    synthesis,
    tasks,
)

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = [
    # Plan documents and the import
    path("", plans.plan_list, name="plan_list"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/tep-goc/", plans.plan_source, name="plan_source"),
    path("<int:pk>/thu-hoi/", plans.plan_withdraw, name="plan_withdraw"),
    path("<int:pk>/thay-the/", plans.plan_replace, name="plan_replace"),
    path("<int:pk>/ke-hoach-cua-tinh/", plans.plan_link_parent, name="plan_link_parent"),
    path("<int:pk>/so-sanh-phien-ban/", plans.plan_versions, name="plan_versions"),
    path("<int:pk>/so-ket-tong-ket.<str:fmt>", synthesis.plan_review, name="plan_review"),
    path("nhiem-vu/<int:pk>/", plans.task_detail, name="task_detail"),
    path("nhap/", importing.import_upload, name="import_upload"),
    path("nhap/<int:pk>/", importing.import_preview, name="import_preview"),
    path("nhap/<int:pk>/huy/", importing.import_discard, name="import_discard"),
    path("nhap/<int:pk>/trang-thai/", importing.import_state, name="import_state"),
    path("nhap/<int:pk>/doc-lai/", importing.import_retry, name="import_retry"),
    # My tasks, progress reports
    path("nhiem-vu-cua-toi/", reports.my_tasks, name="my_tasks"),
    path("bao-cao-tien-do/", reports.report_list, name="report_list"),
    path("bao-cao-tien-do/<int:pk>/", reports.report_detail, name="report_detail"),
    path("bao-cao-tien-do/<int:pk>/gui/", reports.report_submit, name="report_submit"),
    path("bao-cao-tien-do/<int:pk>/duyet/", reports.report_approve, name="report_approve"),
    path(
        "bao-cao-tien-do/<int:pk>/yeu-cau-sua/", reports.report_send_back, name="report_send_back"
    ),
    path("bao-cao-tien-do/<int:pk>/tiep-nhan/", reports.report_accept, name="report_accept"),
    path("bao-cao-tien-do/<int:pk>/tra-lai/", reports.report_return, name="report_return"),
    path("bao-cao-tien-do/<int:pk>/mo-lai/", reports.report_reopen, name="report_reopen"),
    path(
        "bao-cao-tien-do/<int:pk>/minh-chung/<int:evidence_pk>/",
        reports.evidence_download,
        name="evidence_download",
    ),
    path(
        "bao-cao-tien-do/<int:pk>/minh-chung/<int:evidence_pk>/go/",
        reports.evidence_remove,
        name="evidence_remove",
    ),
    path(
        "ky-bao-cao/<int:period_pk>/bao-cao-cua-don-vi.<str:fmt>",
        reports.agency_export,
        name="agency_export",
    ),
    # Explanations and notifications
    path("giai-trinh/", explanations.explanation_list, name="explanation_list"),
    path("giai-trinh/<int:pk>/", explanations.explanation_detail, name="explanation_detail"),
    path("thong-bao/", notifications.notification_list, name="notification_list"),
    path("thong-bao/<int:pk>/", notifications.notification_open, name="notification_open"),
    # Monitoring, periods, tasks
    path("theo-doi/", monitoring.dashboard, name="dashboard"),
    path("thuc-hien/<int:plan_pk>/ky-bao-cao/", monitoring.period_list, name="period_list"),
    path("ky-bao-cao/<int:pk>/", monitoring.period_detail, name="period_detail"),
    path(
        "ky-bao-cao/<int:period_pk>/yeu-cau-giai-trinh/",
        explanations.explanation_create,
        name="explanation_create",
    ),
    path("thuc-hien/<int:plan_pk>/phan-cong/", tasks.assignment_list, name="assignment_list"),
    path("thuc-hien/<int:plan_pk>/them-nhiem-vu/", tasks.task_create, name="task_create"),
    path("phan-cong/nhiem-vu/<int:pk>/sua/", tasks.task_edit, name="task_edit"),
    path("phan-cong/nhiem-vu/<int:pk>/giao-lai/", tasks.task_reassign, name="task_reassign"),
    path("phan-cong/nhiem-vu/<int:pk>/tach/", tasks.task_split, name="task_split"),
    # Indicators
    path("chi-tieu/", indicators.indicator_list, name="indicator_list"),
    path("chi-tieu/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("chi-tieu/<int:pk>/sua/", indicators.indicator_edit, name="indicator_edit"),
    path("chi-tieu/<int:pk>/so-lieu/", indicators.indicator_value_add, name="indicator_value_add"),
    path("chi-tieu/<int:pk>/tinh/", indicators.indicator_compute, name="indicator_compute"),
    path(
        "thuc-hien/<int:plan_pk>/them-chi-tieu/",
        indicators.indicator_create,
        name="indicator_create",
    ),
    # The synthesis report
    path("ky-bao-cao/<int:period_pk>/tong-hop/", synthesis.synthesis_start, name="synthesis_start"),
    path("bao-cao-tong-hop/<int:pk>/", synthesis.synthesis_detail, name="synthesis_detail"),
    path(
        "bao-cao-tong-hop/<int:pk>/cap-nhat/",
        synthesis.synthesis_refresh,
        name="synthesis_refresh",
    ),
    path(
        "bao-cao-tong-hop/<int:pk>/hoan-thanh/",
        synthesis.synthesis_finalise,
        name="synthesis_finalise",
    ),
    path(
        "bao-cao-tong-hop/<int:pk>/tai-ve.<str:fmt>",
        synthesis.synthesis_download,
        name="synthesis_download",
    ),
]
