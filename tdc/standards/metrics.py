"""Figures the plans' targets can be computed from: businesses reached by TBT alerts and
enquiries answered on time."""

from __future__ import annotations

from decimal import Decimal

from tdc.core.metrics import Metric, MetricScope, register_metric
from tdc.standards.models import Enquiry, Project, ProjectStep
from tdc.standards.queries import organisations_reached


def businesses_reached(scope: MetricScope) -> Decimal | None:
    return Decimal(
        organisations_reached(start=scope.start, end=scope.end, province_id=scope.province_id)
    )


def enquiries_answered_on_time_share(scope: MetricScope) -> Decimal | None:
    answered = Enquiry.objects.filter(answered_on__range=(scope.start, scope.end))
    if scope.province_id is not None:
        answered = answered.filter(organisation__province_id=scope.province_id)
    dates = [(a, d) for a, d in answered.values_list("answered_on", "due_on") if a is not None]
    if not dates:
        return None
    on_time = sum(1 for answered_on, due_on in dates if answered_on <= due_on)
    return (Decimal(on_time) * 100 / len(dates)).quantize(Decimal("0.1"))


def projects_issued(scope: MetricScope) -> Decimal | None:
    """Standards projects (QCĐP, TCVN proposals) issued in the period."""
    steps = ProjectStep.objects.filter(
        stage=Project.Stage.ISSUED, created_at__date__range=(scope.start, scope.end)
    )
    if scope.province_id is not None:
        steps = steps.filter(project__province_id=scope.province_id)
    return Decimal(steps.values("project").distinct().count())


def projects_under_way(scope: MetricScope) -> Decimal | None:
    """Standards projects started by the end of the period and not yet issued."""
    projects = Project.objects.filter(created_at__date__lte=scope.end).exclude(
        stage=Project.Stage.ISSUED
    )
    if scope.province_id is not None:
        projects = projects.filter(province_id=scope.province_id)
    return Decimal(projects.count())


METRICS: tuple[Metric, ...] = (
    Metric(
        key="standards.projects_issued",
        label="Số quy chuẩn, tiêu chuẩn được ban hành",
        unit="văn bản",
        compute=projects_issued,
        description="Dự án QCĐP, đề xuất TCVN đã đến giai đoạn ban hành trong kỳ.",
        wording=(
            r"ban hanh.{0,40}(quy chuan ky thuat dia phuong|qcdp|tieu chuan)",
            r"xay dung.{0,40}(quy chuan ky thuat dia phuong|qcdp)",
        ),
    ),
    Metric(
        key="standards.projects_under_way",
        label="Số dự án tiêu chuẩn, quy chuẩn đang thực hiện",
        unit="dự án",
        compute=projects_under_way,
        description="Dự án đã bắt đầu, chưa ban hành (đề xuất, biên soạn, lấy ý kiến, thẩm định).",
        wording=(r"(du an|de xuat).{0,30}(tieu chuan|quy chuan)",),
    ),
    Metric(
        key="standards.businesses_reached",
        label="Số doanh nghiệp nhận được cảnh báo TBT",
        unit="doanh nghiệp",
        compute=businesses_reached,
        description="Doanh nghiệp nhận ít nhất một bản tin cảnh báo TBT trong kỳ.",
        wording=(
            r"doanh nghiep.{0,60}(canh bao|thong bao) (tbt|hang rao ky thuat)",
            r"canh bao.{0,40}hang rao ky thuat",
            r"(canh bao|thong tin) tbt",
        ),
    ),
    Metric(
        key="standards.enquiries_on_time_share",
        label="Tỷ lệ câu hỏi TBT được trả lời đúng hạn",
        unit="%",
        compute=enquiries_answered_on_time_share,
        description="Câu hỏi được trả lời trong kỳ, tỷ lệ trả lời trước hạn (ngày làm việc).",
        wording=(r"hoi dap tbt", r"(tra loi|giai dap).{0,40}(hoi dap|cau hoi).{0,20}tbt"),
    ),
)


def register_standards_metrics() -> None:
    for metric in METRICS:
        register_metric(metric)
