"""Plans written for the parser's tests in shapes none of the seeds has (issue 11).

One plan of a made-up Bình Định department is composed three ways when the tests run: a DOCX
whose section headings are unnumbered upper-case lines, a PDF (fpdf2) with a running header, a
running footer and page numbers, and the text a user gets by copying that PDF (hard line breaks,
the header and the page number on their own lines in the middle of a task).
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

RUNNING_HEADER = "UBND TỈNH BÌNH ĐỊNH"
RUNNING_FOOTER = "Kế hoạch số 77/KH-UBND ngày 05/5/2025"

HEADER = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH BÌNH ĐỊNH",
    "Số: 77/KH-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Bình Định, ngày 05 tháng 5 năm 2025",
]
BODY = [
    "KẾ HOẠCH",
    "Thực hiện Chỉ thị số 38-CT/TW của Ban Bí thư trên địa bàn tỉnh Bình Định",
    "MỤC ĐÍCH, YÊU CẦU",
    "Triển khai kịp thời, đồng bộ các nhiệm vụ của Chỉ thị số 38-CT/TW đến các cấp, các ngành.",
    "MỤC TIÊU",
    "Đến năm 2030, phấn đấu: tối thiểu 30% doanh nghiệp công nghiệp áp dụng hệ thống quản lý "
    "chất lượng; không dưới 50 sản phẩm chủ lực được chứng nhận hợp chuẩn; không ít hơn 200 "
    "phương tiện đo được kiểm định mỗi năm; trên 90% cơ sở kinh doanh xăng dầu được kiểm tra; "
    "ít nhất 05 mô hình điểm về năng suất được xây dựng.",
    "NHIỆM VỤ, GIẢI PHÁP",
    "1. Tuyên truyền, nâng cao nhận thức",
    "a) Tuyên truyền nội dung Chỉ thị số 38-CT/TW trên các phương tiện thông tin đại chúng. Sở "
    "Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Báo Bình Định, Đài Phát thanh và Truyền "
    "hình tỉnh thực hiện.",
    "b) Tham gia Đề án “Nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới "
    "sáng tạo” do Bộ Khoa học và Công nghệ chủ trì.",
    "2. Quản lý đo lường, chất lượng",
    "a) Kiểm tra đo lường, chất lượng xăng dầu, khí dầu mỏ hóa lỏng và hàng đóng gói sẵn lưu "
    "thông trên địa bàn tỉnh, chú trọng các cửa hàng ở vùng nông thôn và miền núi, nơi người "
    "tiêu dùng ít có điều kiện tự kiểm tra. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở "
    "Công Thương, Sở Y tế triển khai hằng năm.",
    "b) Tham gia Chương trình quốc gia về năng suất do Bộ Khoa học và Công nghệ chủ trì; Sở "
    "Công Thương chủ trì, phối hợp với Công an tỉnh, Ban Quản lý các Khu công nghiệp kiểm soát "
    "hàng giả, hàng kém chất lượng trong các khu công nghiệp.",
    "TỔ CHỨC THỰC HIỆN",
    "1. Sở Khoa học và Công nghệ: là cơ quan thường trực, tổng hợp, báo cáo UBND tỉnh định kỳ "
    "6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12).",
    "2. Các sở, ban, ngành; UBND các huyện, thị xã, thành phố: báo cáo kết quả thực hiện về Sở "
    "Khoa học và Công nghệ trước ngày 10 tháng 11 hằng năm để tổng hợp, báo cáo UBND tỉnh "
    "trước ngày 25 tháng 11.",
    "Nơi nhận:",
    "- Bộ Khoa học và Công nghệ;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
]


def build_docx() -> bytes:
    """The plan as a Word document, one paragraph per line (headings in bold)."""
    import docx

    document = docx.Document()
    for line in [*HEADER, *BODY]:
        paragraph = document.add_paragraph()
        paragraph.add_run(line).bold = line.isupper()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf() -> bytes:
    """The plan as a PDF of three pages (A5 width): the running header on every page but the first, the
    footer and "Trang N/M" on every page, task 1.b broken across a page."""
    from fpdf import FPDF

    class Plan(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("DejaVu", "", 8)
                self.cell(0, 5, RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("DejaVu", "", 8)
            self.cell(0, 4, RUNNING_FOOTER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 4, f"Trang {self.page_no()}/{{nb}}", align="C")

    pdf = Plan(format=(148, 150))
    pdf.set_margins(15, 12, 15)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    for line in HEADER:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    for line in BODY:
        pdf.set_font("DejaVu", "B" if line.isupper() else "", 9)
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def copied_text() -> str:
    """What copying the PDF gives: lines wrapped at 70 characters, and at the page breaks the
    page number, the footer and the running header each on a line of their own (one page break
    falls in the middle of task 2.a)."""
    out: list[str] = list(HEADER)
    for line in BODY:
        out.extend(textwrap.wrap(line, 70) if len(line) > 70 else [line])
    breaks = [
        out.index("NHIỆM VỤ, GIẢI PHÁP"),
        next(i for i, line in enumerate(out) if line.startswith("vùng nông thôn")),
    ]
    for number, at in sorted(enumerate(breaks, start=1), key=lambda item: -item[1]):
        out[at:at] = [RUNNING_FOOTER, f"Trang {number}/3", "", RUNNING_HEADER]
    out += [RUNNING_FOOTER, "Trang 3/3"]
    return "\n".join(out)
