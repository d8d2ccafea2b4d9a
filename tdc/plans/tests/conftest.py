"""Fixtures shared by the tests of plans: the synthesis of a Khánh Hòa period (services and exports)."""

import datetime as dt

import pytest

from tdc.plans.models import ReportingPeriod
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.indicators import create_indicator, record_indicator_value
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.services.synthesis import (
    start_synthesis,
    update_synthesis,
)
from tdc.plans.tests.factories import HANOI, RESULT, make_plan, report_of


@pytest.fixture
def in_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 12, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def synthesis_period(
    in_2026,
    dost,
    agency,
    other_agency,
    commune_org,
    reporter,
    other_reporter,
    officer,
    time_machine,
):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Tổ chức quán triệt, tuyên truyền Chỉ thị số 38-CT/TW",
                "leads": [agency],
                "partners": ["all_communes"],
            },
            {
                "number": "2.1",
                "content": "Thẩm định nội dung tiêu chuẩn trong các dự án",
                "leads": [other_agency],
                "group": 1,
            },
        ],
        groups=["Công tác tuyên truyền, nâng cao nhận thức", "Tăng cường quản lý nhà nước"],
    )
    assign_plan(plan)
    accepted = save_report(
        report_of(plan, agency),
        data=ReportInput(
            progress="in_progress",
            percent=70,
            results=RESULT,
            figures=({"label": "Số hội nghị", "value": "2", "unit": "hội nghị"},),
            difficulties="Thiếu kinh phí tuyên truyền",
            proposals="Bố trí kinh phí năm 2027",
        ),
        version=0,
        by=reporter,
    )
    accept_report(submit_report(accepted, version=accepted.version, by=reporter), by=officer)
    time_machine.move_to(dt.datetime(2026, 11, 11, 9, tzinfo=HANOI), tick=False)
    waiting = save_report(
        report_of(plan, other_agency),
        data=ReportInput(progress="in_progress", percent=20, results="Bản chưa được tiếp nhận"),
        version=0,
        by=other_reporter,
    )
    submit_report(waiting, version=waiting.version, by=other_reporter)
    indicator = create_indicator(
        plan,
        by=officer,
        name="Tổ chức ít nhất 05 diễn đàn đối thoại",
        unit="diễn đàn",
        comparator=">=",
        target_value=5,
        deadline=dt.date(2030, 12, 31),
        aggregation="cumulative",
    )
    record_indicator_value(
        indicator,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        value=2,
        source="Sở KH&CN",
        by=officer,
    )
    time_machine.move_to(dt.datetime(2026, 11, 12, 9, tzinfo=HANOI), tick=False)
    return ReportingPeriod.objects.get(plan=plan)


@pytest.fixture
def synthesis_draft(synthesis_period, officer):
    synthesis = start_synthesis(synthesis_period, by=officer)
    return update_synthesis(
        synthesis,
        by=officer,
        version=synthesis.version,
        doc_number="5",
        doc_date=dt.date(2026, 11, 20),
        signer_name="Trần Minh Hoàng",
    )


@pytest.fixture
def indicator_plan(dost, agency, other_agency, commune_org):
    """Two tasks, one led by the agency, the other agency and the commune together."""
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Quán triệt, tuyên truyền Chỉ thị",
                "leads": [agency, other_agency, commune_org],
            },
            {"number": "2.1", "content": "Thẩm định tiêu chuẩn", "leads": [agency], "group": 1},
        ],
        groups=["Công tác tuyên truyền, nâng cao nhận thức", "Tăng cường quản lý nhà nước"],
    )
    assign_plan(plan)
    return plan
