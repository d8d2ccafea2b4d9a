"""Factories for the models of plans, and `make_plan`: a small plan like the Khánh Hòa 2026 seed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

import factory
from factory.django import DjangoModelFactory

from tdc.accounts.models import Organisation, Province, User
from tdc.plans.models import (
    Assignment,
    Duty,
    ExplanationRequest,
    Indicator,
    IndicatorValue,
    Notification,
    Plan,
    PlanImportDraft,
    ProgressReport,
    ReportingDeadline,
    ReportingPeriod,
    Target,
    Task,
    TaskGroup,
    TaskUnit,
)


class PlanFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    title = "KẾ HOẠCH Thực hiện Chỉ thị số 38-CT/TW trên địa bàn tỉnh Khánh Hòa"
    issuer = "UBND tỉnh Khánh Hòa"
    year = 2026
    source_hash = factory.Sequence(lambda n: f"hash{n:04d}")


class TaskGroupFactory(DjangoModelFactory[TaskGroup]):
    class Meta:
        model = TaskGroup

    number = "1"
    title = "Công tác tuyên truyền, nâng cao nhận thức"


class TaskFactory(DjangoModelFactory[Task]):
    class Meta:
        model = Task

    number = factory.Sequence(lambda n: f"1.{n + 1}")
    content = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm số {n + 1}")
    timeline = "Năm 2026 và những năm tiếp theo"
    position = factory.Sequence(lambda n: n + 1)


class TaskUnitFactory(DjangoModelFactory[TaskUnit]):
    """A unit a task names; `text` defaults to the organisation's name."""

    class Meta:
        model = TaskUnit

    role = TaskUnit.Role.LEAD
    text = factory.LazyAttribute(lambda u: u.organisation.name if u.organisation else "")
    confidence = 1.0


class TargetFactory(DjangoModelFactory[Target]):
    class Meta:
        model = Target

    text = "Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp"
    value = Decimal("5")
    unit = "diễn đàn"
    comparator = Target.Comparator.AT_LEAST
    period = "by 2030"


class ReportingDeadlineFactory(DjangoModelFactory[ReportingDeadline]):
    """Agencies report to DoST before 10/11 every year."""

    class Meta:
        model = ReportingDeadline

    who = "Các sở, ban, ngành, UBND các xã, phường, đặc khu"
    to = "Sở Khoa học và Công nghệ"
    day = 10
    month = 11


class DutyFactory(DjangoModelFactory[Duty]):
    class Meta:
        model = Duty

    unit = "Sở Tài chính"
    count = 1


class AssignmentFactory(DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    role = TaskUnit.Role.LEAD


class IndicatorFactory(DjangoModelFactory[Indicator]):
    class Meta:
        model = Indicator

    name = "Tổ chức ít nhất 05 diễn đàn đối thoại"
    unit = "diễn đàn"
    comparator = Target.Comparator.AT_LEAST
    target_value = Decimal(5)
    baseline = Decimal(0)
    baseline_date = dt.date(2026, 1, 1)
    deadline = dt.date(2030, 12, 31)
    aggregation = Indicator.Aggregation.CUMULATIVE


class IndicatorValueFactory(DjangoModelFactory[IndicatorValue]):
    class Meta:
        model = IndicatorValue

    period_start = factory.LazyAttribute(lambda v: v.period_end.replace(month=1, day=1))
    period_end = dt.date(2026, 12, 31)
    value = Decimal(1)
    source = "Báo cáo"


def unit(
    task: Task, role: str, org: Organisation | None = None, *, text: str = "", collective: str = ""
) -> TaskUnit:
    return cast(
        TaskUnit,
        TaskUnitFactory(
            task=task,
            role=role,
            text=text or (org.name if org else collective),
            organisation=org,
            collective=collective,
        ),
    )


def make_plan(
    owner: Organisation,
    tasks: Sequence[dict[str, Any]] = (),
    *,
    deadline: tuple[int, int] | None = (10, 11),
    year: int = 2026,
    groups: Sequence[str] = ("Công tác tuyên truyền, nâng cao nhận thức",),
) -> Plan:
    """A plan owned by `owner` (DoST); each task: {"leads": [...], "partners": [...], …}."""
    plan = cast(Plan, PlanFactory(province=owner.province, owner=owner, year=year))
    made_groups = [
        TaskGroupFactory(plan=plan, number=str(i), title=title, position=i)
        for i, title in enumerate(groups, start=1)
    ]
    for spec in tasks:
        spec = dict(spec)
        leads = spec.pop("leads", [])
        partners = spec.pop("partners", [])
        group_index = spec.pop("group", 0)
        task = TaskFactory(
            plan=plan, group=made_groups[group_index] if made_groups else None, **spec
        )
        for lead in leads:
            if isinstance(lead, str):
                unit(task, TaskUnit.Role.LEAD, collective=lead, text=lead)
            else:
                unit(task, TaskUnit.Role.LEAD, lead)
        for partner in partners:
            if isinstance(partner, str):
                unit(task, TaskUnit.Role.PARTNER, collective=partner, text=partner)
            else:
                unit(task, TaskUnit.Role.PARTNER, partner)
    if deadline is not None:
        ReportingDeadlineFactory(
            plan=plan, who="Sở Khoa học và Công nghệ", to="UBND tỉnh", day=20, month=11
        )
        ReportingDeadlineFactory(plan=plan, day=deadline[0], month=deadline[1], position=1)
    return plan


def make_target(plan: Plan, **values: Any) -> Target:
    return cast(Target, TargetFactory(plan=plan, **values))


def report_of(
    plan: Plan,
    organisation: Organisation,
    *,
    number: str | None = None,
    period: ReportingPeriod | None = None,
) -> ProgressReport:
    reports = ProgressReport.objects.filter(period__plan=plan, organisation=organisation)
    if period is not None:
        reports = reports.filter(period=period)
    if number is not None:
        reports = reports.filter(assignment__task__number=number)
    return reports.get()


HANOI = dt.timezone(dt.timedelta(hours=7))


def hanoi(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    """A moment in Vietnamese time (the site's time zone)."""
    return dt.datetime(year, month, day, hour, tzinfo=HANOI)


class PlanImportDraftFactory(DjangoModelFactory[PlanImportDraft]):
    """A pending draft; `parsed` is what `create_import_draft` stores (empty here)."""

    class Meta:
        model = PlanImportDraft

    source_filename = "ke-hoach.txt"
    source_hash = factory.Sequence(lambda n: f"draft{n:04d}")


class ExplanationRequestFactory(DjangoModelFactory[ExplanationRequest]):
    class Meta:
        model = ExplanationRequest

    message = "Đề nghị giải trình lý do chậm gửi báo cáo năm 2026."
    due_date = dt.date(2026, 12, 15)


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    kind = Notification.Kind.REPORT
    title = "Báo cáo cần bổ sung"
    url = "/ke-hoach/nhiem-vu-cua-toi/"


# A small plan in the shape of the seeds: prose sections and a tab-separated appendix table.
SMALL_PLAN = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

Số: 12/KH-UBND

Khánh Hòa, ngày 15 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện Chỉ thị số 38-CT/TW về đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng

Căn cứ Quyết định số 1703/QĐ-TTg ngày 31 tháng 12 năm 2024 của Thủ tướng Chính phủ;

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao hiệu quả công tác tiêu chuẩn, đo lường, chất lượng trên địa bàn tỉnh.

II. MỤC TIÊU ĐẾN NĂM 2030

- Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp về tiêu chuẩn, đo lường, chất lượng.
- 100% các sở, ban, ngành quán triệt Chỉ thị số 38-CT/TW.

III. NHIỆM VỤ VÀ GIẢI PHÁP

(Chi tiết tại Phụ lục kèm theo)

IV. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ

- Theo dõi, đôn đốc các đơn vị thực hiện Kế hoạch.
- Tổng hợp, báo cáo UBND tỉnh trước ngày 20/11 hằng năm.

2. Các sở, ban, ngành, UBND các xã, phường, đặc khu

- Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 10/11 hằng năm.

PHỤ LỤC
NHIỆM VỤ THỰC HIỆN KẾ HOẠCH

TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\tKinh phí
I\tTuyên truyền, nâng cao nhận thức\t\t\t\t
1\tTuyên truyền, phổ biến Chỉ thị số 38-CT/TW đến cán bộ, doanh nghiệp\tSở KH&CN\tSở Tài chính; UBND các xã, phường, đặc khu\tHằng năm\tNgân sách nhà nước
2\tTổ chức diễn đàn đối thoại với doanh nghiệp\tSở Khoa học và Công nghệ\tSở Y tế; Hiệp hội Nuôi trồng Yến sào\t2025-2030\tNgân sách nhà nước
II\tThanh tra, kiểm tra\t\t\t\t
1\tKiểm tra chất lượng hàng hóa lưu thông trên thị trường\tSở Y tế\tSở KHCN; Công an tỉnh\tHằng năm\tNgân sách nhà nước
"""


def read_draft(province: Province, *, data: bytes, filename: str, by: User) -> PlanImportDraft:
    """Upload a plan document and read it as the worker does (`parse_import_draft`, the job's
    body), as the page would after the worker ran: the draft comes back pending, or failed."""
    from tdc.plans.services.importing import create_import_draft, parse_import_draft

    draft = create_import_draft(province, data=data, filename=filename, by=by)
    parse_import_draft(draft.pk)
    draft.refresh_from_db()
    return draft


def zip_bomb(*, members: int = 1, unpacked: int = 0) -> bytes:
    """A small zip (a .docx to the eye) announcing `members` parts and `unpacked` bytes of XML:
    what a decompression bomb looks like from its directory."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * unpacked)
        for index in range(members - 1):
            archive.writestr(f"word/media/p{index}.xml", b"")
    return buffer.getvalue()


def small_plan_bytes(marker: str = "") -> bytes:
    """The small plan as UTF-8; a marker changes the content (and so the hash) only."""
    return (SMALL_PLAN + marker).encode()


def small_plan_of(locality: str, marker: str = "") -> bytes:
    """The small plan as another province would have issued it."""
    text = SMALL_PLAN.replace("TỈNH KHÁNH HÒA", f"TỈNH {locality.upper()}")
    return (text.replace("Khánh Hòa, ngày", f"{locality}, ngày") + marker).encode()


# What an agency wrote and has not sent: nobody outside it may read it.
SECRET_RESULT = "Kết quả nội bộ chưa gửi của Sở Tài chính"


def imported_plan(province: Any, marker: str = "", title: str = "") -> Plan:
    """The small plan imported into `province` (through the service: assigned, set up)."""
    from tdc.plans.services.importing import import_plan_document

    data = small_plan_bytes(marker)
    if province.short_name != "Khánh Hòa":  # the plan of that province, not Khánh Hòa's
        data = small_plan_of(province.short_name, marker)
    plan = import_plan_document(province, data=data, filename=f"kh{marker}.txt", by=None).plan
    if title:
        Plan.objects.filter(pk=plan.pk).update(title=title)
        plan.refresh_from_db()
    return plan


# What an agency reports for the synthesis tests.
RESULT = "Đã tổ chức 02 hội nghị quán triệt Chỉ thị số 38-CT/TW cho 150 cán bộ"


# The whole of 2026, as indicator values' period.
YEAR_2026 = {"period_start": dt.date(2026, 1, 1), "period_end": dt.date(2026, 12, 31)}


def make_indicator(plan: Plan, officer: Any, **values: Any) -> Any:
    """An indicator a TĐC officer adds (through the service), five forums by 2030 by default."""
    from tdc.plans.services.indicators import create_indicator

    defaults = {
        "name": "Tổ chức ít nhất 05 diễn đàn đối thoại",
        "unit": "diễn đàn",
        "comparator": ">=",
        "target_value": Decimal(5),
        "baseline": Decimal(0),
        "baseline_date": dt.date(2026, 1, 1),
        "deadline": dt.date(2030, 12, 31),
        "aggregation": "cumulative",
    }
    defaults.update(values)
    return create_indicator(plan, by=officer, **defaults)


def indicator_value(indicator: Any, end: dt.date, value: Any) -> Any:
    """A value entered for the year ending `end`."""
    return IndicatorValueFactory(indicator=indicator, period_end=end, value=Decimal(value))


def sent_report(
    plan: Plan, organisation: Organisation, user: Any, *, officer: Any = None
) -> ProgressReport:
    """The organisation's report on task 1.1, written and sent (and accepted by `officer`)."""
    from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report

    report = report_of(plan, organisation, number="1.1")
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=50, results="Đã tuyên truyền"),
        version=0,
        by=user,
    )
    report = submit_report(report, version=report.version, by=user)
    if officer is not None:
        accept_report(report, by=officer)
    return report
