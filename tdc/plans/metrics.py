"""The metrics this app computes from its own records, for indicators (`tdc.core.metrics`).

Each takes a province (None: the whole country) and a closed date range, and counts the
reporting periods whose deadline falls in that range. They return a percentage, or None when
there is nothing to count.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, QuerySet

from tdc.core.metrics import Metric, MetricScope, register_metric
from tdc.core.text import fold
from tdc.plans.models import Assignment, Plan, ProgressReport, Task, TaskUnit

DISSEMINATION_WORDS = ("tuyen truyen", "quan triet", "pho bien")


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _reports(scope: MetricScope) -> QuerySet[ProgressReport]:
    reports = ProgressReport.objects.expected().filter(
        period__deadline__range=(scope.start, scope.end),
        period__plan__status=Plan.Status.ACTIVE,
    )
    if scope.province_id is not None:
        reports = reports.filter(period__plan__province_id=scope.province_id)
    return reports


def dissemination_task_ids(scope: MetricScope) -> list[int]:
    """Tasks about disseminating the directive: their group or their own text says so."""
    tasks = Task.objects.filter(is_active=True).select_related("group")
    if scope.province_id is not None:
        tasks = tasks.filter(plan__province_id=scope.province_id)
    found = []
    for task in tasks.only("pk", "content", "group__title"):
        text = fold(f"{task.group.title if task.group else ''} {task.content[:300]}")
        if any(word in text for word in DISSEMINATION_WORDS):
            found.append(task.pk)
    return found


def dissemination_reporting_share(scope: MetricScope) -> Decimal | None:
    """Of the organisations assigned a dissemination task, the share that reported on it."""
    reports = _reports(scope).filter(assignment__task_id__in=dissemination_task_ids(scope))
    expected = reports.values("organisation_id").distinct().count()
    reported = (
        reports.filter(first_submitted_at__isnull=False)
        .values("organisation_id")
        .distinct()
        .count()
    )
    return _share(reported, expected)


def reporting_completeness(scope: MetricScope) -> Decimal | None:
    """Of the reports expected, the share that arrived (DHIS2's reporting rate)."""
    totals = _reports(scope).aggregate(
        expected=Count("pk"), arrived=Count("pk", filter=Q(first_submitted_at__isnull=False))
    )
    return _share(totals["arrived"], totals["expected"])


def reporting_timeliness(scope: MetricScope) -> Decimal | None:
    """Of the reports expected, the share that arrived by the on-time cut-off."""
    totals = _reports(scope).aggregate(
        expected=Count("pk"),
        on_time=Count("pk", filter=Q(first_submitted_at__lte=F("period__on_time_cutoff"))),
    )
    return _share(totals["on_time"], totals["expected"])


def tasks_completed_share(scope: MetricScope) -> Decimal | None:
    """Of the lead assignments in force, the share completed by the end of the range."""
    assignments = Assignment.objects.filter(
        is_active=True,
        task__is_active=True,
        role=TaskUnit.Role.LEAD,
        task__plan__status=Plan.Status.ACTIVE,
    )
    if scope.province_id is not None:
        assignments = assignments.filter(task__plan__province_id=scope.province_id)
    totals = assignments.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(completed_on__lte=scope.end))
    )
    return _share(totals["done"], totals["total"])


METRICS = (
    Metric(
        key="plans.dissemination_reporting_share",
        label="Tỷ lệ cơ quan được giao đã báo cáo kết quả quán triệt, tuyên truyền",
        unit="%",
        compute=dissemination_reporting_share,
        wording=(r"\b(quan triet|tuyen truyen|pho bien)\b.*\bchi thi",),
        description="Trong các cơ quan được giao nhiệm vụ tuyên truyền, quán triệt, tỷ lệ đã gửi báo cáo.",
    ),
    Metric(
        key="plans.reporting_completeness",
        label="Tỷ lệ báo cáo đã gửi",
        unit="%",
        compute=reporting_completeness,
        wording=(r"\bbao cao\b.*\b(day du|dinh ky)\b",),
        description="Số báo cáo đã gửi trên số báo cáo phải gửi của các kỳ có hạn trong khoảng.",
    ),
    Metric(
        key="plans.reporting_timeliness",
        label="Tỷ lệ báo cáo gửi đúng hạn",
        unit="%",
        compute=reporting_timeliness,
        wording=(r"\bbao cao\b.*\bdung han\b",),
        description="Số báo cáo gửi lần đầu trước mốc tính đúng hạn trên số báo cáo phải gửi.",
    ),
    Metric(
        key="plans.tasks_completed_share",
        label="Tỷ lệ nhiệm vụ chủ trì đã hoàn thành",
        unit="%",
        compute=tasks_completed_share,
        wording=(r"\bnhiem vu\b.*\b(duoc giao )?hoan thanh\b",),
        description="Số phân công chủ trì đã hoàn thành (được Sở KH&CN tiếp nhận) trên tổng số.",
    ),
)


def register() -> None:
    for metric in METRICS:
        register_metric(metric)
