"""A plan of another province (An Giang), in shapes none of the seeds has.

The same content is composed as a DOCX with a real Word table (columns in another order than
the seeds: STT, content, partners, lead, funding, timeline; Roman group rows merged across the
row; a continuation row; an unnumbered row with its own lead) and as a PDF (fpdf2, DejaVu font)
with hard-wrapped text and a ruled table. ``EXPECTED`` is what both must parse to.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "-------", "Số: 125/KH-UBND"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "An Giang, ngày 14 tháng 3 năm 2025",
]

BODY = [
    "KẾ HOẠCH",
    "Triển khai công tác tiêu chuẩn, đo lường, chất lượng trên địa bàn tỉnh An Giang",
    "giai đoạn 2025 - 2030",
    "Căn cứ Quyết định số 1703/QĐ-TTg ngày 31/12/2024 của Thủ tướng Chính phủ ban hành Kế hoạch "
    "triển khai thực hiện Chỉ thị số 38-CT/TW; Căn cứ Kế hoạch số 58-KH/TU ngày 20/01/2025 của "
    "Ban Thường vụ Tỉnh ủy An Giang; Ủy ban nhân dân tỉnh An Giang ban hành Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "a) Nâng cao nhận thức của các cấp, các ngành về vai trò của công tác tiêu chuẩn, đo lường, "
    "chất lượng.",
    "2. Yêu cầu",
    "a) Bám sát nội dung Quyết định số 1703/QĐ-TTg và điều kiện thực tế của tỉnh.",
    "II. CHỈ TIÊU CỤ THỂ",
    "1. Đến năm 2030",
    "a) 100% sở, ban, ngành và Ủy ban nhân dân cấp huyện quán triệt nội dung Kế hoạch.",
    "b) Hỗ trợ ít nhất 50 doanh nghiệp áp dụng hệ thống quản lý chất lượng tiên tiến.",
    "c) Hằng năm kiểm tra tối thiểu 200 phương tiện đo nhóm 2 đang sử dụng.",
    "d) Phấn đấu 80% cơ sở kinh doanh xăng dầu được kiểm tra về đo lường.",
    "III. NHIỆM VỤ VÀ GIẢI PHÁP",
    "Các nhiệm vụ cụ thể, cơ quan chủ trì, phối hợp và tiến độ tại Phụ lục kèm theo Kế hoạch này.",
    "IV. KINH PHÍ THỰC HIỆN",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước và các nguồn hợp pháp khác.",
    "V. TỔ CHỨC THỰC HIỆN",
    "1. Sở Khoa học và Công nghệ",
    "a) Chủ trì, hướng dẫn, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch.",
    "b) Tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện trước ngày 15 tháng 12 hằng năm.",
    "2. Sở Công Thương: Phối hợp kiểm tra đo lường, chất lượng hàng hóa lưu thông trên thị trường.",
    "3. Ủy ban nhân dân các huyện, thị xã, thành phố",
    "- Xây dựng kế hoạch thực hiện tại địa phương.",
    "- Định kỳ 6 tháng, báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 20 tháng "
    "6 và tháng 12.",
    "Nơi nhận:",
    "- Bộ Khoa học và Công nghệ;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "PHỤ LỤC",
    "NHIỆM VỤ CỤ THỂ",
    "(Kèm theo Kế hoạch số 125/KH-UBND ngày 14/3/2025 của UBND tỉnh An Giang)",
]

TABLE_HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan phối hợp",
    "Cơ quan chủ trì",
    "Kinh phí",
    "Thời gian hoàn thành",
]
# A row of two cells is a group row: its title spans the five other columns.
TABLE_ROWS: list[list[str]] = [
    ["I", "Tuyên truyền, nâng cao nhận thức"],
    [
        "1",
        "Tổ chức tuyên truyền nội dung Chỉ thị số 38-CT/TW trên các phương tiện thông tin đại chúng.",
        "Đài Phát thanh và Truyền hình An Giang; Báo An Giang",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Ngân sách tỉnh",
        "Hằng năm",
    ],
    [
        "2",
        "Xây dựng chuyên mục về tiêu chuẩn, đo lường, chất lượng trên Cổng thông tin điện tử tỉnh.",
        "Các Sở: Y tế, Giáo dục và Đào tạo",
        "Sở KH&CN",
        "",
        "Quý IV/2025",
    ],
    ["II", "Thanh tra, kiểm tra, giám sát"],
    [
        "1",
        "Kiểm tra đo lường đối với phương tiện đo nhóm 2 tại các chợ, cơ sở kinh doanh xăng dầu",
        "Công an tỉnh, Cục Quản lý thị trường tỉnh An Giang",
        "Sở Khoa học và Công nghệ",
        "Ngân sách nhà nước",
        "2025 - 2030",
    ],
    ["", "trên địa bàn tỉnh.", "", "", "", ""],
    [
        "2",
        "Giám sát chất lượng nông sản, thực phẩm lưu thông trên thị trường.",
        "UBND các xã, phường, thị trấn",
        "Sở Nông nghiệp và Môi trường; Sở Y tế",
        "",
        "Hằng năm",
    ],
    [
        "",
        "- Lấy mẫu kiểm nghiệm sản phẩm OCOP.",
        "",
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
        "",
        "Năm 2026",
    ],
    ["III", "Hội nhập quốc tế"],
    [
        "1",
        "Cập nhật cảnh báo hàng rào kỹ thuật trong thương mại (TBT) cho doanh nghiệp xuất khẩu.",
        "Hiệp hội Doanh nghiệp tỉnh, các doanh nghiệp xuất khẩu",
        "Sở Công Thương",
        "Nguồn xã hội hóa",
        "Thường xuyên",
    ],
]


def _item(start: str) -> str:
    """The first 80 characters of the body item starting with ``start``, without its label."""
    line = next(line for line in BODY if line.startswith(start))
    return line[3:][:80]


def _task(
    group: str,
    number: str | None,
    content: str,
    lead: list[str],
    partners: list[str],
    timeline: str | None,
    funding: str | None,
) -> dict[str, Any]:
    return {
        "group": group,
        "number": number,
        "content_start": content[:60],
        "lead": lead,
        "partners": partners,
        "timeline": timeline,
        "funding": funding,
    }


EXPECTED: dict[str, Any] = {
    "issuer": "UBND tỉnh An Giang",
    "locality": "An Giang",
    "title": "KẾ HOẠCH Triển khai công tác tiêu chuẩn, đo lường, chất lượng trên địa bàn tỉnh "
    "An Giang giai đoạn 2025 - 2030",
    "doc_number": "125/KH-UBND",
    "doc_date": "2025-03-14",
    "references": ["Quyết định số 1703/QĐ-TTg", "Chỉ thị số 38-CT/TW", "Kế hoạch số 58-KH/TU"],
    "task_groups": [
        {"number": "I", "title": "Tuyên truyền, nâng cao nhận thức"},
        {"number": "II", "title": "Thanh tra, kiểm tra, giám sát"},
        {"number": "III", "title": "Hội nhập quốc tế"},
    ],
    "tasks": [
        _task(
            "I",
            "1",
            TABLE_ROWS[1][1],
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["Đài Phát thanh và Truyền hình An Giang", "Báo An Giang"],
            "Hằng năm",
            "Ngân sách tỉnh",
        ),
        _task(
            "I",
            "2",
            TABLE_ROWS[2][1],
            ["Sở KH&CN"],
            ["Sở Y tế", "Sở Giáo dục và Đào tạo"],
            "Quý IV/2025",
            None,
        ),
        _task(
            "II",
            "1",
            TABLE_ROWS[4][1] + " trên địa bàn tỉnh.",
            ["Sở Khoa học và Công nghệ"],
            ["Công an tỉnh", "Cục Quản lý thị trường tỉnh An Giang"],
            "2025 - 2030",
            "Ngân sách nhà nước",
        ),
        _task(
            "II",
            "2",
            TABLE_ROWS[6][1],
            ["Sở Nông nghiệp và Môi trường", "Sở Y tế"],
            ["UBND các xã, phường, thị trấn"],
            "Hằng năm",
            None,
        ),
        _task(
            "II",
            None,
            "Lấy mẫu kiểm nghiệm sản phẩm OCOP.",
            ["Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng"],
            [],
            "Năm 2026",
            None,
        ),
        _task(
            "III",
            "1",
            TABLE_ROWS[9][1],
            ["Sở Công Thương"],
            ["Hiệp hội Doanh nghiệp tỉnh", "các doanh nghiệp xuất khẩu"],
            "Thường xuyên",
            "Nguồn xã hội hóa",
        ),
    ],
    "duties": [
        {"unit": "Sở Khoa học và Công nghệ", "count": 2},
        {"unit": "Sở Công Thương", "count": 1},
        {"unit": "Ủy ban nhân dân các huyện, thị xã, thành phố", "count": 2},
    ],
    "targets": [
        {
            "text": _item("a) 100%"),
            "value": 100,
            "unit": "%",
            "comparator": "=",
            "period": "by 2030",
        },
        {
            "text": _item("b) Hỗ trợ"),
            "value": 50,
            "unit": "doanh nghiệp",
            "comparator": ">=",
            "period": "by 2030",
        },
        {
            "text": _item("c) Hằng năm"),
            "value": 200,
            "unit": "phương tiện đo",
            "comparator": ">=",
            "period": "annual",
        },
        {
            "text": _item("d) Phấn đấu"),
            "value": 80,
            "unit": "%",
            "comparator": ">=",
            "period": "by 2030",
        },
    ],
    "reporting_deadlines": [
        {
            "who": "Sở Khoa học và Công nghệ",
            "to": "Ủy ban nhân dân tỉnh",
            "day_month": "15/12",
            "recurrence": "annual",
        },
        {
            "who": "Ủy ban nhân dân các huyện, thị xã, thành phố",
            "to": "Sở Khoa học và Công nghệ",
            "day_month": "20/06",
            "recurrence": "semiannual",
        },
    ],
}


def build_docx() -> bytes:
    """The plan as a Word document: header table, paragraphs, a real appendix table."""
    import docx

    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    for cell, lines in zip(header.rows[0].cells, (HEADER_LEFT, HEADER_RIGHT), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in BODY:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        cell.text = text
    for values in TABLE_ROWS:
        cells = table.add_row().cells
        if len(values) == 2:
            cells[0].text = values[0]
            merged = cells[1].merge(cells[-1])
            merged.text = values[1]
            continue
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf() -> bytes:
    """The plan as a PDF with a text layer: wrapped paragraphs and a ruled table."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    for line in [*HEADER_LEFT, *HEADER_RIGHT]:
        if set(line) != {"-"}:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    for line in BODY:
        bold = line.isupper() or line[:3] in ("I. ", "II.", "III", "IV.", "V. ")
        pdf.set_font("DejaVu", "B" if bold else "", 11)
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    widths = (12, 52, 34, 30, 20, 22)
    with pdf.table(col_widths=widths, first_row_as_headings=False) as table:
        header = table.row()
        for text in TABLE_HEADER:
            header.cell(text)
        for values in TABLE_ROWS:
            row = table.row()
            if len(values) == 2:
                row.cell(values[0])
                row.cell(values[1], colspan=len(TABLE_HEADER) - 1)
                continue
            for text in values:
                row.cell(text)
    return bytes(pdf.output())


def build_scanned_pdf() -> bytes:
    """A PDF with no text layer (only drawn shapes), like a scan."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    for i in range(20):
        pdf.rect(20, 20 + i * 12, 170, 6, style="F")
    return bytes(pdf.output())


def build_scanned_pdf_with_stamp() -> bytes:
    """A scanned page (an image) with only a digital-signature stamp as text."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("L", (600, 800), color=230)
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    pdf.set_font("DejaVu", size=8)
    pdf.cell(0, 5, "Ký bởi: Văn phòng UBND tỉnh")
    return bytes(pdf.output())
