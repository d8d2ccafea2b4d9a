"""Lateness and its explanation: an ad-hoc request, its deadline past, that one agency answered on
time and the other late, asked to explain, which it did."""

from __future__ import annotations

import datetime as dt

from tdc.accounts.models import User
from tdc.plans.demo.execution.cast import organisation
from tdc.plans.demo.execution.history import (
    Step,
    accept,
    approve,
    expected_report,
    play,
    submit,
    write,
)
from tdc.plans.demo.execution.rounds import AD_HOC_OPENED_DAYS_AGO, Clock
from tdc.plans.models import Plan, ReportingPeriod
from tdc.plans.queries.periods import organisation_is_late
from tdc.plans.services import periods


def ad_hoc_round(plan: Plan, users: dict[str, User], clock: Clock) -> None:
    """A request answered by two agencies, its deadline past: Sở Tài chính reported on time,
    Sở Công Thương late, and was asked to explain, which it did."""
    officer, trade = users["canbo.tdc"], users.get("baocao.congthuong")
    finance, finance_head = users.get("baocao.taichinh"), users.get("duyet.taichinh")
    if ReportingPeriod.objects.filter(plan=plan, kind=ReportingPeriod.Kind.AD_HOC).exists():
        return
    finance_org, trade_org = organisation("Sở Tài chính"), organisation("Sở Công Thương")
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
        play(
            expected_report(period, finance_org, "1.1"),
            [
                Step(
                    ago(20),
                    write(
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
                Step(ago(20, 10), submit(finance)),
                Step(ago(19), approve(finance_head)),
                Step(ago(15), accept(officer)),
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
    play(
        expected_report(period, trade_org, "1.1"),
        [
            Step(
                sent_late,
                write(
                    trade,
                    percent=50,
                    results="Đã phân công 01 công chức phụ trách; kinh phí lồng ghép vào kinh phí quản lý thương mại.",
                ),
            ),
            Step(ago(3, 10), submit(trade)),
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
