"""Plans in shapes the seeds do not have: DOCX with a Word table, PDF, '+'/'•' bullets, Markdown."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tdc.plans.ingest import parse_document, parse_text

from .documents import EXPECTED, FONT, FONT_BOLD, build_docx, build_pdf

needs_fonts = pytest.mark.skipif(
    not (FONT.is_file() and FONT_BOLD.is_file()), reason="DejaVu fonts are not installed"
)


def _assert_matches(parsed: dict[str, Any], expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        assert parsed[key] == value, key


def test_docx_with_a_word_table():
    plan = parse_document(build_docx(), "ke-hoach-an-giang.docx")
    parsed = plan.to_gold_dict()
    assert parsed["file"] == "ke-hoach-an-giang.docx"
    _assert_matches(parsed, EXPECTED)
    assert "prose_task_count" not in parsed
    assert plan.tasks[2].content == (
        "Kiểm tra đo lường đối với phương tiện đo nhóm 2 tại các chợ, cơ sở kinh doanh xăng dầu "
        "trên địa bàn tỉnh."
    )
    assert all(task.source == "table" for task in plan.tasks)


@needs_fonts
def test_pdf_with_wrapped_text_and_a_ruled_table():
    parsed = parse_document(build_pdf(), "ke-hoach-an-giang.pdf").to_gold_dict()
    _assert_matches(parsed, EXPECTED)


def test_docx_with_word_automatic_numbering():
    import docx

    document = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "KẾ HOẠCH", "Công tác đo lường năm 2025"):
        document.add_paragraph(text)
    document.add_paragraph("I. NHIỆM VỤ TRỌNG TÂM")
    document.add_paragraph("Truyền thông", style="List Number")
    document.add_paragraph(
        "Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Báo Cà Mau, Đài Phát thanh - "
        "Truyền hình Cà Mau tổ chức tuyên truyền.",
        style="List Bullet",
    )
    document.add_paragraph("Xây dựng chuyên mục về đo lường.", style="List Bullet")
    document.add_paragraph("Kiểm tra", style="List Number")
    document.add_paragraph("Kiểm tra đo lường xăng dầu.", style="List Bullet")
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Sở Khoa học và Công nghệ", style="List Number 2")
    document.add_paragraph("Theo dõi, đôn đốc thực hiện Kế hoạch.", style="List Bullet 2")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_document(buffer.getvalue(), "ca-mau.docx").to_gold_dict()
    assert parsed["issuer"] == "UBND tỉnh Cà Mau"
    assert parsed["title"] == "KẾ HOẠCH Công tác đo lường năm 2025"
    assert parsed["task_groups"] == [
        {"number": "1", "title": "Truyền thông"},
        {"number": "2", "title": "Kiểm tra"},
    ]
    assert [(t["group"], t["number"], t["lead"], t["partners"]) for t in parsed["tasks"]] == [
        (
            "1",
            None,
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["Báo Cà Mau", "Đài Phát thanh - Truyền hình Cà Mau"],
        ),
        ("1", None, [], []),
        ("2", None, [], []),
    ]
    assert parsed["duties"] == [{"unit": "Sở Khoa học và Công nghệ", "count": 1}]


PLAIN_TEXT_PLAN = """\
UBND TỈNH QUẢNG TRỊ
Số: 45/KH-UBND
Quảng Trị, ngày 05 tháng 6 năm 2025

KẾ HOẠCH
Nâng cao năng suất, chất lượng sản phẩm, hàng hóa năm 2025

Thực hiện Kế hoạch số 12-KH/TU ngày 10/02/2025 của Tỉnh ủy, Ủy ban nhân dân tỉnh Quảng Trị ban \
hành Kế hoạch như sau:

I. MỤC TIÊU
• Phấn đấu có thêm 15 sản phẩm đạt chứng nhận OCOP.
• Tổ chức không quá 3 đợt kiểm tra đột xuất mỗi năm đối với một cơ sở.
• Nâng cao nhận thức của doanh nghiệp về năng suất.

II. NHIỆM VỤ, GIẢI PHÁP
1. Công tác truyền thông
+ Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Báo Quảng Trị, Đài Phát thanh - Truyền \
hình tỉnh tổ chức tuyên truyền về năng suất, chất lượng.
+ Xây dựng chuyên mục "Chất lượng cuộc sống" trên trang thông tin điện tử (Sở Khoa học và Công \
nghệ chủ trì; các huyện, thị xã, thành phố phối hợp).
2. Công tác kiểm tra
• Kiểm tra chất lượng xăng dầu, khí dầu mỏ hóa lỏng tại các cửa hàng trên địa bàn tỉnh.
Cơ quan chủ trì: Sở Khoa học và Công nghệ.
Cơ quan phối hợp: Công an tỉnh, Cục Quản lý thị trường tỉnh Quảng Trị.
Thời gian thực hiện: Quý III/2025.
• Thanh tra việc chấp hành quy định về nhãn hàng hóa.

III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ: Theo dõi, tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025.
2. Các sở, ngành, địa phương
• Triển khai các nhiệm vụ được giao.
• Báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 30 tháng 11 hằng năm.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_plain_text_with_plus_and_dot_bullets():
    plan = parse_text(PLAIN_TEXT_PLAN)
    parsed = plan.to_gold_dict()
    assert "file" not in parsed
    assert parsed["issuer"] == "UBND tỉnh Quảng Trị"
    assert parsed["locality"] == "Quảng Trị"
    assert parsed["doc_number"] == "45/KH-UBND"
    assert parsed["doc_date"] == "2025-06-05"
    assert parsed["title"] == "KẾ HOẠCH Nâng cao năng suất, chất lượng sản phẩm, hàng hóa năm 2025"
    assert parsed["references"] == ["Kế hoạch số 12-KH/TU"]
    assert parsed["task_groups"] == [
        {"number": "1", "title": "Công tác truyền thông"},
        {"number": "2", "title": "Công tác kiểm tra"},
    ]
    tasks = [
        (t["group"], t["number"], t["lead"], t["partners"], t["timeline"]) for t in parsed["tasks"]
    ]
    assert tasks == [
        (
            "1",
            None,
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["Báo Quảng Trị", "Đài Phát thanh - Truyền hình tỉnh"],
            None,
        ),
        ("1", None, ["Sở Khoa học và Công nghệ"], ["các huyện, thị xã, thành phố"], None),
        (
            "2",
            None,
            ["Sở Khoa học và Công nghệ"],
            ["Công an tỉnh", "Cục Quản lý thị trường tỉnh Quảng Trị"],
            "Quý III/2025",
        ),
        ("2", None, [], [], None),
    ]
    assert plan.tasks[2].content.endswith("Thời gian thực hiện: Quý III/2025.")
    assert [(t["value"], t["unit"], t["comparator"], t["period"]) for t in parsed["targets"]] == [
        (15, "sản phẩm", ">=", None),
        (3, "đợt", "<=", "annual"),
    ]
    assert parsed["duties"] == [
        {"unit": "Sở Khoa học và Công nghệ", "count": 1},
        {"unit": "Các sở, ngành, địa phương", "count": 2},
    ]
    assert parsed["reporting_deadlines"] == [
        {
            "who": "Sở Khoa học và Công nghệ",
            "to": "UBND tỉnh",
            "day_month": "15/12",
            "recurrence": "once",
        },
        {
            "who": "Các sở, ngành, địa phương",
            "to": "Sở Khoa học và Công nghệ",
            "day_month": "30/11",
            "recurrence": "annual",
        },
    ]


MARKDOWN_PLAN = """\
# KẾ HOẠCH
## Kiểm soát chất lượng hàng hóa trên địa bàn tỉnh Lâm Đồng năm 2025

Căn cứ Quyết định số 1703/QĐ-TTg ngày 31/12/2024 của Thủ tướng Chính phủ, UBND tỉnh Lâm Đồng ban \
hành Kế hoạch như sau:

## I. NHIỆM VỤ CỤ THỂ

Chi tiết tại bảng dưới đây.

| TT | Đơn vị chủ trì | Nội dung | Thời gian | Đơn vị phối hợp |
|----|----------------|----------|-----------|-----------------|
| 1 | **Kiểm tra, giám sát** | | | |
| 1.1 | Sở Công Thương | Kiểm tra hàng hóa lưu thông trên thị trường. | Quý II/2025 | Công an tỉnh; UBND các xã, phường |
| 1.2 | Sở Y tế | Giám sát an toàn thực phẩm. | Hằng năm | Sở Nông nghiệp và Môi trường |
| 2 | **Truyền thông** | | | |
| 2.1 | Báo Lâm Đồng | Đưa tin về chất lượng hàng hóa. | Thường xuyên | |

## II. TỔ CHỨC THỰC HIỆN

**1. Sở Khoa học và Công nghệ:** tổng hợp, báo cáo UBND tỉnh trước ngày 10/12 hằng năm.
"""


def test_markdown_with_a_pipe_table_in_another_column_order():
    parsed = parse_text(MARKDOWN_PLAN).to_gold_dict()
    assert parsed["title"] == (
        "KẾ HOẠCH Kiểm soát chất lượng hàng hóa trên địa bàn tỉnh Lâm Đồng năm 2025"
    )
    assert parsed["issuer"] == "UBND tỉnh Lâm Đồng"
    assert parsed["task_groups"] == [
        {"number": "1", "title": "Kiểm tra, giám sát"},
        {"number": "2", "title": "Truyền thông"},
    ]
    assert [(t["number"], t["lead"], t["partners"], t["timeline"]) for t in parsed["tasks"]] == [
        ("1.1", ["Sở Công Thương"], ["Công an tỉnh", "UBND các xã, phường"], "Quý II/2025"),
        ("1.2", ["Sở Y tế"], ["Sở Nông nghiệp và Môi trường"], "Hằng năm"),
        ("2.1", ["Báo Lâm Đồng"], [], "Thường xuyên"),
    ]
    assert parsed["duties"] == [{"unit": "Sở Khoa học và Công nghệ", "count": 1}]
    assert parsed["reporting_deadlines"] == [
        {
            "who": "Sở Khoa học và Công nghệ",
            "to": "UBND tỉnh",
            "day_month": "10/12",
            "recurrence": "annual",
        }
    ]


NESTED_PLAN = """\
UBND TỈNH BẮC NINH
KẾ HOẠCH
Triển khai hoạt động đo lường năm 2025
Căn cứ Chỉ thị số 38-CT/TW ngày 30/7/2024 của Ban Bí thư, UBND tỉnh Bắc Ninh ban hành Kế hoạch \
như sau:
I. MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU
1. Mục đích
- Nâng cao nhận thức về đo lường cho 100% cán bộ.
2. Mục tiêu đến năm 2027
- Kiểm định ít nhất 500 phương tiện đo.
II. NỘI DUNG THỰC HIỆN
1. Công tác tuyên truyền
1.1. Tuyên truyền trên báo, đài
- Sở TT&TT chủ trì, phối hợp với Báo Bắc Ninh thực hiện chuyên mục.
- Đài Phát thanh và Truyền hình tỉnh xây dựng phóng sự.
1.2. Tập huấn
- Tổ chức 02 lớp tập huấn cho doanh nghiệp.
2. Công tác kiểm tra
a) Kiểm tra đo lường xăng dầu:
- Tại các cửa hàng bán lẻ;
- Tại các kho.
b) Kiểm tra nhãn hàng hóa (Sở Công Thương chủ trì, phối hợp với Công an tỉnh).
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ là cơ quan thường trực, theo dõi, đôn đốc; tổng hợp báo cáo UBND \
tỉnh trước ngày 15/12/2025.
2. Các sở, ban, ngành và UBND các huyện, thị xã, thành phố căn cứ Kế hoạch này tổ chức thực hiện.
"""


def test_sub_headings_sub_bullets_and_sentence_duties():
    parsed = parse_text(NESTED_PLAN).to_gold_dict()
    assert parsed["issuer"] == "UBND tỉnh Bắc Ninh"
    assert parsed["task_groups"] == [
        {"number": "1", "title": "Công tác tuyên truyền"},
        {"number": "2", "title": "Công tác kiểm tra"},
    ]
    tasks = [(t["group"], t["number"], t["lead"], t["partners"]) for t in parsed["tasks"]]
    assert tasks == [
        ("1", None, ["Sở TT&TT"], ["Báo Bắc Ninh"]),
        ("1", None, [], []),
        ("1", None, [], []),
        ("2", "a", [], []),
        ("2", "b", ["Sở Công Thương"], ["Công an tỉnh"]),
    ]
    assert [t["content_start"] for t in parsed["tasks"]] == [
        text[:60]
        for text in (
            "Sở TT&TT chủ trì, phối hợp với Báo Bắc Ninh thực hiện chuyên mục.",
            "Đài Phát thanh và Truyền hình tỉnh xây dựng phóng sự.",
            "Tổ chức 02 lớp tập huấn cho doanh nghiệp.",
            "Kiểm tra đo lường xăng dầu: - Tại các cửa hàng bán lẻ; - Tại các kho.",
            "Kiểm tra nhãn hàng hóa (Sở Công Thương chủ trì, phối hợp với Công an tỉnh).",
        )
    ]
    # Only the "Mục tiêu" part of a mixed "MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU" section holds targets.
    assert [(t["value"], t["unit"], t["comparator"], t["period"]) for t in parsed["targets"]] == [
        (500, "phương tiện đo", ">=", "by 2027")
    ]
    assert parsed["duties"] == [
        {"unit": "Sở Khoa học và Công nghệ", "count": 1},
        {"unit": "Các sở, ban, ngành và UBND các huyện, thị xã, thành phố", "count": 1},
    ]
    assert parsed["reporting_deadlines"] == [
        {
            "who": "Sở Khoa học và Công nghệ",
            "to": "UBND tỉnh",
            "day_month": "15/12",
            "recurrence": "once",
        }
    ]


@needs_fonts
def test_pdf_table_over_several_pages_with_repeated_header():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    for line in (
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
        "KẾ HOẠCH",
        "Thực hiện công tác tiêu chuẩn, đo lường, chất lượng năm 2025",
        "I. NHIỆM VỤ CỤ THỂ",
        "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.",
    ):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    with pdf.table(col_widths=(12, 70, 40, 48), repeat_headings=1) as table:
        header = table.row()
        for text in ("TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp"):
            header.cell(text)
        for group in range(1, 4):
            row = table.row()
            row.cell(str(group))
            row.cell(f"Nhóm nhiệm vụ số {group}", colspan=3)
            for number in range(1, 13):
                row = table.row()
                row.cell(f"{group}.{number}")
                row.cell(
                    f"Nhiệm vụ {group}.{number}: kiểm tra chất lượng sản phẩm, hàng hóa lưu thông "
                    "trên thị trường và phương tiện đo nhóm 2 tại địa phương."
                )
                row.cell("Sở Công Thương")
                row.cell("UBND các xã, phường; Công an tỉnh")
    plan = parse_document(bytes(pdf.output()), "dong-thap.pdf")
    assert [g.number for g in plan.task_groups] == ["1", "2", "3"]
    assert len(plan.tasks) == 36
    assert [t.number for t in plan.tasks[:13:12]] == ["1.1", "2.1"]
    assert {t.group for t in plan.tasks[24:]} == {"3"}
    for task in plan.tasks:
        assert task.content.endswith("tại địa phương.")
        assert task.lead == ["Sở Công Thương"]
        assert task.partners == ["UBND các xã, phường", "Công an tỉnh"]


TWO_COLUMN_HEADER_PLAN = """\
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH KHÁNH HÒA Độc lập - Tự do - Hạnh phúc
Số: 123/KH-UBND Khánh Hòa, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
Kiểm tra đo lường năm 2025
I. NHIỆM VỤ
1. Kiểm tra
- Kiểm tra xăng dầu. Đơn vị thực hiện: Sở Công Thương.
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Khoa học và Công nghệ: theo dõi, đôn đốc.
"""


def test_two_column_header_read_line_by_line():
    parsed = parse_text(TWO_COLUMN_HEADER_PLAN).to_gold_dict()
    assert (parsed["issuer"], parsed["locality"]) == ("UBND tỉnh Khánh Hòa", "Khánh Hòa")
    assert (parsed["doc_number"], parsed["doc_date"]) == ("123/KH-UBND", "2025-03-10")
    assert [t["lead"] for t in parsed["tasks"]] == [["Sở Công Thương"]]
    assert parsed["duties"] == [{"unit": "Sở Khoa học và Công nghệ", "count": 1}]


UNNUMBERED_GROUPS_PLAN = """\
KẾ HOẠCH
Kiểm tra năm 2025
I. NHIỆM VỤ
| TT | Nội dung | Chủ trì | Phối hợp | Thời gian |
|---|---|---|---|---|
| | **Nhóm 1: Tuyên truyền** | | | |
| 1 | Tuyên truyền trên báo. | Sở Văn hóa, Thể thao và Du lịch | Báo Hậu Giang | 2025 |
| | - Phát hành tờ rơi. | | | |
| | **Nhóm 2: Kiểm tra** | | | |
| 2 | Kiểm tra xăng dầu tại các cửa hàng trên | Sở Công Thương | Công an tỉnh | Quý II |
| | địa bàn tỉnh. | | | |
"""


def test_table_with_unnumbered_group_rows_and_continuations():
    plan = parse_text(UNNUMBERED_GROUPS_PLAN)
    assert [(g.number, g.title) for g in plan.task_groups] == [
        ("1", "Nhóm 1: Tuyên truyền"),
        ("2", "Nhóm 2: Kiểm tra"),
    ]
    assert [(t.group, t.number, t.content, t.lead, t.partners) for t in plan.tasks] == [
        (
            "1",
            "1",
            "Tuyên truyền trên báo. - Phát hành tờ rơi.",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["Báo Hậu Giang"],
        ),
        (
            "2",
            "2",
            "Kiểm tra xăng dầu tại các cửa hàng trên địa bàn tỉnh.",
            ["Sở Công Thương"],
            ["Công an tỉnh"],
        ),
    ]
