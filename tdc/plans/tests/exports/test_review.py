"""The multi-year review (sơ kết / tổng kết) opened and checked."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tdc.plans.exports.review import review_docx, review_xlsx
from tdc.plans.queries.review import collect_review_data
from tdc.plans.services.periods import ensure_yearly_period, sync_period_reports
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.tests.factories import HANOI, RESULT, report_of

pytestmark = pytest.mark.usefixtures("in_2026")


@pytest.fixture
def two_years(synthesis_period, agency, reporter, officer, time_machine):
    plan = synthesis_period.plan
    time_machine.move_to(dt.datetime(2027, 10, 1, 9, tzinfo=HANOI), tick=False)
    period_2027, _ = ensure_yearly_period(plan, year=2027, by=None)
    sync_period_reports(period_2027)
    report = save_report(
        report_of(plan, agency, period=period_2027),
        data=ReportInput(
            progress="completed",
            percent=100,
            results="Hoàn thành quán triệt cho toàn bộ cán bộ",
            completed_on=dt.date(2027, 9, 30),
        ),
        version=0,
        by=reporter,
    )
    accept_report(submit_report(report, version=report.version, by=reporter), by=officer)
    return plan


def test_a_mid_term_review_rolls_up_every_years_accepted_reports(two_years):
    data = collect_review_data(two_years, start=2026, end=2027)

    assert data.title == "Sơ kết 2 năm thực hiện Kế hoạch (2026–2027)"
    texts = [p.text for p in Document(io.BytesIO(review_docx(data))).paragraphs]
    joined = "\n".join(texts)
    assert "BÁO CÁO" in texts
    assert "- Năm 2026: 2/3 báo cáo đã gửi, 1 báo cáo được Sở tiếp nhận." in texts
    assert "- Năm 2027: 1/3 báo cáo đã gửi, 1 báo cáo được Sở tiếp nhận." in texts
    assert (
        f"Nhiệm vụ 1.1: Tổ chức quán triệt, tuyên truyền Chỉ thị số 38-CT/TW. Năm 2026, Sở Tài "
        f"chính: {RESULT}. Năm 2027, Sở Tài chính: Hoàn thành quán triệt cho toàn bộ cán bộ. "
        "Đã hoàn thành." in texts
    )
    assert "kết quả qua các năm — 31/12/2026: 2 diễn đàn." in joined
    assert joined.rstrip().endswith("xem xét, chỉ đạo./.") or "chỉ đạo./." in joined


def test_the_final_review_and_its_annex(two_years):
    data = collect_review_data(two_years, start=2026, end=2030)
    assert data.title.startswith("Tổng kết 5 năm")

    workbook = load_workbook(io.BytesIO(review_xlsx(data)))
    years = [[c.value for c in row] for row in workbook["Báo cáo qua các năm"].iter_rows(min_row=6)]
    assert years[0] == [2026, 3, 2, 1]
    assert years[1] == [2027, 3, 1, 1]
    assert years[-1] == ["Tổng cộng", 6, 3, 2]


def test_the_review_downloads_for_the_plans_readers(client, two_years, officer, reporter):
    url = reverse("plans:plan_review", args=[two_years.pk, "docx"]) + "?tu=2026&den=2027"
    client.force_login(reporter)
    assert client.get(url).status_code in (403, 404)
    client.force_login(officer)

    response = client.get(url)

    assert response.status_code == 200
    assert 'filename="so-ket-2026-2027.docx"' in response["Content-Disposition"]
    assert client.get(url.replace("den=2027", "den=2020")).status_code == 404
