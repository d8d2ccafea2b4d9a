"""The Decree 30 writer on its own: addressees, points, the closing mark, the header variants."""

import datetime as dt
import io

from docx import Document

from tdc.reports.nd30 import Letterhead, Nd30Document, Signature
from tdc.reports.xlsx import Sheet, workbook_bytes


def _document(**kwargs):
    head = Letterhead(
        issuing_body="Ủy ban nhân dân tỉnh Khánh Hòa",
        date=dt.date(2026, 12, 5),
        place="Khánh Hòa",
        symbol="BC-UBND",
        number="312",
    )
    document = Nd30Document(
        head, subject="Kết quả thực hiện Chỉ thị số 38-CT/TW năm 2026", **kwargs
    )
    document.heading("I. Kết quả thực hiện")
    document.points(["Tổ chức hội nghị", "Kiểm tra", "Khảo sát", "Tập huấn", "Tuyên truyền"])
    document.finish(
        "Kính báo cáo Bộ Khoa học và Công nghệ",
        Signature(
            authority=["TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"],
            name="Nguyễn Thanh Hà",
            recipients=["Như trên", "Lưu: VT, KT"],
        ),
    )
    return Document(io.BytesIO(document.to_bytes()))


def test_several_addressees_each_get_a_line_ending_in_a_semicolon_and_the_last_a_full_stop():
    document = _document(addressees=["Bộ Khoa học và Công nghệ", "Văn phòng Chính phủ"])

    texts = [p.text for p in document.paragraphs if p.text]
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 3] == ["- Bộ Khoa học và Công nghệ;", "- Văn phòng Chính phủ."]


def test_points_follow_the_vietnamese_alphabet_and_the_body_ends_with_the_closing_mark():
    document = _document(addressees=["Bộ Khoa học và Công nghệ"])

    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[-6:] == [
        "a) Tổ chức hội nghị",
        "b) Kiểm tra",
        "c) Khảo sát",
        "d) Tập huấn",
        "đ) Tuyên truyền",
        "Kính báo cáo Bộ Khoa học và Công nghệ./.",
    ]
    assert "I. KẾT QUẢ THỰC HIỆN" in texts


def test_a_body_without_a_parent_has_one_bold_line_and_a_three_line_signature():
    document = _document()

    left = [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text]
    assert left == ["ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"]
    assert document.tables[0].cell(1, 0).paragraphs[0].text == "Số: 312/BC-UBND"
    right = [p.text for p in document.tables[-1].cell(0, 1).paragraphs if p.text]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thanh Hà"]


def test_an_annex_sheet_has_its_caption_headers_and_rows():
    from openpyxl import load_workbook

    data = workbook_bytes(
        [
            Sheet(
                name="Phụ lục",
                caption="PHỤ LỤC",
                title="DANH MỤC",
                reference="(Kèm theo …)",
                headers=["TT", "Nội dung"],
                widths=[6, 40],
                rows=[[1, "Một"], [2, "Hai"]],
            )
        ]
    )

    sheet = load_workbook(io.BytesIO(data))["Phụ lục"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=5)] == [
        ["TT", "Nội dung"],
        [1, "Một"],
        [2, "Hai"],
    ]
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.page_setup.orientation == "landscape"
