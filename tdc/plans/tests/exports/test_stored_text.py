"""From the door to the download: a progress report's text through the API and the synthesis.

Issue 9, item 3: one form feed pasted into a progress report made the synthesis DOCX and XLSX
answer 500 for everybody. The API now stores the text clean, and a report stored with control
characters before the fix still gives a synthesis that downloads and opens.
"""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tdc.accounts.services import issue_api_token
from tdc.plans.models import ReportingPeriod
from tdc.plans.services import (
    ReportInput,
    accept_report,
    assign_plan,
    save_report,
    start_synthesis,
    submit_report,
)
from tdc.plans.tests.factories import HANOI, make_plan, report_of


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(dost, agency):
    plan = make_plan(
        dost, [{"number": "1.1", "content": "Quán triệt Chỉ thị số 38-CT/TW", "leads": [agency]}]
    )
    assign_plan(plan)
    return plan


def test_a_progress_report_sent_through_the_api_is_stored_clean(client, plan, agency, reporter):
    _token, key = issue_api_token(reporter, name="test")
    report = report_of(plan, agency)

    response = client.put(
        f"/api/v1/plans/reports/{report.pk}",
        {
            "version": 0,
            "progress": "in_progress",
            "percent": 50,
            "results": "Đã\x0c quán\x0b triệt\x00 cho\ud800 150\u202e cán bộ",
            "figures": [{"label": "Số\u200b hội nghị", "value": "2", "unit": "hội\x1b nghị"}],
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 200
    content = response.json()["content"]
    assert content["results"] == "Đã quán triệt cho 150 cán bộ"
    assert content["figures"] == [{"label": "Số hội nghị", "value": "2", "unit": "hội nghị"}]


def test_a_report_stored_with_control_characters_still_gives_a_synthesis_that_opens(
    client, plan, agency, reporter, officer, time_machine
):
    # Saved through the service directly, as text stored before the input was cleaned.
    saved = save_report(
        report_of(plan, agency),
        data=ReportInput(
            progress="in_progress",
            percent=70,
            results="Đã\x0c tổ chức\x0b 02 hội nghị\x1b",
            difficulties="Thiếu\x0c kinh phí",
        ),
        version=0,
        by=reporter,
    )
    accept_report(submit_report(saved, version=saved.version, by=reporter), by=officer)
    time_machine.move_to(dt.datetime(2026, 11, 12, 9, tzinfo=HANOI), tick=False)
    synthesis = start_synthesis(ReportingPeriod.objects.get(plan=plan), by=officer)
    client.force_login(officer)

    docx = client.get(reverse("plans:synthesis_download", args=[synthesis.pk, "docx"]))
    xlsx = client.get(reverse("plans:synthesis_download", args=[synthesis.pk, "xlsx"]))

    assert (docx.status_code, xlsx.status_code) == (200, 200)
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Đã tổ chức 02 hội nghị" in paragraphs
    assert "\x0c" not in paragraphs
    workbook = load_workbook(io.BytesIO(xlsx.content))
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    assert [c for c in cells if "02 hội nghị" in c] == ["Sở Tài chính: Đã tổ chức 02 hội nghị"]
