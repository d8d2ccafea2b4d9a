"""The parser on a plan written for these tests (``shapes.py``), in the shapes issue 11 names.

Each test states exactly what the officer sees in the import preview for one shape; the same
plan is read as a DOCX, as a PDF with running header, footer and page numbers, and as the text
copied from that PDF, and all three must read the same.
"""

from __future__ import annotations

import io
import json

import pytest

from tdc.plans.ingest import ParsedPlan, parse_document, parse_text

from . import shapes


def _pdf_fonts() -> None:
    if not (shapes.FONT.is_file() and shapes.FONT_BOLD.is_file()):
        pytest.skip("DejaVu fonts are not installed")


@pytest.fixture(scope="module")
def docx_plan() -> ParsedPlan:
    return parse_document(shapes.build_docx(), "binhdinh.docx")


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    _pdf_fonts()
    return shapes.build_pdf()


def _tasks(plan: ParsedPlan) -> list[tuple[str | None, str | None, str]]:
    return [(t.group, t.number, t.content) for t in plan.tasks]


TASKS = [
    (
        "1",
        "a",
        "Tuyên truyền nội dung Chỉ thị số 38-CT/TW trên các phương tiện thông tin đại chúng. Sở "
        "Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Báo Bình Định, Đài Phát thanh và "
        "Truyền hình tỉnh thực hiện.",
    ),
    (
        "1",
        "b",
        "Tham gia Đề án “Nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới "
        "sáng tạo” do Bộ Khoa học và Công nghệ chủ trì.",
    ),
    (
        "2",
        "a",
        "Kiểm tra đo lường, chất lượng xăng dầu, khí dầu mỏ hóa lỏng và hàng đóng gói sẵn lưu "
        "thông trên địa bàn tỉnh, chú trọng các cửa hàng ở vùng nông thôn và miền núi, nơi người "
        "tiêu dùng ít có điều kiện tự kiểm tra. Sở Khoa học và Công nghệ chủ trì, phối hợp với "
        "Sở Công Thương, Sở Y tế triển khai hằng năm.",
    ),
    (
        "2",
        "b",
        "Tham gia Chương trình quốc gia về năng suất do Bộ Khoa học và Công nghệ chủ trì; Sở "
        "Công Thương chủ trì, phối hợp với Công an tỉnh, Ban Quản lý các Khu công nghiệp kiểm "
        "soát hàng giả, hàng kém chất lượng trong các khu công nghiệp.",
    ),
]


def test_unnumbered_upper_case_headings_hold_numbered_groups_and_lettered_tasks(docx_plan):
    assert docx_plan.title == (
        "KẾ HOẠCH Thực hiện Chỉ thị số 38-CT/TW của Ban Bí thư trên địa bàn tỉnh Bình Định"
    )
    assert [(g.number, g.title) for g in docx_plan.task_groups] == [
        ("1", "Tuyên truyền, nâng cao nhận thức"),
        ("2", "Quản lý đo lường, chất lượng"),
    ]
    assert _tasks(docx_plan) == TASKS
    assert docx_plan.notes == []  # the task section was found: no "candidate tasks" warning
    assert [(d.unit, d.items) for d in docx_plan.duties] == [
        (
            "Sở Khoa học và Công nghệ",
            [
                "là cơ quan thường trực, tổng hợp, báo cáo UBND tỉnh định kỳ 6 tháng (trước ngày "
                "15/6) và hằng năm (trước ngày 15/12)."
            ],
        ),
        (
            "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố",
            [
                "báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 10 tháng 11 hằng "
                "năm để tổng hợp, báo cáo UBND tỉnh trước ngày 25 tháng 11."
            ],
        ),
    ]
    assert (docx_plan.issuer, docx_plan.doc_number, docx_plan.doc_date) == (
        "UBND tỉnh Bình Định",
        "77/KH-UBND",
        "2025-05-05",
    )


def test_upper_case_headings_in_plain_text():
    text = "\n".join([*shapes.HEADER, *shapes.BODY])
    plan = parse_text(text)
    assert _tasks(plan) == TASKS
    assert len(plan.targets) == 5
    assert [d.unit for d in plan.duties] == [
        "Sở Khoa học và Công nghệ",
        "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố",
    ]


def test_running_header_footer_and_page_numbers_stay_out_of_a_pdf_plan(pdf_bytes, docx_plan):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    # The document really has them: three pages, the header on the later ones, the footer and
    # "Trang N/3" on each, and task 1.b broken across the first page break.
    assert len(pages) == 3
    assert [shapes.RUNNING_HEADER in page for page in pages] == [False, True, True]
    assert all(shapes.RUNNING_FOOTER in page for page in pages)
    assert [f"Trang {n}/3" in page for n, page in enumerate(pages, start=1)] == [True] * 3
    assert "b) Tham gia Đề án" in pages[0]
    assert "đổi mới sáng tạo” do Bộ" in pages[1]

    plan = parse_document(pdf_bytes, "binhdinh.pdf")
    assert _tasks(plan) == TASKS
    assert [(g.number, g.title) for g in plan.task_groups] == [
        (g.number, g.title) for g in docx_plan.task_groups
    ]
    assert plan.to_dict() | {"file": None} == docx_plan.to_dict() | {"file": None}
    everything = json.dumps(plan.to_dict(), ensure_ascii=False)
    for leaked in ("UBND TỈNH BÌNH ĐỊNH", "Kế hoạch số 77/KH-UBND ngày", "Trang "):
        assert leaked not in everything


def test_text_copied_from_the_pdf_drops_header_footer_and_page_number_mid_task(docx_plan):
    text = shapes.copied_text()
    assert "\nTrang 2/3\n\nUBND TỈNH BÌNH ĐỊNH\nvùng nông thôn" in text
    plan = parse_document(text.encode("utf-8"), "binhdinh.txt")
    assert _tasks(plan) == TASKS
    assert plan.to_dict() | {"file": None} == docx_plan.to_dict() | {"file": None}


def test_a_repeated_line_that_is_not_at_a_page_break_is_kept():
    text = "\n".join(
        [
            *shapes.HEADER,
            "KẾ HOẠCH",
            "Kiểm tra đo lường năm 2025",
            "NHIỆM VỤ, GIẢI PHÁP",
            "1. Kiểm tra",
            "a) Kiểm tra xăng dầu.",
            "Thời gian thực hiện: Quý II",
            "b) Kiểm tra khí dầu mỏ hóa lỏng.",
            "Thời gian thực hiện: Quý II",
        ]
    )
    plan = parse_text(text)
    assert [(t.number, t.content, t.timeline) for t in plan.tasks] == [
        ("a", "Kiểm tra xăng dầu. Thời gian thực hiện: Quý II", "Quý II"),
        ("b", "Kiểm tra khí dầu mỏ hóa lỏng. Thời gian thực hiện: Quý II", "Quý II"),
    ]


def test_chair_of_another_programme_is_not_the_lead(docx_plan):
    leads = {(t.group, t.number): t.lead for t in docx_plan.tasks}
    # "… do Bộ Khoa học và Công nghệ chủ trì" names the chair of the national programme.
    assert leads[("1", "b")] == []
    # … and beside it the task's own lead, stated in the next clause.
    assert leads[("2", "b")] == ["Sở Công Thương"]
    assert leads[("1", "a")] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert leads[("2", "a")] == ["Sở Khoa học và Công nghệ"]


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        ("Phối hợp triển khai Đề án 996 do Bộ Khoa học và Công nghệ chủ trì thực hiện.", []),
        (
            "Hưởng ứng Chương trình do Trung ương Hội Liên hiệp Phụ nữ Việt Nam chủ trì phát động.",
            [],
        ),
        (
            "Triển khai các nhiệm vụ thuộc Chương trình do Bộ Công Thương chủ trì (Sở Công Thương "
            "chủ trì).",
            ["Sở Công Thương"],
        ),
        ("Nhiệm vụ này do Sở Y tế chủ trì.", ["Sở Y tế"]),
    ],
)
def test_do_x_chu_tri_is_someone_elses_chair_unless_the_task_is_its_subject(sentence, lead):
    from tdc.plans.ingest.roles import extract_roles

    assert extract_roles(sentence)[0] == lead


def test_partner_lists_stop_where_the_verb_begins(docx_plan):
    partners = {(t.group, t.number): t.partners for t in docx_plan.tasks}
    assert partners == {
        ("1", "a"): ["Báo Bình Định", "Đài Phát thanh và Truyền hình tỉnh"],
        ("1", "b"): [],
        ("2", "a"): ["Sở Công Thương", "Sở Y tế"],
        ("2", "b"): ["Công an tỉnh", "Ban Quản lý các Khu công nghiệp"],
    }


@pytest.mark.parametrize(
    ("tail", "partners"),
    [
        ("Sở Công Thương, Sở Y tế triển khai kiểm tra.", ["Sở Công Thương", "Sở Y tế"]),
        ("Sở Nông nghiệp và Môi trường hướng dẫn doanh nghiệp.", ["Sở Nông nghiệp và Môi trường"]),
        ("các sở, ngành liên quan ứng dụng công nghệ số.", ["các sở, ngành liên quan"]),
        (
            "Sở Y tế và UBND các xã, phường giám sát an toàn thực phẩm.",
            ["Sở Y tế", "UBND các xã, phường"],
        ),
        ("Sở Tài chính cho các doanh nghiệp vay vốn.", ["Sở Tài chính"]),
        ("Sở Xây dựng trong quá trình thẩm định dự án.", ["Sở Xây dựng"]),
        (
            "Sở Giáo dục và Đào tạo đưa nội dung tiêu chuẩn vào nhà trường.",
            ["Sở Giáo dục và Đào tạo"],
        ),
        ("Hiệp hội Doanh nghiệp tỉnh vận động hội viên.", ["Hiệp hội Doanh nghiệp tỉnh"]),
    ],
)
def test_partners_end_at_a_verb_or_preposition(tail, partners):
    from tdc.plans.ingest.roles import extract_roles

    lead, found = extract_roles(f"Sở Khoa học và Công nghệ chủ trì, phối hợp với {tail}")
    assert (lead, found) == (["Sở Khoa học và Công nghệ"], partners)


def test_semicolon_separated_targets_with_their_comparators(docx_plan):
    assert [(t.text, t.value, t.unit, t.comparator, t.period) for t in docx_plan.targets] == [
        (
            "Tối thiểu 30% doanh nghiệp công nghiệp áp dụng hệ thống quản lý chất lượng",
            30,
            "%",
            ">=",
            "by 2030",
        ),
        (
            "Không dưới 50 sản phẩm chủ lực được chứng nhận hợp chuẩn",
            50,
            "sản phẩm",
            ">=",
            "by 2030",
        ),
        (
            "Không ít hơn 200 phương tiện đo được kiểm định mỗi năm",
            200,
            "phương tiện đo",
            ">=",
            "annual",
        ),
        ("Trên 90% cơ sở kinh doanh xăng dầu được kiểm tra", 90, "%", ">", "by 2030"),
        ("Ít nhất 05 mô hình điểm về năng suất được xây dựng", 5, "mô hình", ">=", "by 2030"),
    ]


def test_a_semicolon_list_without_numbers_is_not_split():
    from tdc.plans.ingest.parser import _target_clauses

    assert _target_clauses("Nâng cao nhận thức; đổi mới phương thức quản lý.") is None
    assert _target_clauses("Phấn đấu 100% xã được kiểm tra; tăng cường tuyên truyền.") is None


def test_two_deadlines_in_one_sentence_each_with_its_own_period_and_reporter(docx_plan):
    assert [(d.who, d.to, d.day_month, d.recurrence) for d in docx_plan.reporting_deadlines] == [
        ("Sở Khoa học và Công nghệ", "UBND tỉnh", "15/06", "semiannual"),
        ("Sở Khoa học và Công nghệ", "UBND tỉnh", "15/12", "annual"),
        (
            "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố",
            "Sở Khoa học và Công nghệ",
            "10/11",
            "annual",
        ),
        # "… để tổng hợp, báo cáo UBND tỉnh trước ngày 25 tháng 11": the DoST's own deadline.
        ("Sở Khoa học và Công nghệ", "UBND tỉnh", "25/11", "annual"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Báo cáo 6 tháng gửi trước ngày 15 tháng 6, báo cáo năm gửi trước ngày 25 tháng 11 "
            "hằng năm về Sở Khoa học và Công nghệ.",
            [("15/06", "semiannual"), ("25/11", "annual")],
        ),
        (
            "Gửi báo cáo quý trước ngày 15 của tháng cuối quý và báo cáo năm trước ngày 15/12 về "
            "Sở Khoa học và Công nghệ.",
            [("15/03", "quarterly"), ("15/12", "annual")],
        ),
        ("Báo cáo UBND tỉnh trước ngày 25 tháng 11 hằng năm.", [("25/11", "annual")]),
    ],
)
def test_each_of_several_deadlines_takes_the_wording_next_to_it(sentence, expected):
    from tdc.plans.ingest.deadlines import find_deadlines

    assert [(h.day_month, h.recurrence) for h in find_deadlines(sentence)] == expected
