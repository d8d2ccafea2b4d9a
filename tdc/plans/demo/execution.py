"""Demo of plan execution, run after the seed plans are imported (idempotent).

Every demo plan gets its assignments, indicators and yearly period (`assign_plan`). The Khánh
Hòa 2026 plan then gets a reporting round in progress, dated relative to the day the demo runs
(`today`), so that whoever runs `make run`, whenever, finds a cycle under way: the quarter's
report is due in about two weeks, and over the last five weeks Sở Tài chính (baocao.taichinh,
approved by duyet.taichinh), Sở Công Thương (baocao.congthuong), UBND Phường Nha Trang and DoST
itself (canbo.tdc) have written, sent, had returned or accepted their reports. An ad-hoc request
whose deadline has passed shows lateness: one agency reported on time, the other late and was
asked to explain. Three assignments are overdue; indicators get values; a synthesis draft is open.

Run again, the demo changes nothing while the round is open; run after the round's deadline, it
opens the next quarter's round (history kept, nothing duplicated). Without the 2026 plan (the
plan import has not run) only the first part happens.
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
from tdc.core.workdays import add_working_days
from tdc.plans.models import (
    Assignment,
    Indicator,
    Plan,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
    ReportVersion,
    Synthesis,
)
from tdc.plans.queries.periods import ROMAN, default_deadline, organisation_is_late
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


# The story was first told on 19/11/2026: each of its days keeps its distance from that day.
STORY_DAY = dt.date(2026, 11, 19)
# How long before the day it runs the demo's round was opened, and how many working days ahead
# its deadline lies.
ROUND_OPENED_DAYS_AGO = 40
ROUND_WORKING_DAYS_AHEAD = 8
AD_HOC_OPENED_DAYS_AGO = 25


@dataclass(frozen=True)
class Clock:
    """The story's calendar, moved so that its last day is the day before `today`."""

    today: dt.date

    def day(self, month: int, day: int) -> dt.date:
        return self.today - (STORY_DAY - dt.date(2026, month, day))

    def at(self, month: int, day: int, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(self.day(month, day), dt.time(hour), tzinfo=HANOI)

    def ago(self, days: int, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(
            self.today - dt.timedelta(days=days), dt.time(hour), tzinfo=HANOI
        )


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


def _reporting_round(period: ReportingPeriod, users: dict[str, User], clock: Clock) -> int:
    at = clock.at
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
    next_year = period.year + 1
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
                        completed_on=clock.day(10, 14),
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
                        completed_on=clock.day(10, 20),
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
                        completed_on=clock.day(10, 30),
                        results=(
                            "Tổ chức quán triệt Chỉ thị số 38-CT/TW cho toàn thể công chức, viên chức của Sở tại hội nghị cơ quan "
                            f"ngày {clock.day(10, 30):%d/%m/%Y}."
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
                        results=f"Tổng hợp dự toán kinh phí năm {next_year} do Sở Khoa học và Công nghệ đề xuất.",
                        difficulties=f"Nguồn ngân sách năm {next_year} còn khó khăn.",
                        proposals="Ưu tiên bố trí kinh phí đầu tư trang thiết bị kiểm định.",
                    ),
                ),
                Step(at(11, 8, 10), _submit(finance)),
                Step(at(11, 8, 15), _approve(finance_head)),
                Step(
                    at(11, 13),
                    _return(
                        officer,
                        f"Bổ sung số kinh phí dự kiến bố trí năm {next_year} cho các nhiệm vụ của Kế hoạch.",
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
                            completed_on=clock.day(9, 25),
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


def _deadlines(period: ReportingPeriod, clock: Clock) -> None:
    """An officer's deadline for four assignments, past by now, so that the four statuses all
    show (three overdue, one completed late)."""
    for name, number, due in (
        ("Sở Công Thương", "2.2", clock.day(9, 30)),
        ("Sở Tài chính", "2.5", clock.day(10, 31)),
        ("Sở Khoa học và Công nghệ", "2.1", clock.day(9, 30)),
        ("Sở Khoa học và Công nghệ", "2.2", clock.day(9, 30)),
    ):
        Assignment.objects.filter(
            task__plan=period.plan,
            task__number=number,
            organisation__name=name,
            due_date__isnull=True,
        ).update(due_date=due)


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _next_quarter(year: int, number: int) -> tuple[int, int]:
    return (year + 1, 1) if number == 4 else (year, number + 1)


def _current_round(plan: Plan, officer: User, today: dt.date) -> tuple[ReportingPeriod, bool]:
    """The quarterly round in progress, and whether it is the one the story is told in.

    The first run opens the quarter in which the round was asked for, 40 days ago, due 8
    working days from today. A later run finds it, or, once its deadline has passed, opens the
    next quarter's round with the plan's own quarterly deadline (never less than 8 working days
    ahead), without a story: what was played stays in the earlier round.
    """
    quarterly = ReportingPeriod.Kind.QUARTERLY
    opened_on = today - dt.timedelta(days=ROUND_OPENED_DAYS_AGO)
    first = _quarter(opened_on)
    year, number = first
    while True:
        existing = ReportingPeriod.objects.filter(
            plan=plan, kind=quarterly, year=year, number=number
        ).first()
        if existing is None:
            break
        if existing.deadline >= today:
            return existing, (year, number) == first
        year, number = _next_quarter(year, number)
    ahead = add_working_days(today, ROUND_WORKING_DAYS_AHEAD)
    story = (year, number) == first
    deadline = ahead if story else max(ahead, default_deadline(plan, quarterly, year, number))
    period = periods.open_period(
        plan,
        kind=quarterly,
        year=year,
        number=number,
        by=officer,
        opened_on=opened_on if story else today,
        deadline=deadline,
        request=(
            f"Đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện Kế hoạch quý "
            f"{ROMAN[number]} năm {year} trước ngày {deadline:%d/%m/%Y}."
        ),
    )
    return period, story


def _ad_hoc(plan: Plan, users: dict[str, User], clock: Clock) -> None:
    """A request answered by two agencies, its deadline past: Sở Tài chính reported on time,
    Sở Công Thương late, and was asked to explain, which it did."""
    officer, trade = users["canbo.tdc"], users.get("baocao.congthuong")
    finance, finance_head = users.get("baocao.taichinh"), users.get("duyet.taichinh")
    if ReportingPeriod.objects.filter(plan=plan, kind=ReportingPeriod.Kind.AD_HOC).exists():
        return
    finance_org, trade_org = _organisation("Sở Tài chính"), _organisation("Sở Công Thương")
    chosen = [o for o in (trade_org, finance_org) if o is not None]
    opened_on = clock.today - dt.timedelta(days=AD_HOC_OPENED_DAYS_AGO)
    period = periods.open_period(
        plan,
        kind=ReportingPeriod.Kind.AD_HOC,
        year=opened_on.year,
        by=officer,
        title="Báo cáo đột xuất: tình hình bố trí kinh phí, nhân lực thực hiện Kế hoạch",
        request=(
            "Báo cáo tình hình bố trí kinh phí, công chức phụ trách thực hiện các nhiệm vụ của "
            "Kế hoạch từ đầu năm đến nay, khó khăn, vướng mắc và kiến nghị."
        ),
        opened_on=opened_on,
        working_days=10,
        organisations=chosen,
    )
    ago = clock.ago
    if finance is not None and finance_head is not None:
        _play(
            _report(period, finance_org, "1.1"),
            [
                Step(
                    ago(20),
                    _write(
                        finance,
                        percent=100,
                        progress="completed",
                        completed_on=(clock.today - dt.timedelta(days=20)),
                        results=(
                            "Đã bố trí 01 công chức phụ trách và kinh phí tuyên truyền từ nguồn chi "
                            "thường xuyên của Sở."
                        ),
                    ),
                ),
                Step(ago(20, 10), _submit(finance)),
                Step(ago(19), _approve(finance_head)),
                Step(ago(15), _accept(officer)),
            ],
        )
    if trade is None or trade_org is None:
        return
    explanation = None
    if organisation_is_late(period, trade_org.pk):
        explanation = periods.request_explanation(
            period,
            organisation=trade_org,
            message=(
                "Đề nghị quý cơ quan giải trình bằng văn bản lý do chưa gửi báo cáo đột xuất theo "
                f"hạn {period.deadline:%d/%m/%Y} và gửi bổ sung báo cáo."
            ),
            due_date=clock.today + dt.timedelta(days=5),
            by=officer,
        )
    sent_late = ago(3)
    _play(
        _report(period, trade_org, "1.1"),
        [
            Step(
                sent_late,
                _write(
                    trade,
                    percent=50,
                    results="Đã phân công 01 công chức phụ trách; kinh phí lồng ghép vào kinh phí quản lý thương mại.",
                ),
            ),
            Step(ago(3, 10), _submit(trade)),
        ],
    )
    if explanation is not None:
        periods.answer_explanation(
            explanation,
            response=(
                "Do thay đổi công chức phụ trách nên Sở gửi chậm; Sở đã gửi bổ sung báo cáo ngày "
                f"{sent_late:%d/%m/%Y}."
            ),
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
        "value": (Decimal(2), "Sở Khoa học và Công nghệ, kết quả mua sắm trong năm"),
    },
]


def _indicators(plan: Plan, officer: User, year: int) -> None:
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
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                value=value,
                source=source,
                by=officer,
            )
    indicators.compute_plan_indicators(plan, year=year, by=officer)


def _synthesis(period: ReportingPeriod, officer: User) -> None:
    if Synthesis.objects.filter(period=period).exists():
        return
    synthesis = start_synthesis(period, by=officer)
    update_synthesis(
        synthesis,
        by=officer,
        version=synthesis.version,
        assessment=(
            "Trong kỳ, các sở, ban, ngành và UBND cấp xã đã triển khai Kế hoạch theo chức năng, "
            "nhiệm vụ được giao; công tác tuyên truyền, quán triệt Chỉ thị số 38-CT/TW được thực "
            "hiện rộng rãi."
        ),
        next_tasks="Tiếp tục triển khai các nhiệm vụ của Kế hoạch trong kỳ tới; tổ chức sơ kết 01 năm thực hiện Chỉ thị.",
        proposals="Đề nghị UBND tỉnh chỉ đạo các cơ quan chưa gửi báo cáo khẩn trương hoàn thành.",
        signer_name="Nguyễn Văn Khoa",
    )


def load(out: Any, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
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
    clock = Clock(today)
    period, story = _current_round(plan, officer, today)
    _deadlines(period, clock)
    played = _reporting_round(period, users, clock) if story else 0
    _ad_hoc(plan, users, clock)
    _indicators(plan, officer, period.year)
    if story:
        _synthesis(period, officer)
    digests = send_due_reminders(today=today)
    if played or digests:
        out.write(f"Execution demo: {played} report histories, {digests} reminder digests.\n")
