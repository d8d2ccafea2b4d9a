"""A standards project's stage shows in the reports of the plan task it is linked to: the
agency's progress report (page and DOCX) and DoST's synthesis (snapshot, DOCX, XLSX annex)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tdc.core.registry import task_facts
from tdc.plans.exports.synthesis import agency_report_docx, synthesis_docx, synthesis_xlsx
from tdc.plans.models import ReportingPeriod
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.services.synthesis import start_synthesis
from tdc.plans.tests.factories import HANOI, make_plan, report_of
from tdc.standards.models import Project
from tdc.standards.services.projects import advance_project, comment_on_project, create_project

pytestmark = pytest.mark.django_db

FACT = (
    "Dự án “QCĐP về chất lượng nước sạch” (Sở KH&CN): giai đoạn Lấy ý kiến (bước 3/5), "
    "hạn góp ý 30/11/2026, đã nhận 1 ý kiến."
)


@pytest.fixture
def period(time_machine, dost, agency, reporter, officer, business_user):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)
    plan = make_plan(
        dost,
        [
            {
                "number": "2.3",
                "content": "Xây dựng quy chuẩn kỹ thuật địa phương về nước sạch",
                "leads": [agency],
            },
            {"number": "2.4", "content": "Tuyên truyền về tiêu chuẩn", "leads": [agency]},
        ],
    )
    assign_plan(plan)
    task = plan.tasks.get(number="2.3")
    project = create_project(
        kind="qcdp",
        title="QCĐP về chất lượng nước sạch",
        description="",
        due_on=None,
        plan_task_id=task.pk,
        by=officer,
    )
    advance_project(project, stage="drafting", due_on=None, note="", by=officer)
    advance_project(project, stage="comments", due_on=dt.date(2026, 11, 30), note="", by=officer)
    comment_on_project(project, text="Đề nghị bổ sung chỉ tiêu asen.", by=business_user)
    for number in ("2.3", "2.4"):
        report = save_report(
            report_of(plan, agency, number=number),
            data=ReportInput(progress="in_progress", percent=60, results="Đã lấy ý kiến"),
            version=0,
            by=reporter,
        )
        accept_report(submit_report(report, version=report.version, by=reporter), by=officer)
    time_machine.move_to(dt.datetime(2026, 11, 12, 9, tzinfo=HANOI), tick=False)
    return ReportingPeriod.objects.get(plan=plan)


def _text(docx: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)


def test_the_synthesis_quotes_the_project_stage_under_its_task(period, officer):
    synthesis = start_synthesis(period, by=officer)

    tasks = {t["number"]: t for g in synthesis.snapshot["groups"] for t in g["tasks"]}
    assert tasks["2.3"]["facts"] == [FACT]
    assert tasks["2.4"]["facts"] == []
    text = _text(synthesis_docx(synthesis))
    assert (
        "Nhiệm vụ 2.3 (chủ trì: Sở Tài chính): Xây dựng quy chuẩn kỹ thuật địa phương về nước "
        f"sạch. {FACT} Kết quả: Sở Tài chính: Đã lấy ý kiến." in text
    )
    assert text.count("Dự án “") == 1
    annex = load_workbook(io.BytesIO(synthesis_xlsx(synthesis)))
    cells = [str(c.value) for row in annex.worksheets[0].iter_rows() for c in row if c.value]
    assert f"Sở Tài chính: Đã lấy ý kiến\n{FACT}" in cells


def test_the_agency_report_shows_the_project_stage(client, period, agency, reporter):
    text = _text(agency_report_docx(period, organisation=agency, by=reporter))
    assert f"Đã lấy ý kiến. {FACT}" in text
    assert text.count("Dự án “") == 1

    report = report_of(period.plan, agency, number="2.3")
    client.force_login(reporter)
    page = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    assert 'id="task-facts"' in page
    assert "Dự án “QCĐP về chất lượng nước sạch” (Sở KH&amp;CN): giai đoạn Lấy ý kiến" in page
    other = report_of(period.plan, agency, number="2.4")
    assert (
        'id="task-facts"'
        not in client.get(reverse("plans:report_detail", args=[other.pk])).content.decode()
    )


def test_the_fact_follows_the_stage_and_its_deadline(period, officer, time_machine):
    task_id = period.plan.tasks.get(number="2.3").pk
    project = Project.objects.get(plan_task_id=task_id)
    advance_project(project, stage="appraisal", due_on=dt.date(2026, 11, 20), note="", by=officer)
    time_machine.move_to(dt.datetime(2026, 11, 25, 9, tzinfo=HANOI), tick=False)
    assert [f.text for f in task_facts([task_id])[task_id]] == [
        "Dự án “QCĐP về chất lượng nước sạch” (Sở KH&CN): giai đoạn Thẩm định (bước 4/5), "
        "hạn 20/11/2026, đã quá hạn."
    ]
    advance_project(
        project, stage="issued", due_on=None, note="", issued_number="QCĐP 01:2026/KH", by=officer
    )
    assert [f.text for f in task_facts([task_id])[task_id]] == [
        "Dự án “QCĐP về chất lượng nước sạch” (Sở KH&CN): đã ban hành, số hiệu QCĐP "
        "01:2026/KH (bước 5/5)."
    ]
    assert task_facts([]) == {}
