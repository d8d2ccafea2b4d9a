"""Fixtures shared by the tests of plans: the synthesis of a Khánh Hòa period (services and exports)."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.plans.models import ReportingPeriod
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.indicators import create_indicator, record_indicator_value
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.services.synthesis import (
    start_synthesis,
    update_synthesis,
)
from tdc.plans.tests.factories import (
    HANOI,
    RESULT,
    ExplanationRequestFactory,
    NotificationFactory,
    make_plan,
    make_target,
    read_draft,
    report_of,
    small_plan_bytes,
)


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


@pytest.fixture
def world(
    dost, agency, other_agency, commune_org, officer, reporter, time_machine
) -> dict[str, Any]:
    """One plan of Khánh Hòa with a report sent, evidence, a synthesis, an explanation, a
    notification and an import draft."""
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Quán triệt Chỉ thị số 38-CT/TW",
                "leads": [agency],
                "partners": [other_agency],
            },
            {"number": "1.2", "content": "Thẩm định nội dung tiêu chuẩn", "leads": [dost]},
            {"number": "1.3", "content": "Tuyên truyền tại cơ sở", "leads": ["all_communes"]},
        ],
    )
    make_target(plan)
    plan.source_file.save("ke-hoach.txt", ContentFile(b"KE HOACH"), save=True)
    assign_plan(plan)
    report = report_of(plan, agency, number="1.1")
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=40, results="Đã quán triệt"),
        version=report.version,
        by=reporter,
        new_files=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")],
    )
    report = submit_report(report, version=report.version, by=reporter)
    period = ReportingPeriod.objects.get(plan=plan)
    return {
        "plan": plan,
        "task": plan.tasks.get(number="1.1"),
        "period": period,
        "report": report,
        "evidence": report.evidence.get(),
        "indicator": plan.indicators.get(),
        "synthesis": start_synthesis(period, by=officer),
        "explanation": ExplanationRequestFactory(
            period=period, organisation=agency, requested_by=officer
        ),
        "notification": NotificationFactory(recipient=reporter),
        "draft": read_draft(
            dost.province, data=small_plan_bytes("ma-tran"), filename="kh.txt", by=officer
        ),
    }
