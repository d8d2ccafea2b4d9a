"""Input cleaning: Word's line and page breaks end lines; control, zero-width and bidi
characters never reach a plan (`normalise_input`, the one step every reader goes through)."""

from __future__ import annotations

import io

from tdc.plans.ingest import parse_document
from tdc.plans.ingest.text import normalise_input

from .documents import EXPECTED, build_docx
from .test_documents import PLAIN_TEXT_PLAN

HIDDEN = "\u200b\u202e\u2066\x00\x1b\u00ad"


def test_normalise_input_turns_breaks_into_line_ends_and_drops_what_hides_text():
    assert normalise_input("Nhiệm vụ\x0bmột\x0chai\r\nba") == "Nhiệm vụ\nmột\nhai\nba"
    assert normalise_input(f"Sở{HIDDEN} Y tế\tBáo") == "Sở Y tế\tBáo"
    # Decomposed Vietnamese comes out composed, even with a zero-width space inside.
    assert normalise_input("Tie\u0302\u200b\u0301u chua\u0302\u0309n") == "Tiếu chuẩn"


def _docx_with_page_break_and_hidden_characters() -> bytes:
    """The An Giang plan, with a page break inside the paragraph that ends before the duties
    heading, and hidden characters inside a task and a unit name."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document(io.BytesIO(build_docx()))
    for paragraph in document.paragraphs:
        if paragraph.text == "V. TỔ CHỨC THỰC HIỆN":
            paragraph.add_run().add_break(WD_BREAK.PAGE)
            paragraph.add_run("1. Sở Khoa học và Công nghệ")
        elif paragraph.text == "1. Sở Khoa học và Công nghệ":
            paragraph._p.getparent().remove(paragraph._p)
    appendix = document.tables[-1]
    content = appendix.rows[2].cells[1]
    content.text = content.text.replace("tuyên truyền", f"tuyên{HIDDEN[:3]} truyền")
    lead = appendix.rows[2].cells[3]
    lead.text = lead.text.replace("Văn hóa", "Văn\u200b hóa\u202c")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_with_a_page_break_and_a_zero_width_space_parses_as_the_clean_one():
    plan = parse_document(_docx_with_page_break_and_hidden_characters(), "ke-hoach.docx")

    parsed = plan.to_gold_dict()
    for key, value in EXPECTED.items():
        assert parsed[key] == value, key
    assert plan.tasks[0].content == (
        "Tổ chức tuyên truyền nội dung Chỉ thị số 38-CT/TW trên các phương tiện thông tin đại "
        "chúng."
    )
    assert plan.tasks[0].lead == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert plan.duties[0].unit == "Sở Khoa học và Công nghệ"


def test_a_text_file_with_form_feeds_and_vertical_tabs_parses_as_the_clean_one():
    clean = parse_document(PLAIN_TEXT_PLAN.encode(), "ke-hoach.txt").to_gold_dict()
    messy = (
        PLAIN_TEXT_PLAN.replace("\nIII. TỔ CHỨC", "\x0cIII. TỔ CHỨC")
        .replace("\n2. Công tác kiểm tra", "\x0b2. Công tác kiểm tra")
        .replace("Sở Văn hóa", "Sở\u200b Văn\u202e hóa")
    )

    plan = parse_document(messy.encode(), "ke-hoach.txt")

    assert plan.to_gold_dict() == clean
    assert not any(
        ch in task.content + "".join(task.lead) for task in plan.tasks for ch in HIDDEN + "\x0c"
    )
