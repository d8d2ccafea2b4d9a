"""The synthesis documents opened and checked: the Decree 30 DOCX, the XLSX annex, an agency's own report."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu
from openpyxl import load_workbook

from tdc.plans.exports.synthesis import agency_report_docx, synthesis_docx, synthesis_xlsx
from tdc.plans.tests.factories import RESULT
from tdc.reports.nd30 import number_line, place_and_date, point_label

pytestmark = pytest.mark.usefixtures("in_2026")


@pytest.fixture
def period(synthesis_period):
    return synthesis_period


@pytest.fixture
def draft(synthesis_draft):
    return synthesis_draft


def _paragraphs(cell):
    return [p for p in cell.paragraphs if p.text.strip()]


def _size(paragraph):
    sizes = {run.font.size.pt for run in paragraph.runs if run.text.strip()}
    assert len(sizes) == 1, paragraph.text
    return sizes.pop()


def _bold(paragraph):
    return all(run.font.bold for run in paragraph.runs if run.text.strip())


def _italic(paragraph):
    return all(run.font.italic for run in paragraph.runs if run.text.strip())


def test_the_docx_follows_decree_30(draft):
    document = Document(io.BytesIO(synthesis_docx(draft)))

    section = document.sections[0]
    assert (round(Emu(section.page_width).mm), round(Emu(section.page_height).mm)) == (210, 297)
    assert [
        round(Emu(m).mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert "PAGE" not in section.footer._element.xml

    body = document.element.body
    assert body[0].tag.endswith("}tbl")
    header = document.tables[0]
    left = _paragraphs(header.cell(0, 0))
    right = _paragraphs(header.cell(0, 1))
    assert [(p.text, _bold(p), _size(p)) for p in left] == [
        ("UBND TỈNH KHÁNH HÒA", False, 12),
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", True, 12),
    ]
    assert [(p.text, _bold(p), _size(p)) for p in right] == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, 12),
        ("Độc lập - Tự do - Hạnh phúc", True, 13),
    ]
    (number,) = _paragraphs(header.cell(1, 0))
    (date,) = _paragraphs(header.cell(1, 1))
    assert (number.text, _size(number)) == ("Số: 05/BC-SKHCN", 13)
    assert (date.text, _size(date), _italic(date), _bold(date)) == (
        "Khánh Hòa, ngày 20 tháng 11 năm 2026",
        13,
        True,
        False,
    )

    texts = [p.text for p in document.paragraphs]
    title = next(i for i, text in enumerate(texts) if text == "BÁO CÁO")
    assert _bold(document.paragraphs[title])
    assert document.paragraphs[title].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert texts[title + 1] == draft.subject
    assert texts[title + 3] == "Kính gửi: Ủy ban nhân dân tỉnh Khánh Hòa"

    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text.strip()}
    fonts |= {
        run.font.name
        for t in document.tables
        for c in t._cells
        for p in c.paragraphs
        for run in p.runs
        if run.text.strip()
    }
    assert fonts == {"Times New Roman"}
    assert document.styles["Normal"].font.name == "Times New Roman"

    body_paragraphs = [p for p in document.paragraphs[title + 4 :] if p.text.strip()]
    assert {_size(p) for p in body_paragraphs} == {14}
    assert {p.alignment for p in body_paragraphs} == {WD_ALIGN_PARAGRAPH.JUSTIFY}
    assert {round(p.paragraph_format.first_line_indent.cm, 2) for p in body_paragraphs} == {1.27}
    assert body_paragraphs[-1].text.endswith("./.")
    headings = [p.text for p in body_paragraphs if re.match(r"^[IVX]+\. ", p.text)]
    assert headings == [
        "I. TÌNH HÌNH TRIỂN KHAI VÀ KẾT QUẢ THỰC HIỆN",
        "II. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
        "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "IV. KHÓ KHĂN, VƯỚNG MẮC",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    joined = "\n".join(texts)
    assert f"Sở Tài chính: {RESULT} (Số hội nghị: 2 hội nghị)." in joined
    assert "Bản chưa được tiếp nhận" not in joined
    assert "- UBND Phường Nha Trang (nhiệm vụ 1.1)" in joined
    assert (
        "Đến ngày 12/11/2026, Sở nhận được 2/3 báo cáo phải gửi, trong đó 1 báo cáo gửi đúng hạn"
        in joined
    )
    assert (
        "- Tổ chức ít nhất 05 diễn đàn đối thoại: mục tiêu ít nhất 5 diễn đàn đến 31/12/2030; thực hiện 2 diễn đàn (đến 31/12/2026) — đúng lộ trình."
        in joined
    )
    # Each group told once: its tasks in full, then how far they are and what was raised.
    assert (
        "a) Nhiệm vụ 1.1 (chủ trì: Sở Tài chính): Tổ chức quán triệt, tuyên truyền Chỉ thị số "
        f"38-CT/TW. Kết quả: Sở Tài chính: {RESULT} (Số hội nghị: 2 hội nghị)." in texts
    )
    assert "Tình hình chung của nhóm: 1 nhiệm vụ đang thực hiện trong hạn." in texts
    assert "Khó khăn, vướng mắc: Sở Tài chính: Thiếu kinh phí tuyên truyền." in texts
    assert "Đề xuất: Sở Tài chính: Bố trí kinh phí năm 2027." in texts
    assert "Chưa có báo cáo nào của nhóm này được Sở tiếp nhận." in texts
    assert (
        "Chưa có báo cáo được Sở tiếp nhận"
        not in texts[
            texts.index("Tình hình chung của nhóm: 1 nhiệm vụ đang thực hiện trong hạn.") - 1
        ]
    )
    assert (
        "Khó khăn, vướng mắc của các cơ quan, đơn vị được nêu tại từng nhóm nhiệm vụ ở Mục I."
        in texts
    )
    assert "…" not in joined

    signature = document.tables[-1]
    left = _paragraphs(signature.cell(0, 0))
    right = _paragraphs(signature.cell(0, 1))
    assert (left[0].text, _bold(left[0]), _italic(left[0]), _size(left[0])) == (
        "Nơi nhận:",
        True,
        True,
        12,
    )
    assert [p.text for p in left[1:]] == [
        "- Như trên;",
        "- Bộ Khoa học và Công nghệ (báo cáo);",
        "- Ban Giám đốc Sở;",
        "- Lưu: VT, TĐC.",
    ]
    assert {_size(p) for p in left[1:]} == {11}
    assert [(p.text, _bold(p)) for p in right] == [
        ("KT. GIÁM ĐỐC", True),
        ("PHÓ GIÁM ĐỐC", True),
        ("Trần Minh Hoàng", True),
    ]
    assert len(signature.cell(0, 1).paragraphs) - len(right) == 4  # room for the signature and seal


def test_the_xlsx_annex_lists_every_task_with_its_lead_status_and_result(draft):
    workbook = load_workbook(io.BytesIO(synthesis_xlsx(draft)))

    assert workbook.sheetnames == ["Nhiệm vụ", "Tình hình báo cáo", "Chỉ tiêu"]
    tasks = workbook["Nhiệm vụ"]
    assert (tasks["A1"].value, tasks["A2"].value) == ("PHỤ LỤC I", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")
    assert (
        tasks["A3"].value
        == "(Kèm theo Báo cáo 05/BC-SKHCN ngày 20 tháng 11 năm 2026 của Sở Khoa học và Công nghệ)"
    )
    rows = [[cell.value for cell in row] for row in tasks.iter_rows(min_row=5)]
    assert rows[0] == [
        "TT",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian thực hiện",
        "Tình trạng",
        "Kết quả thực hiện",
        "Số báo cáo phải gửi",
        "Số báo cáo đã tiếp nhận",
    ]
    assert rows[1][:2] == ["1", "CÔNG TÁC TUYÊN TRUYỀN, NÂNG CAO NHẬN THỨC"]
    assert rows[2] == [
        "1.1",
        "Tổ chức quán triệt, tuyên truyền Chỉ thị số 38-CT/TW",
        "Sở Tài chính",
        "all_communes",
        "Năm 2026 và những năm tiếp theo",
        "Đang thực hiện trong hạn",
        f"Sở Tài chính: {RESULT} (Số hội nghị: 2 hội nghị)",
        2,
        1,
    ]
    assert rows[4][0] == "2.1"
    assert rows[4][6] == "Chưa có báo cáo được tiếp nhận"
    assert tasks["B7"].font.name == "Times New Roman"
    reporting = [
        [c.value for c in row] for row in workbook["Tình hình báo cáo"].iter_rows(min_row=6)
    ]
    assert reporting == [
        [1, "Sở Tài chính", 1, 1, 1, 1, 0],
        [2, "Sở Y tế", 1, 1, 0, 0, 0],
        [3, "UBND Phường Nha Trang", 1, 0, 0, 0, 1],
        [None, "Tổng cộng", 3, 2, 1, 1, 1],
    ]
    assert workbook["Tình hình báo cáo"]["C9"].font.bold
    assert rows[-1] == [None, "Tổng cộng", None, None, None, None, None, 3, 1]
    indicators = [[c.value for c in row] for row in workbook["Chỉ tiêu"].iter_rows(min_row=6)]
    assert indicators == [
        [
            1,
            "Tổ chức ít nhất 05 diễn đàn đối thoại",
            "ít nhất",
            5,
            "diễn đàn",
            "31/12/2030",
            2,
            "31/12/2026",
            "Đúng lộ trình",
            None,
        ],
    ]


def test_an_agency_exports_its_own_report_in_the_same_format(period, agency, reporter):
    document = Document(io.BytesIO(agency_report_docx(period, organisation=agency, by=reporter)))

    left = [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text]
    assert left == ["UBND TỈNH KHÁNH HÒA", "SỞ TÀI CHÍNH"]
    assert document.tables[0].cell(1, 0).paragraphs[0].text == "Số:      /BC-STC"
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi: Sở Khoa học và Công nghệ" in texts
    assert any(RESULT in text for text in texts)
    assert [t for t in texts if t.strip()][
        -1
    ] == "Trên đây là báo cáo của Sở Tài chính, kính gửi Sở Khoa học và Công nghệ tổng hợp./."


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 20), "Khánh Hòa, ngày 20 tháng 11 năm 2026"),
        (dt.date(2027, 2, 5), "Khánh Hòa, ngày 05 tháng 02 năm 2027"),
        (dt.date(2027, 3, 9), "Khánh Hòa, ngày 09 tháng 3 năm 2027"),
    ],
)
def test_place_and_date_pad_days_and_only_the_first_two_months(day, expected):
    assert place_and_date("Khánh Hòa", day) == expected


def test_number_lines_and_point_letters():
    assert number_line("5", "BC-SKHCN") == "Số: 05/BC-SKHCN"
    assert number_line("125", "BC-SKHCN") == "Số: 125/BC-SKHCN"
    assert number_line("", "BC-SKHCN") == "Số:      /BC-SKHCN"
    assert [point_label(i) for i in range(7)] == ["a", "b", "c", "d", "đ", "e", "g"]
