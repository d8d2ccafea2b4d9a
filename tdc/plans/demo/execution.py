"""Demo of plan execution, run after the seed plans are imported (idempotent).

Every demo plan gets its assignments, indicators and yearly period (`assign_plan`). The Khánh
Hòa 2026 plan then gets a reporting round in every state, told as the people of the demo would
have lived it in November 2026: Sở Tài chính (baocao.taichinh, approved by duyet.taichinh),
Sở Công Thương (baocao.congthuong), UBND Phường Nha Trang and DoST itself (canbo.tdc) report;
DoST returns, accepts and asks a late agency to explain; indicators get values; a synthesis
draft is opened. Without that plan (the plan import has not run) only the first part happens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tdc.accounts.models import Organisation, User
from tdc.core.models import Holiday
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Indicator,
    Plan,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
    ReportVersion,
    Synthesis,
)
from tdc.plans.queries.periods import organisation_is_late
from tdc.plans.services import indicators, periods, reporting
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reminders import send_due_reminders
from tdc.plans.services.synthesis import start_synthesis, update_synthesis

KHANH_HOA = 56
HANOI = dt.timezone(dt.timedelta(hours=7))

# Days off of 2026 that the Labour Code's fixed dates do not cover (Government's 2026 calendar).
HOLIDAYS_2026 = [
    *[(dt.date(2026, 2, day), "Tết Nguyên đán Bính Ngọ") for day in range(16, 21)],
    (dt.date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"),
]


def at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=HANOI)


def khanh_hoa_2026() -> Plan | None:
    """The seed plan 002 (Khánh Hòa, 2026), once the plan import has brought it in."""
    return (
        Plan.objects.filter(province_id=KHANH_HOA)
        .filter(Q(year=2026) | Q(title__contains="2026") | Q(source_filename__startswith="002_"))
        .order_by("-year", "pk")
        .first()
    )


# --- Playing a report's history -------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    when: dt.datetime
    do: Callable[[ProgressReport], ProgressReport]


def _report(
    period: ReportingPeriod, organisation: Organisation | None, number: str
) -> ProgressReport | None:
    if organisation is None:
        return None
    return (
        ProgressReport.objects.expected()
        .filter(period=period, organisation=organisation, assignment__task__number=number)
        .first()
    )


def _play(report: ProgressReport | None, steps: list[Step]) -> bool:
    """Run the steps through the services, then date each step as the story says.

    A report that already has a history is left alone, so the demo can run twice.
    """
    if report is None or report.version > 0 or report.events.exists():
        return False
    for step in steps:
        seen = set(report.events.values_list("pk", flat=True))
        report = step.do(report)
        report.events.exclude(pk__in=seen).update(at=step.when)
        ProgressReport.objects.filter(pk=report.pk).update(updated_at=step.when)
    _date_from_events(report)
    return True


def _date_from_events(report: ProgressReport) -> None:
    events = list(report.events.order_by("at", "pk"))
    sent = [
        e.at for e in events if e.kind in (ReportEvent.Kind.SUBMITTED, ReportEvent.Kind.RESUBMITTED)
    ]
    reviewed = [
        e.at
        for e in events
        if e.kind
        in (ReportEvent.Kind.ACCEPTED, ReportEvent.Kind.RETURNED, ReportEvent.Kind.REOPENED)
    ]
    ProgressReport.objects.filter(pk=report.pk).update(
        first_submitted_at=min(sent) if sent else None,
        submitted_at=max(sent) if sent else None,
        reviewed_at=max(reviewed) if reviewed else None,
    )
    for event in events:
        ReportVersion.objects.filter(report=report, number=event.version).update(
            created_at=event.at
        )


def _write(user: User, **content: Any) -> Callable[[ProgressReport], ProgressReport]:
    data = reporting.ReportInput(
        progress=content.get("progress", "in_progress"),
        percent=content.get("percent", 50),
        results=content.get("results", ""),
        difficulties=content.get("difficulties", ""),
        proposals=content.get("proposals", ""),
        completed_on=content.get("completed_on"),
        figures=tuple(content.get("figures", ())),
    )
    return lambda r: reporting.save_report(r, data=data, version=r.version, by=user)


def _submit(user: User) -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.submit_report(r, version=r.version, by=user)


def _approve(user: User) -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.approve_report(r, by=user)


def _accept(user: User, note: str = "") -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.accept_report(r, by=user, note=note)


def _return(user: User, reason: str) -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.return_report(r, by=user, reason=reason)


def _figure(label: str, value: str, unit: str) -> dict[str, str]:
    return {"label": label, "value": value, "unit": unit}


# --- The story ---------------------------------------------------------------------------------------


def _users() -> dict[str, User]:
    names = [
        "canbo.tdc",
        "kiemtra.tdc",
        "baocao.taichinh",
        "duyet.taichinh",
        "baocao.congthuong",
        "canbo.nhatrang",
    ]
    return {user.username: user for user in User.objects.filter(username__in=names)}


def _organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(province_id=KHANH_HOA, name=name).first()


def _reporting_round(period: ReportingPeriod, users: dict[str, User]) -> int:
    officer, checker = users.get("canbo.tdc"), users.get("kiemtra.tdc")
    finance, finance_head = users.get("baocao.taichinh"), users.get("duyet.taichinh")
    trade, ward = users.get("baocao.congthuong"), users.get("canbo.nhatrang")
    if officer is None or finance is None or finance_head is None or trade is None:
        return 0
    if checker is None:
        return 0
    # The DoST's own reports are accepted by the second officer, who did not write them.
    dost_reviewer = checker
    dost = _organisation("Sở Khoa học và Công nghệ")
    finance_org, trade_org = _organisation("Sở Tài chính"), _organisation("Sở Công Thương")
    ward_org = _organisation("UBND Phường Nha Trang")
    played = 0
    stories: list[tuple[ProgressReport | None, list[Step]]] = [
        # DoST reports on the tasks it leads; a second officer accepts its reports.
        (
            _report(period, dost, "1.1"),
            [
                Step(
                    at(10, 28),
                    _write(
                        officer,
                        percent=80,
                        results=(
                            "Tham mưu UBND tỉnh ban hành Kế hoạch; tổ chức 03 hội nghị quán triệt Chỉ thị số 38-CT/TW "
                            "cho lãnh đạo các sở, ngành, UBND cấp xã và doanh nghiệp; đăng 36 tin, bài trên Trang thông tin "
                            "điện tử của Sở và Zalo OA “Tiêu chuẩn Đo lường Chất lượng Khánh Hòa”."
                        ),
                        figures=[
                            _figure("Số hội nghị", "3", "hội nghị"),
                            _figure("Số tin, bài", "36", "tin, bài"),
                        ],
                    ),
                ),
                Step(at(10, 30), _submit(officer)),
                Step(at(11, 2), _accept(dost_reviewer)),
            ],
        ),
        (
            _report(period, dost, "2.1"),
            [
                Step(
                    at(10, 14),
                    _write(
                        officer,
                        progress="completed",
                        percent=100,
                        completed_on=dt.date(2026, 10, 14),
                        results=(
                            "Thẩm định nội dung tiêu chuẩn, đo lường, chất lượng của 12 dự án đầu tư, 4 chương trình phát triển "
                            "kinh tế - xã hội của tỉnh."
                        ),
                        figures=[_figure("Số dự án được thẩm định", "12", "dự án")],
                    ),
                ),
                Step(at(10, 15), _submit(officer)),
                Step(at(10, 16), _accept(dost_reviewer)),
            ],
        ),
        (
            _report(period, dost, "2.3"),
            [
                Step(
                    at(10, 20),
                    _write(
                        officer,
                        progress="completed",
                        percent=100,
                        completed_on=dt.date(2026, 10, 20),
                        results=(
                            "Triển khai các nhiệm vụ được phân cấp về tiêu chuẩn, đo lường, chất lượng; kiểm tra 35 cơ sở kinh "
                            "doanh xăng dầu, xử lý 4 trường hợp vi phạm."
                        ),
                        figures=[_figure("Số cơ sở được kiểm tra", "35", "cơ sở")],
                    ),
                ),
                Step(at(10, 21), _submit(officer)),
                Step(at(10, 22), _accept(dost_reviewer)),
            ],
        ),
        # Sở Tài chính: the reporter drafts, the approver signs off, DoST reviews.
        (
            _report(period, finance_org, "1.1"),
            [
                Step(
                    at(11, 3),
                    _write(
                        finance,
                        percent=100,
                        progress="completed",
                        completed_on=dt.date(2026, 10, 30),
                        results=(
                            "Tổ chức quán triệt Chỉ thị số 38-CT/TW cho toàn thể công chức, viên chức của Sở tại hội nghị cơ quan "
                            "ngày 30/10/2026."
                        ),
                        figures=[
                            _figure("Số công chức, viên chức được quán triệt", "118", "người")
                        ],
                    ),
                ),
                Step(at(11, 3, 10), _submit(finance)),
                Step(at(11, 4), _approve(finance_head)),
                Step(at(11, 6), _accept(officer, "Đã tổng hợp vào báo cáo chung.")),
            ],
        ),
        (
            _report(period, finance_org, "2.1"),
            [
                Step(
                    at(11, 5),
                    _write(
                        finance,
                        percent=60,
                        results="Phối hợp thẩm định nội dung kinh phí của các dự án có liên quan.",
                    ),
                ),
                Step(at(11, 5, 10), _submit(finance)),
                Step(at(11, 6), _approve(finance_head)),
                Step(
                    at(11, 12),
                    _return(
                        officer, "Đề nghị nêu rõ số dự án đã phối hợp thẩm định và tổng kinh phí."
                    ),
                ),
                Step(
                    at(11, 14),
                    _write(
                        finance,
                        percent=70,
                        results=(
                            "Phối hợp thẩm định nội dung kinh phí của 5 dự án có liên quan, tổng kinh phí 2,4 tỷ đồng."
                        ),
                        figures=[
                            _figure("Số dự án", "5", "dự án"),
                            _figure("Kinh phí", "2.4", "tỷ đồng"),
                        ],
                    ),
                ),
                Step(at(11, 14, 10), _submit(finance)),
                Step(at(11, 14, 15), _approve(finance_head)),
            ],
        ),
        (
            _report(period, finance_org, "2.2"),
            [
                Step(
                    at(11, 9),
                    _write(
                        finance,
                        percent=50,
                        results="Rà soát các chính sách về kinh phí cho hoạt động tiêu chuẩn, đo lường, chất lượng.",
                    ),
                ),
                Step(at(11, 9, 15), _submit(finance)),
            ],
        ),
        (
            _report(period, finance_org, "2.5"),
            [
                Step(
                    at(11, 8),
                    _write(
                        finance,
                        percent=40,
                        results="Tổng hợp dự toán kinh phí năm 2027 do Sở Khoa học và Công nghệ đề xuất.",
                        difficulties="Nguồn ngân sách năm 2027 còn khó khăn.",
                        proposals="Ưu tiên bố trí kinh phí đầu tư trang thiết bị kiểm định.",
                    ),
                ),
                Step(at(11, 8, 10), _submit(finance)),
                Step(at(11, 8, 15), _approve(finance_head)),
                Step(
                    at(11, 13),
                    _return(
                        officer,
                        "Bổ sung số kinh phí dự kiến bố trí năm 2027 cho các nhiệm vụ của Kế hoạch.",
                    ),
                ),
            ],
        ),
        (
            _report(period, finance_org, "2.3"),
            [Step(at(11, 16), _write(finance, percent=20, results="Đang tổng hợp số liệu."))],
        ),
        # Sở Công Thương: no approver, sends straight to DoST; one report late.
        (
            _report(period, trade_org, "1.1"),
            [
                Step(
                    at(11, 9),
                    _write(
                        trade,
                        percent=90,
                        results=(
                            "Quán triệt Chỉ thị tại hội nghị giao ban; phối hợp tuyên truyền cho 45 doanh nghiệp thương mại về "
                            "ghi nhãn và đo lường trong kinh doanh xăng dầu."
                        ),
                        figures=[
                            _figure("Số doanh nghiệp được tuyên truyền", "45", "doanh nghiệp")
                        ],
                    ),
                ),
                Step(at(11, 9, 16), _submit(trade)),
            ],
        ),
        (
            _report(period, trade_org, "2.1"),
            [
                Step(
                    at(11, 15),
                    _write(
                        trade, percent=60, results="Phối hợp thẩm định 3 dự án thương mại, dịch vụ."
                    ),
                ),
                Step(at(11, 15, 10), _submit(trade)),
                Step(at(11, 17), _accept(officer)),
            ],
        ),
        (
            _report(period, trade_org, "2.2"),
            [
                Step(
                    at(11, 10, 8),
                    _write(trade, percent=30, results="Triển khai một số văn bản mới."),
                ),
                Step(at(11, 10, 9), _submit(trade)),
                Step(at(11, 12, 10), _return(officer, "Nêu tên các văn bản đã triển khai.")),
            ],
        ),
        (
            _report(period, trade_org, "2.3"),
            [
                Step(
                    at(11, 18), _write(trade, percent=10, results="Đang tổng hợp kết quả kiểm tra.")
                )
            ],
        ),
    ]
    if ward is not None:
        stories.append(
            (
                _report(period, ward_org, "1.1"),
                [
                    Step(
                        at(11, 7),
                        _write(
                            ward,
                            percent=100,
                            progress="completed",
                            completed_on=dt.date(2026, 9, 25),
                            results=(
                                "Tổ chức tuyên truyền Chỉ thị qua hệ thống loa truyền thanh của phường và tại 12 tổ dân phố."
                            ),
                        ),
                    ),
                    Step(at(11, 7, 10), _submit(ward)),
                    Step(at(11, 10), _accept(officer)),
                ],
            )
        )
    for report, steps in stories:
        played += int(_play(report, steps))
    return played


def _deadlines(period: ReportingPeriod) -> None:
    """An officer's deadline for two assignments, so that the four statuses all show."""
    for name, number, due in (
        ("Sở Công Thương", "2.2", dt.date(2026, 9, 30)),
        ("Sở Tài chính", "2.5", dt.date(2026, 10, 31)),
        ("Sở Khoa học và Công nghệ", "2.1", dt.date(2026, 9, 30)),
        ("Sở Khoa học và Công nghệ", "2.2", dt.date(2026, 9, 30)),
    ):
        Assignment.objects.filter(
            task__plan=period.plan,
            task__number=number,
            organisation__name=name,
            due_date__isnull=True,
        ).update(due_date=due)


def _explanations(period: ReportingPeriod, users: dict[str, User]) -> None:
    officer, trade = users.get("canbo.tdc"), users.get("baocao.congthuong")
    if officer is None or ExplanationRequest.objects.filter(period=period).exists():
        return
    for name in ("Sở Công Thương", "Sở Giáo dục và Đào tạo"):
        organisation = _organisation(name)
        if organisation is None or not organisation_is_late(period, organisation.pk):
            continue
        explanation = periods.request_explanation(
            period,
            organisation=organisation,
            message=(
                "Đề nghị quý cơ quan giải trình bằng văn bản lý do chưa gửi (hoặc gửi chậm) báo cáo năm 2026 "
                "theo hạn 10/11/2026 và gửi bổ sung báo cáo."
            ),
            due_date=max(timezone.localdate(), dt.date(2026, 11, 20)) + dt.timedelta(days=5),
            by=officer,
        )
        if name == "Sở Công Thương" and trade is not None:
            periods.answer_explanation(
                explanation,
                response="Do thay đổi công chức phụ trách nên Sở gửi chậm; Sở đã gửi bổ sung ngày 15/11/2026.",
                by=trade,
            )


DEMO_INDICATORS: list[dict[str, Any]] = [
    {
        "name": "100% sở, ban, ngành và UBND cấp xã tổ chức quán triệt, tuyên truyền Chỉ thị số 38-CT/TW",
        "unit": "%",
        "comparator": "=",
        "target_value": Decimal(100),
        "baseline": Decimal(0),
        "aggregation": "level",
        "metric_key": "plans.dissemination_reporting_share",
    },
    {
        "name": "Ít nhất 90% báo cáo định kỳ của các cơ quan, đơn vị được gửi đúng hạn",
        "unit": "%",
        "comparator": ">=",
        "target_value": Decimal(90),
        "aggregation": "level",
        "metric_key": "plans.reporting_timeliness",
    },
    {
        "name": "Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp về tiêu chuẩn, đo lường, chất lượng",
        "unit": "diễn đàn",
        "comparator": ">=",
        "target_value": Decimal(5),
        "baseline": Decimal(0),
        "aggregation": "cumulative",
        "value": (Decimal(1), "Báo cáo của Sở Khoa học và Công nghệ"),
    },
    {
        "name": "Hằng năm khảo sát chất lượng ít nhất 20 sản phẩm, hàng hóa lưu thông trên thị trường",
        "unit": "sản phẩm",
        "comparator": ">=",
        "target_value": Decimal(20),
        "aggregation": "annual",
        "value": (Decimal(14), "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa"),
    },
    {
        "name": "Đầu tư ít nhất 06 trang thiết bị, phương tiện kiểm tra nhanh phục vụ thanh tra, kiểm tra",
        "unit": "thiết bị",
        "comparator": ">=",
        "target_value": Decimal(6),
        "baseline": Decimal(0),
        "aggregation": "cumulative",
        "value": (Decimal(2), "Sở Khoa học và Công nghệ, kết quả mua sắm năm 2026"),
    },
]


def _indicators(plan: Plan, officer: User) -> None:
    """The seed plan states no numeric target; DoST adds the ones it tracks (demo values)."""
    for spec in DEMO_INDICATORS:
        values = {k: v for k, v in spec.items() if k != "value"}
        indicator = Indicator.objects.filter(plan=plan, name=values["name"]).first()
        if indicator is None:
            indicator = indicators.create_indicator(
                plan,
                by=officer,
                deadline=dt.date(2030, 12, 31),
                baseline_date=dt.date(2026, 1, 1),
                source_note="Chỉ tiêu demo, theo các chỉ tiêu địa phương thực hiện Quyết định số 1703/QĐ-TTg",
                **values,
            )
        if "value" in spec and not indicator.values.exists():
            value, source = spec["value"]
            indicators.record_indicator_value(
                indicator,
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 12, 31),
                value=value,
                source=source,
                by=officer,
            )
    indicators.compute_plan_indicators(plan, year=2026, by=officer)


def _ad_hoc(plan: Plan, officer: User) -> None:
    if ReportingPeriod.objects.filter(
        plan=plan, kind=ReportingPeriod.Kind.AD_HOC, year=2026
    ).exists():
        return
    chosen = [
        o for o in (_organisation("Sở Công Thương"), _organisation("Sở Tài chính")) if o is not None
    ]
    period = periods.open_period(
        plan,
        kind=ReportingPeriod.Kind.AD_HOC,
        year=2026,
        by=officer,
        title="Báo cáo đột xuất: kết quả hưởng ứng Ngày Tiêu chuẩn Thế giới 14/10/2026",
        request="Báo cáo kết quả các hoạt động hưởng ứng Ngày Tiêu chuẩn Thế giới 14/10/2026 của cơ quan, đơn vị.",
        opened_on=dt.date(2026, 11, 16),
        working_days=10,
        organisations=chosen,
    )
    ReportingPeriod.objects.filter(pk=period.pk).update(
        start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)
    )


def _synthesis(period: ReportingPeriod, officer: User) -> None:
    if Synthesis.objects.filter(period=period).exists():
        return
    synthesis = start_synthesis(period, by=officer)
    update_synthesis(
        synthesis,
        by=officer,
        version=synthesis.version,
        assessment=(
            "Năm 2026, các sở, ban, ngành và UBND cấp xã đã triển khai Kế hoạch theo chức năng, nhiệm vụ được giao; "
            "công tác tuyên truyền, quán triệt Chỉ thị số 38-CT/TW được thực hiện rộng rãi."
        ),
        next_tasks="Tiếp tục triển khai các nhiệm vụ của Kế hoạch năm 2027; tổ chức sơ kết 01 năm thực hiện Chỉ thị.",
        proposals="Đề nghị UBND tỉnh chỉ đạo các cơ quan chưa gửi báo cáo khẩn trương hoàn thành.",
        signer_name="Nguyễn Văn Khoa",
    )


def load(out: Any) -> None:
    for day, name in HOLIDAYS_2026:
        Holiday.objects.get_or_create(date=day, defaults={"name": name})
    for each in Plan.objects.select_related("province").order_by("pk"):
        setup = assign_plan(each)
        if setup.assignments or setup.periods:
            out.write(
                f"Execution demo: {each.province.name} plan {each.pk} — {setup.assignments} assignments, "
                f"{setup.indicators} indicators, {setup.reports} reports expected.\n"
            )
    plan = khanh_hoa_2026()
    users = _users()
    officer = users.get("canbo.tdc")
    if plan is None or officer is None:
        out.write(
            "Execution demo: the Khánh Hòa 2026 plan is not imported yet; nothing more to do.\n"
        )
        return
    period, _opened = periods.ensure_yearly_period(plan, year=2026, by=None)
    _deadlines(period)
    played = _reporting_round(period, users)
    _explanations(period, users)
    _ad_hoc(plan, officer)
    _indicators(plan, officer)
    _synthesis(period, officer)
    digests = send_due_reminders(today=timezone.localdate())
    if played or digests:
        out.write(f"Execution demo: {played} report histories, {digests} reminder digests.\n")
