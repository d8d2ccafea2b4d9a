"""The synthesis is fit to sign: full task texts, Vietnamese numbers, the DoST never among
the agencies that have not reported, a short report for ad-hoc periods, indicators quoting
their source, and the DOCX as LibreOffice renders it."""

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from tdc.plans.exports.synthesis import synthesis_docx, synthesis_xlsx
from tdc.plans.models import ReportingPeriod
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.indicators import create_indicator, record_indicator_value
from tdc.plans.services.periods import open_period
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.services.synthesis import start_synthesis
from tdc.plans.tests.factories import HANOI, make_plan, report_of

pytestmark = pytest.mark.usefixtures("in_2026")

LONG_TASK = (
    "Rà soát, sửa đổi, bổ sung và ban hành các chính sách, cơ chế phối hợp, biện pháp quản lý "
    "cần thiết để thúc đẩy hoạt động tiêu chuẩn, đo lường, chất lượng trên địa bàn tỉnh, bảo đảm "
    "phù hợp với quy định của Luật Tiêu chuẩn và Quy chuẩn kỹ thuật, Luật Đo lường, Luật Chất "
    "lượng sản phẩm, hàng hóa và các văn bản hướng dẫn thi hành"
)


@pytest.fixture
def signable(dost, agency, reporter, officer, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)
    plan = make_plan(
        dost,
        [
            {"number": "", "content": LONG_TASK, "leads": [agency, dost]},
            {"number": "1.2", "content": "Thẩm định tiêu chuẩn", "leads": [dost]},
        ],
    )
    assign_plan(plan)
    report = save_report(
        report_of(plan, agency),
        data=ReportInput(progress="in_progress", percent=60, results="Đã rà soát 12 văn bản"),
        version=0,
        by=reporter,
    )
    accept_report(submit_report(report, version=report.version, by=reporter), by=officer)
    indicator = create_indicator(
        plan,
        by=officer,
        name="Tỷ lệ báo cáo gửi đúng hạn",
        unit="%",
        comparator=">=",
        target_value=Decimal("90"),
        deadline=dt.date(2030, 12, 31),
        metric_key="plans.reporting_timeliness",
    )
    record_indicator_value(
        indicator,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 9, 30),
        value=Decimal("23.53"),
        source="Tính từ báo cáo",
        by=officer,
    )
    time_machine.move_to(dt.datetime(2026, 11, 12, 9, tzinfo=HANOI), tick=False)
    period = ReportingPeriod.objects.get(plan=plan, kind="annual")
    return start_synthesis(period, by=officer)


def _texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_tasks_are_written_in_full_with_their_place_when_unnumbered(signable):
    texts = _texts(synthesis_docx(signable))
    joined = "\n".join(texts)

    assert "…" not in joined
    assert (
        f"a) Nhiệm vụ 1 (chủ trì: Sở Tài chính; Sở Khoa học và Công nghệ): {LONG_TASK}. "
        "Kết quả: Sở Tài chính: Đã rà soát 12 văn bản." in texts
    )
    assert "—" not in joined.split("III. KẾT QUẢ")[0].split("II. TÌNH HÌNH")[1]


def test_numbers_read_as_vietnamese_write_them_and_the_source_is_quoted(signable):
    joined = "\n".join(_texts(synthesis_docx(signable)))

    assert (
        "- Tỷ lệ báo cáo gửi đúng hạn: mục tiêu ít nhất 90 % đến 31/12/2030; thực hiện 23,53 % "
        "(đến 30/09/2026) — đúng lộ trình. Nguồn số liệu: Tỷ lệ báo cáo gửi đúng hạn."
    ) in joined
    assert "23.53" not in joined
    sheet = load_workbook(io.BytesIO(synthesis_xlsx(signable)))["Chỉ tiêu"]
    row = [c.value for c in sheet[6]]
    assert row[3:7] == [90, "%", "31/12/2030", 23.53]
    assert (sheet["G6"].number_format, row[9]) == ("#,##0.##", "Tỷ lệ báo cáo gửi đúng hạn")


def test_the_dost_is_never_listed_among_the_agencies_that_have_not_reported(signable, dost):
    data = signable.snapshot
    joined = "\n".join(_texts(synthesis_docx(signable)))

    assert [m["organisation"] for m in data["missing"]] == []
    assert data["totals"]["expected"] == 1
    assert "Tất cả các cơ quan, đơn vị đã gửi báo cáo." in joined
    assert "Sở Khoa học và Công nghệ (nhiệm vụ" not in joined


def test_an_ad_hoc_period_has_its_own_short_report(signable, agency, reporter, officer):
    plan = signable.period.plan
    period = open_period(
        plan,
        kind=ReportingPeriod.Kind.AD_HOC,
        year=2026,
        by=officer,
        title="Báo cáo đột xuất: kết quả hưởng ứng Ngày Tiêu chuẩn Thế giới 14/10/2026",
        deadline=dt.date(2026, 11, 30),
        organisations=[agency],
    )
    report = save_report(
        report_of(plan, agency, period=period),
        data=ReportInput(
            progress="in_progress",
            percent=80,
            results="Tổ chức 01 hội thảo",
            proposals="Tổ chức thường niên",
        ),
        version=0,
        by=reporter,
    )
    accept_report(submit_report(report, version=report.version, by=reporter), by=officer)
    synthesis = start_synthesis(period, by=officer)

    texts = [t for t in _texts(synthesis_docx(synthesis)) if t.strip()]

    assert synthesis.subject == "Kết quả hưởng ứng Ngày Tiêu chuẩn Thế giới 14/10/2026"
    assert [t for t in texts if t[:4] in ("I. K", "II. ", "III.")] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TÌNH HÌNH BÁO CÁO",
        "III. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    assert "- Sở Tài chính: Tổ chức 01 hội thảo." in texts
    assert "- Sở Tài chính: Tổ chức thường niên." in texts
    assert texts[-1 - texts[::-1].index(next(t for t in texts[::-1] if t.endswith("./.")))] == (
        "Trên đây là báo cáo kết quả hưởng ứng Ngày Tiêu chuẩn Thế giới 14/10/2026 của Sở Khoa "
        "học và Công nghệ, kính báo cáo Ủy ban nhân dân tỉnh Khánh Hòa xem xét, chỉ đạo./."
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_whole_task_text_and_vietnamese_numbers(signable, tmp_path):
    source = Path(tmp_path) / "bao-cao.docx"
    source.write_bytes(synthesis_docx(signable))

    subprocess.run(  # noqa: S603
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with pdfplumber.open(Path(tmp_path) / "bao-cao.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    rendered = " ".join(" ".join(pages).split())

    assert len(pages) >= 2
    assert " ".join(LONG_TASK.split()) in rendered
    assert "23,53 %" in rendered
    assert "…" not in rendered
    assert "Nguồn số liệu: Tỷ lệ báo cáo gửi đúng hạn." in rendered
