"""Every writer on its own: no stored text breaks the file, formula-like text stays text."""

import csv
import datetime as dt
import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from tdc.reports.cells import (
    XLSX_CELL_LIMIT,
    safe_csv_cell,
    safe_sheet_name,
    unescape_csv_cell,
)
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature, number_line
from tdc.reports.tables import csv_bytes, xlsx_table
from tdc.reports.xlsx import Sheet, workbook_bytes

PASTED = "Cửa hàng\x0c xăng\x0b dầu\x00 số 7\x1b\x7f\x85"
FORMULAS = ['=HYPERLINK("http://x","Bấm")', "+84 258 3822 000", "-Đã kiểm tra", "@SUM(A1)"]


def _table_cells(data):
    sheet = load_workbook(io.BytesIO(data)).active
    return list(sheet.iter_rows(min_row=2))[0]


def _csv_rows(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _annex(rows, *, name="Nhiệm vụ"):
    return workbook_bytes(
        [
            Sheet(
                name=name,
                caption="PHỤ LỤC\x0c I",
                title="KẾT QUẢ",
                reference="(Kèm theo Báo cáo số 05/BC-SKHCN)",
                headers=["TT", "Kết quả"],
                widths=[6, 60],
                rows=rows,
            )
        ]
    )


def test_control_characters_are_removed_from_a_table_and_the_file_opens():
    (xlsx_cell,) = _table_cells(xlsx_table("Phản ánh", ["Cơ sở"], [[PASTED]]))
    assert xlsx_cell.value == "Cửa hàng xăng dầu số 7"

    assert _csv_rows(csv_bytes(["Cơ sở"], [[PASTED]]))[1] == ["Cửa hàng xăng dầu số 7"]


def test_formula_like_text_is_a_text_cell_holding_exactly_what_was_typed():
    cells = _table_cells(xlsx_table("Phản ánh", ["a", "b", "c", "d"], [FORMULAS]))

    assert [cell.value for cell in cells] == FORMULAS
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "s"]
    assert [cell.quotePrefix for cell in cells] == [True, True, True, True]


def test_formula_like_text_is_escaped_in_csv_with_a_leading_quote():
    rows = _csv_rows(csv_bytes(["a", "b", "c", "d", "e", "f"], [[*FORMULAS, "\tx", "\rx"]]))

    assert rows[1] == ["'" + text for text in FORMULAS] + ["'\tx", "'\rx"]


def test_an_escaped_csv_cell_read_back_in_is_what_was_typed():
    for text in [*FORMULAS, "'quoted'", "Bình thường", "'", "", "'=1+1", "''-2"]:
        assert unescape_csv_cell(safe_csv_cell(text)) == text


def test_a_negative_number_stays_a_number_and_is_not_escaped():
    (number, decimal, text) = _table_cells(
        xlsx_table("Số liệu", ["a", "b", "c"], [[-5, Decimal("-2.5"), "Bình thường"]])
    )
    assert (number.value, number.data_type) == (-5, "n")
    assert (decimal.value, decimal.data_type) == (-2.5, "n")
    assert (text.value, text.quotePrefix) == ("Bình thường", False)

    assert _csv_rows(csv_bytes(["a", "b"], [[-5, Decimal("-2.5")]]))[1] == ["-5", "-2.5"]


def test_the_annex_writer_cleans_every_cell_and_keeps_formulas_as_text():
    sheet = load_workbook(io.BytesIO(_annex([["1", PASTED], ["2", "=1+1"], [-3, None]]))).active

    assert sheet["A1"].value == "PHỤ LỤC I"
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=6)] == [
        ["1", "Cửa hàng xăng dầu số 7"],
        ["2", "=1+1"],
        [-3, None],
    ]
    assert (sheet["B7"].data_type, sheet["A8"].data_type) == ("s", "n")


def test_a_sheet_name_excel_would_refuse_is_made_acceptable():
    workbook = load_workbook(io.BytesIO(_annex([], name="Quý [1/2026]: tổng hợp*?\x0c")))
    assert workbook.sheetnames == ["Quý 12026 tổng hợp"]
    assert safe_sheet_name("[]") == "Sheet"
    assert safe_sheet_name("'Báo cáo'") == "Báo cáo"
    assert safe_sheet_name("x" * 30 + "'y") == "x" * 30
    assert len(safe_sheet_name("Tình hình thực hiện nhiệm vụ của các đơn vị")) == 31


def test_text_longer_than_an_excel_cell_is_cut_with_an_ellipsis():
    (cell,) = _table_cells(xlsx_table("Dài", ["a"], [["ạ" * 40_000]]))
    assert cell.value == "ạ" * (XLSX_CELL_LIMIT - 1) + "…"

    (astral,) = _table_cells(xlsx_table("Dài", ["a"], [["𠀀" * 20_000]]))  # two UTF-16 units each
    assert astral.value == "𠀀" * ((XLSX_CELL_LIMIT - 1) // 2) + "…"


def test_values_excel_cannot_store_become_text_or_local_time():
    aware = dt.datetime(2026, 11, 20, 2, 30, tzinfo=dt.UTC)
    (nan, infinite, moment, day) = _table_cells(
        xlsx_table(
            "Giá trị",
            ["a", "b", "c", "d"],
            [[float("nan"), Decimal("Infinity"), aware, dt.date(2026, 1, 5)]],
        )
    )
    assert (nan.value, infinite.value) == ("nan", "Infinity")
    assert (moment.value.date(), moment.value.time()) == (dt.date(2026, 11, 20), dt.time(9, 30))
    assert moment.value.tzinfo is None  # local (Asia/Ho_Chi_Minh) time, as Excel stores it
    assert day.value.date() == dt.date(2026, 1, 5)
    assert safe_csv_cell(None) == ""
    assert safe_csv_cell(True) == "True"


def test_a_decree_30_document_with_pasted_control_characters_opens_again():
    document = Nd30Document(
        Letterhead(
            issuing_body="Sở Khoa học\x0c và Công nghệ",
            date=dt.date(2026, 11, 20),
            place="Khánh Hòa",
            symbol="BC-SKHCN\x00",
        ),
        subject="Kết quả\x0b thực hiện",
        addressees=["Ủy ban nhân dân\x1b tỉnh"],
    )
    document.heading("I. Kết quả\x0c")
    document.paragraph(PASTED)
    document.paragraph("Dòng một\r\nDòng hai\rDòng ba")
    document.points(["Tập\x08 huấn"])
    document.bullets(["Kiểm\x01 tra"])
    document.finish(
        "Kính báo cáo\x0c",
        Signature(
            authority=["KT. GIÁM ĐỐC\x0c"], name="Trần\x00 Minh Hoàng", recipients=["Lưu\x0c"]
        ),
    )

    opened = Document(io.BytesIO(document.to_bytes()))

    texts = [p.text for p in opened.paragraphs if p.text]
    assert "Cửa hàng xăng dầu số 7" in texts
    assert "Dòng một\nDòng hai\nDòng ba" in texts
    assert "a) Tập huấn" in texts
    assert "Kính báo cáo./." in texts
    assert "I. KẾT QUẢ" in texts
    header = opened.tables[0]
    assert header.cell(0, 0).paragraphs[0].text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert header.cell(1, 0).paragraphs[0].text == "Số:      /BC-SKHCN"
    signature = opened.tables[1]
    assert [p.text for p in signature.cell(0, 1).paragraphs if p.text] == [
        "KT. GIÁM ĐỐC",
        "Trần Minh Hoàng",
    ]


def test_a_document_number_in_other_digits_is_written_as_typed():
    assert number_line("²", "BC-SKHCN") == "Số: ²/BC-SKHCN"
    assert number_line("5", "BC-SKHCN") == "Số: 05/BC-SKHCN"
