"""A TĐC officer imports a Word plan: upload → (the worker reads it) → preview → correct →
confirm → the plan; a decompression bomb is refused on the form; the waiting page reloads
itself into the preview once the worker has read the file.

The document is built here with python-docx: prose sections and a real Word table appendix.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from docx import Document
from playwright.sync_api import Page, expect

from e2e.helpers import log_in
from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory
from tdc.plans.models import Plan, PlanImportDraft
from tdc.plans.services.importing import parse_import_draft
from tdc.plans.tests.factories import PlanImportDraftFactory, zip_bomb

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROSE = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH KHÁNH HÒA",
    "Số: 45/KH-UBND",
    "Khánh Hòa, ngày 02 tháng 6 năm 2025",
    "KẾ HOẠCH",
    "Triển khai công tác tiêu chuẩn, đo lường, chất lượng năm 2025",
    "Căn cứ Quyết định số 1703/QĐ-TTg ngày 31 tháng 12 năm 2024 của Thủ tướng Chính phủ;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao hiệu quả quản lý nhà nước về tiêu chuẩn, đo lường, chất lượng.",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "(Chi tiết tại Phụ lục kèm theo)",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Sở Khoa học và Công nghệ",
    "- Tổng hợp, báo cáo UBND tỉnh trước ngày 15/12 hằng năm.",
    "2. Các sở, ban, ngành",
    "- Báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 30/11 hằng năm.",
    "PHỤ LỤC",
    "NHIỆM VỤ CỤ THỂ",
]
TABLE = [
    ("TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Kinh phí"),
    ("1", "Tuyên truyền về tiêu chuẩn, đo lường, chất lượng", "", "", "", ""),
    (
        "1.1",
        "Phổ biến Chỉ thị 38-CT/TW trên báo, đài",
        "Sở KH&CN",
        "Sở Tài chính; Báo và Phát thanh, Truyền hình Khánh Hòa",
        "Hằng năm",
        "Ngân sách tỉnh",
    ),
    (
        "1.2",
        "Tập huấn cho doanh nghiệp về mã số mã vạch",
        "Sở Khoa học và Công nghệ",
        "Hội Doanh nhân trẻ tỉnh",
        "Quý III",
        "Ngân sách tỉnh",
    ),
    ("2", "Thanh tra, kiểm tra", "", "", "", ""),
    (
        "2.1",
        "Kiểm tra đo lường tại cửa hàng xăng dầu",
        "Sở KHCN",
        "Công an tỉnh; Sở Tài chính",
        "Quý IV",
        "Ngân sách tỉnh",
    ),
]


def plan_docx() -> bytes:
    document = Document()
    for line in PROSE:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(page: Page, live_server: Any, data: bytes, name: str = "ke-hoach-2025.docx") -> None:
    page.goto(live_server.url + "/ke-hoach/")
    page.get_by_role("link", name="Nhập kế hoạch từ văn bản").click()
    page.get_by_label("Tệp kế hoạch").set_input_files(
        files=[
            {
                "name": name,
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": data,
            }
        ]
    )
    page.get_by_role("button", name="Đọc văn bản và xem trước").click()


def test_officer_imports_a_word_plan_with_corrections(
    page: Page, live_server, officer, dost, agency
):
    police = OrganisationFactory(
        name="Công an tỉnh Khánh Hòa", short_name="Công an tỉnh", province=dost.province
    )
    radio = OrganisationFactory(
        name="Đài Phát thanh và Truyền hình Khánh Hòa",
        kind=Organisation.Kind.OTHER,
        province=dost.province,
    )
    data = plan_docx()
    log_in(page, live_server, officer)

    # A decompression bomb never reaches the parser: the form says why, with the limit.
    _upload(page, live_server, zip_bomb(unpacked=51 * 1024 * 1024), "bom.docx")
    expect(
        page.get_by_text("Nội dung tệp khi giải nén quá lớn (51 MB). Tối đa 50 MB.")
    ).to_be_visible()
    assert not PlanImportDraft.objects.exists()

    _upload(page, live_server, data)

    # The worker reads the file; the page shows the preview once it is ready (it polls).
    expect(page.get_by_label("Số, ký hiệu")).to_have_value("45/KH-UBND", timeout=20_000)
    # The preview: groups, tasks, each unit with its organisation and confidence.
    expect(page.get_by_role("heading", name="Xem trước kế hoạch")).to_be_visible()
    expect(page.get_by_label("Ngày ban hành")).to_have_value("02/06/2025")
    expect(page.get_by_label("Tên nhóm, dòng 2")).to_have_value("Thanh tra, kiểm tra")
    first_row = page.locator("#task-row-1")
    expect(first_row).to_contain_text("Sở KH&CN → Sở Khoa học và Công nghệ Độ tin cậy 100%")
    expect(first_row).to_contain_text("Sở Tài chính → Sở Tài chính Độ tin cậy 100%")
    expect(page.locator("#task-row-3")).to_contain_text("Công an tỉnh → Công an tỉnh Khánh Hòa")
    expect(page.locator("#task-row-2")).to_contain_text(
        "Hội Doanh nhân trẻ tỉnh → Tạo mới: Hội Doanh nhân trẻ tỉnh Chưa có trong danh sách"
    )

    # Correct a task's content and re-match a unit the parser could not place (htmx redraws).
    page.get_by_label("Nội dung nhiệm vụ, dòng 1").fill(
        "Phổ biến Chỉ thị 38-CT/TW trên báo, đài và cổng thông tin của tỉnh"
    )
    page.get_by_label("Liên kết “Báo và Phát thanh, Truyền hình Khánh Hòa” với").select_option(
        label="Đài Phát thanh và Truyền hình Khánh Hòa"
    )
    expect(page.locator("#task-row-1")).to_contain_text(
        "Báo và Phát thanh, Truyền hình Khánh Hòa → Đài Phát thanh và Truyền hình Khánh Hòa Chọn tay"
    )
    # Name the organisation to be created for a unit that matched nothing.
    page.get_by_label("Tên cơ quan mới cho “Hội Doanh nhân trẻ tỉnh”").fill(
        "Hội Doanh nhân trẻ tỉnh Khánh Hòa"
    )

    # Delete the third task (the edits above are saved with it).
    page.get_by_role("button", name="Xóa nhiệm vụ ở dòng 3").click()
    expect(page.get_by_text("Đã lưu các chỉnh sửa.")).to_be_visible()
    expect(page.locator("[id^=task-row-]")).to_have_count(2)
    expect(page.get_by_label("Nội dung nhiệm vụ, dòng 1")).to_have_value(
        "Phổ biến Chỉ thị 38-CT/TW trên báo, đài và cổng thông tin của tỉnh"
    )
    expect(page.locator("#task-row-2")).to_contain_text(
        "Hội Doanh nhân trẻ tỉnh → Tạo mới: Hội Doanh nhân trẻ tỉnh Khánh Hòa"
    )

    # Add a task.
    new_task = page.get_by_role("group", name="Thêm nhiệm vụ")
    new_task.get_by_label("Số", exact=True).fill("2.2")
    new_task.get_by_label("Nhóm", exact=True).select_option(label="2. Thanh tra, kiểm tra")
    new_task.get_by_label("Nội dung", exact=True).fill("Khảo sát chất lượng phân bón lưu thông")
    new_task.get_by_label("Đơn vị chủ trì (mỗi dòng một đơn vị)").fill("Công an tỉnh")
    new_task.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.locator("[id^=task-row-]")).to_have_count(3)
    expect(page.get_by_label("Nội dung nhiệm vụ, dòng 3")).to_have_value(
        "Khảo sát chất lượng phân bón lưu thông"
    )
    expect(page.locator("#task-row-3")).to_contain_text("Công an tỉnh → Công an tỉnh Khánh Hòa")

    # Confirm: the plan page shows the corrections.
    page.get_by_role("button", name="Xác nhận nhập kế hoạch").click()
    expect(page.get_by_text("Đã nhập kế hoạch.")).to_be_visible()
    plan = Plan.objects.get()
    expect(page).to_have_url(live_server.url + plan.get_absolute_url())
    expect(
        page.get_by_role(
            "heading",
            name="KẾ HOẠCH Triển khai công tác tiêu chuẩn, đo lường, chất lượng năm 2025",
        )
    ).to_be_visible()
    tasks = page.locator("table").first
    expect(
        tasks.get_by_role(
            "link", name="Phổ biến Chỉ thị 38-CT/TW trên báo, đài và cổng thông tin của tỉnh"
        )
    ).to_be_visible()
    expect(tasks.get_by_role("link", name="Khảo sát chất lượng phân bón lưu thông")).to_be_visible()
    expect(tasks.get_by_text("Kiểm tra đo lường tại cửa hàng xăng dầu")).to_have_count(0)
    expect(tasks.get_by_role("link", name=radio.name)).to_be_visible()
    expect(tasks.get_by_role("link", name=police.name)).to_be_visible()
    expect(tasks.get_by_role("link", name="Hội Doanh nhân trẻ tỉnh Khánh Hòa")).to_be_visible()
    expect(page.get_by_role("link", name="ke-hoach-2025.docx")).to_be_visible()
    assert list(plan.tasks.filter(kind="task").values_list("number", flat=True)) == [
        "1.1",
        "1.2",
        "2.2",
    ]
    # The two duties of "Tổ chức thực hiện" are assigned and reported on like tasks.
    assert plan.tasks.filter(kind="duty").count() == 2
    created = Organisation.objects.get(name="Hội Doanh nhân trẻ tỉnh Khánh Hòa")
    assert (created.province, created.aliases) == (dost.province, ["Hội Doanh nhân trẻ tỉnh"])

    # The same file again: already imported, with a way to the plan.
    _upload(page, live_server, data)
    expect(page.get_by_text("Tệp này đã được nhập trước đây, không cần nhập lại.")).to_be_visible()
    page.get_by_role("link", name="Mở kế hoạch đã nhập").click()
    expect(page).to_have_url(live_server.url + plan.get_absolute_url())
    assert Plan.objects.count() == 1


def test_the_waiting_page_reloads_itself_into_the_preview(page: Page, live_server, officer, dost):
    # Uploaded, its reading queued but not yet run: as when the worker is busy.
    draft = PlanImportDraftFactory(
        province=dost.province,
        uploaded_by=officer,
        source_filename="ke-hoach-2025.docx",
        status=PlanImportDraft.Status.PARSING,
    )
    draft.source_file.save("ke-hoach-2025.docx", ContentFile(plan_docx()))
    log_in(page, live_server, officer)
    page.goto(live_server.url + f"/ke-hoach/nhap/{draft.pk}/")
    expect(page.get_by_text("Đang đọc tệp ke-hoach-2025.docx…")).to_be_visible()

    parse_import_draft(draft.pk)  # the worker gets to it

    # No reload by the test: the page polls every 2 s and then reloads into the preview.
    expect(page.get_by_label("Số, ký hiệu")).to_have_value("45/KH-UBND", timeout=20_000)
    expect(page.get_by_text("Đang đọc tệp ke-hoach-2025.docx…")).to_have_count(0)
