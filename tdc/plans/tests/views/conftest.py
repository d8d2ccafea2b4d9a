"""Fixtures of the plans pages: a small Khánh Hòa plan, assigned, and the agency's draft report."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import ReportInput, save_report
from tdc.plans.tests.factories import HANOI, SECRET_RESULT, make_plan, report_of


@pytest.fixture
def before_the_deadline(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(before_the_deadline, dost, agency, other_agency, commune_org):
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
    assign_plan(plan)
    return plan


@pytest.fixture
def draft(plan, agency, reporter):
    report = report_of(plan, agency)
    return save_report(
        report,
        data=ReportInput(progress="in_progress", percent=40, results=SECRET_RESULT),
        version=0,
        by=reporter,
        new_files=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 noi bo")],
    )
