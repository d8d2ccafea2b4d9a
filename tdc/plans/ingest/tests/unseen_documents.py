"""Unseen plans that are not plain text, composed when the tests run (see test_unseen.py).

``BUILDERS`` maps the ``file`` named by an ``unseen/<name>.expected.json`` to a function that
returns the document's bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

GIALAI_HEADER = (
    ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "Số: 88/KH-UBND"],
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Gia Lai, ngày 02 tháng 7 năm 2025",
    ],
)
GIALAI_BODY = [
    "KẾ HOẠCH",
    "Thực hiện Chỉ thị số 38-CT/TW ngày 30/7/2024 của Ban Bí thư về đẩy mạnh công tác tiêu "
    "chuẩn, đo lường, chất lượng quốc gia đến năm 2030 và những năm tiếp theo trên địa bàn tỉnh "
    "Gia Lai",
    "Thực hiện Quyết định số 1703/QĐ-TTg ngày 31/12/2024 của Thủ tướng Chính phủ, Ủy ban nhân "
    "dân tỉnh ban hành Kế hoạch thực hiện như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Quán triệt đầy đủ nội dung Chỉ thị số 38-CT/TW đến các cấp, các ngành.",
    "2. Xác định rõ nhiệm vụ, thời gian hoàn thành và trách nhiệm của từng cơ quan, đơn vị.",
    "II. MỤC TIÊU",
    "1. Mục tiêu chung",
    "Nâng cao năng lực cạnh tranh của sản phẩm, hàng hóa của tỉnh.",
    "2. Mục tiêu cụ thể",
    "Đến năm 2030, phấn đấu đạt các mục tiêu sau:",
    "- 100% cơ sở kinh doanh xăng dầu được kiểm tra về đo lường.",
    "- Có ít nhất 20 sản phẩm chủ lực của tỉnh được chứng nhận phù hợp tiêu chuẩn.",
    "- Hằng năm tổ chức ít nhất 02 hội nghị về năng suất, chất lượng.",
    "III. NHIỆM VỤ, GIẢI PHÁP",
    "(Chi tiết tại Phụ lục kèm theo)",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Sở Khoa học và Công nghệ",
    "a) Là cơ quan thường trực, theo dõi, đôn đốc việc thực hiện Kế hoạch.",
    "b) Tổng hợp, báo cáo UBND tỉnh và Bộ Khoa học và Công nghệ trước ngày 20/6 và 20/12 hằng năm.",
    "2. Các sở, ban, ngành; UBND các xã, phường",
    "Căn cứ chức năng, nhiệm vụ được giao, tổ chức thực hiện và gửi báo cáo về Sở Khoa học và "
    "Công nghệ trước ngày 10/6 và 10/12 hằng năm để tổng hợp.",
    "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội: phối "
    "hợp tuyên truyền, vận động hội viên, đoàn viên tham gia thực hiện Kế hoạch.",
    "Nơi nhận:",
    "- Bộ Khoa học và Công nghệ;",
    "- Lưu: VT, KTTH.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "PHỤ LỤC",
    "NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN CHỈ THỊ SỐ 38-CT/TW",
    "(Kèm theo Kế hoạch số 88/KH-UBND ngày 02/7/2025 của UBND tỉnh Gia Lai)",
]
GIALAI_TABLE_HEADER = [
    "TT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
]
# Rows of two cells are group rows whose title spans the other columns.
GIALAI_TABLE_ROWS: list[list[str]] = [
    ["I", "Tuyên truyền, phổ biến"],
    [
        "1",
        "Tuyên truyền nội dung Chỉ thị số 38-CT/TW trên các phương tiện thông tin đại chúng.",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Báo và Phát thanh, Truyền hình Gia Lai; UBND các xã, phường",
        "Hằng năm",
        "Tin, bài, phóng sự",
    ],
    [
        "2",
        "Tập huấn về tiêu chuẩn, đo lường, chất lượng cho doanh nghiệp.",
        "Sở Khoa học và Công nghệ",
        "Hiệp hội Doanh nghiệp tỉnh và các doanh nghiệp",
        "Quý IV hằng năm",
        "Lớp tập huấn",
    ],
    ["II", "Quản lý nhà nước về đo lường, chất lượng"],
    [
        "1",
        "Kiểm tra đo lường, chất lượng xăng dầu, khí dầu mỏ hóa lỏng.",
        "Sở Khoa học và Công nghệ",
        "Công an tỉnh, Sở Công Thương và UBND các xã, phường",
        "Hằng quý",
        "Báo cáo kết quả kiểm tra",
    ],
    [
        "2",
        "Xây dựng cơ sở dữ liệu về phương tiện đo, chuẩn đo lường trên địa bàn tỉnh",
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính",
        "Năm 2026",
        "Cơ sở dữ liệu",
    ],
    ["", "và kết nối với hệ thống của Bộ Khoa học và Công nghệ.", "", "", "", ""],
    ["III", "Hội nhập quốc tế"],
    [
        "1",
        "Cung cấp thông tin cảnh báo về hàng rào kỹ thuật trong thương mại (TBT).",
        "Sở Công Thương",
        "Các Sở: Nông nghiệp và Môi trường, Y tế",
        "Thường xuyên",
        "Bản tin TBT",
    ],
]


def build_gialai_docx() -> bytes:
    """Gia Lai: a UBND plan whose tasks are an appendix Word table with "Cơ quan chủ trì",
    "Cơ quan phối hợp", "Thời gian hoàn thành" and an extra "Sản phẩm" column."""
    import docx

    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    for cell, lines in zip(header.rows[0].cells, GIALAI_HEADER, strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in GIALAI_BODY:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=len(GIALAI_TABLE_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, GIALAI_TABLE_HEADER, strict=True):
        cell.text = text
    for values in GIALAI_TABLE_ROWS:
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


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

DONGNAI_HEADER = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH ĐỒNG NAI",
    "Số: 301/KH-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Đồng Nai, ngày 21 tháng 8 năm 2025",
]
DONGNAI_BODY = [
    "KẾ HOẠCH",
    "Nâng cao năng suất và chất lượng sản phẩm, hàng hóa trên địa bàn tỉnh Đồng Nai giai đoạn "
    "2025 - 2030",
    "Căn cứ Chỉ thị số 38-CT/TW ngày 30/7/2024 của Ban Bí thư; Căn cứ Quyết định số 1703/QĐ-TTg "
    "ngày 31/12/2024 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh Đồng Nai ban hành Kế hoạch "
    "như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Huy động sự tham gia của các cấp, các ngành và cộng đồng doanh nghiệp vào phong trào năng "
    "suất, chất lượng.",
    "II. MỤC TIÊU CỤ THỂ",
    "1. Đến năm 2027",
    "a) Ít nhất 30% doanh nghiệp công nghiệp chế biến được hỗ trợ áp dụng công cụ cải tiến "
    "năng suất.",
    "b) Tổ chức tối thiểu 10 lớp đào tạo chuyên gia năng suất cho doanh nghiệp.",
    "2. Đến năm 2030",
    "a) Phấn đấu 60% doanh nghiệp công nghiệp chế biến áp dụng công cụ cải tiến năng suất.",
    "b) Xây dựng 05 mô hình điểm về năng suất trở lên.",
    "III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
    "1. Tuyên truyền, nâng cao nhận thức",
    "a) Xây dựng chuyên trang, chuyên mục về năng suất, chất lượng:",
    "+ Trên Báo Đồng Nai, Đài Phát thanh - Truyền hình Đồng Nai;",
    "+ Trên Cổng thông tin điện tử tỉnh.",
    "Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Báo Đồng Nai và Đài Phát "
    "thanh - Truyền hình Đồng Nai thực hiện.",
    "b) Tổ chức hội nghị, hội thảo về năng suất cho doanh nghiệp (Sở Khoa học và Công nghệ chủ "
    "trì).",
    "2. Hỗ trợ doanh nghiệp",
    "a) Hỗ trợ doanh nghiệp áp dụng các hệ thống quản lý, công cụ cải tiến năng suất:",
    "+ Hệ thống quản lý chất lượng ISO 9001;",
    "+ Công cụ 5S, Kaizen, Lean.",
    "Thời gian thực hiện: 2025 - 2030.",
    "b) Đánh giá trình độ năng suất của doanh nghiệp theo bộ tiêu chí của Bộ Khoa học và Công "
    "nghệ. Sở Khoa học và Công nghệ chủ trì; Sở Công Thương, Ban Quản lý các Khu công nghiệp "
    "phối hợp.",
    "IV. KINH PHÍ THỰC HIỆN",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước và các nguồn hợp pháp khác.",
    "V. TỔ CHỨC THỰC HIỆN",
    "1. Sở Khoa học và Công nghệ là cơ quan thường trực; định kỳ 6 tháng, hằng năm tổng hợp, "
    "báo cáo UBND tỉnh trước ngày 15/6 và 15/12.",
    "2. Sở Tài chính: tham mưu bố trí kinh phí thực hiện Kế hoạch.",
    "3. Các sở, ban, ngành; UBND các xã, phường:",
    "a) Xây dựng kế hoạch thực hiện tại cơ quan, địa phương.",
    "b) Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 05/6 và 05/12 để tổng "
    "hợp.",
    "Nơi nhận:",
    "- Bộ Khoa học và Công nghệ;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
]


def build_dongnai_pdf() -> bytes:
    """Đồng Nai: a PDF with hard-wrapped paragraphs, lettered tasks with '+' sub-items and a
    roles sentence after them, targets under "1. Đến năm 2027" / "2. Đến năm 2030"."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    for line in DONGNAI_HEADER:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    for line in DONGNAI_BODY:
        bold = line.isupper() or line.split(".")[0] in ("I", "II", "III", "IV", "V")
        pdf.set_font("DejaVu", "B" if bold else "", 11)
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


BUILDERS: dict[str, Callable[[], bytes]] = {
    "gialai_appendix_table.docx": build_gialai_docx,
    "dongnai_wrapped.pdf": build_dongnai_pdf,
}
