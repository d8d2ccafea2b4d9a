"""A prose plan sets every agency to work, in a browser: the officer imports a plan whose tasks
name no lead → accepts the proposed leads → confirms (Back does not land on a 404) → the agency
reports on its duty from "Tổ chức thực hiện" → DoST accepts → the dashboard and the synthesis
show it. The browser console stays clean throughout (no CSP violation after htmx swaps)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import ConsoleMessage, Page, expect

from e2e.helpers import log_in, open_menu_entry
from tdc.plans.models import Plan, ProgressReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROSE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

KẾ HOẠCH
Triển khai công tác tiêu chuẩn, đo lường, chất lượng năm 2027

I. NHIỆM VỤ VÀ GIẢI PHÁP

1. Công tác tuyên truyền

- Tổ chức hội nghị quán triệt Chỉ thị số 38-CT/TW cho cán bộ, công chức.
- Bố trí kinh phí thực hiện các nhiệm vụ về tiêu chuẩn trong dự toán ngân sách hằng năm.

II. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ

- Theo dõi, đôn đốc, tổng hợp, báo cáo UBND tỉnh trước ngày 20/11 hằng năm.

2. Sở Tài chính

- Tham mưu bố trí kinh phí thực hiện các nhiệm vụ về tiêu chuẩn trong dự toán ngân sách.
- Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 10/11 hằng năm.
"""


def _watch_console(page: Page) -> list[str]:
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    return problems


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập TĐC")).to_be_visible()


def test_a_prose_plan_sets_the_agency_to_work_and_its_duty_report_reaches_the_synthesis(
    page: Page, live_server: Any, officer: Any, dost: Any, agency: Any, reporter: Any
) -> None:
    console = _watch_console(page)
    log_in(page, live_server, officer)
    page.goto(live_server.url + "/ke-hoach/")
    page.get_by_role("link", name="Nhập kế hoạch từ văn bản").click()
    page.get_by_label("Tệp kế hoạch").set_input_files(
        files=[
            {
                "name": "kế-hoạch-2027.txt",
                "mimeType": "text/plain",
                "buffer": PROSE_PLAN.encode(),
            }
        ]
    )
    page.get_by_role("button", name="Đọc văn bản và xem trước").click()

    # The preview says what would be assigned, and proposes leads with their reasons.
    outlook = page.locator("#assignment-outlook")
    expect(outlook).to_contain_text("2 nhiệm vụ chưa có đơn vị chủ trì.", timeout=20_000)
    expect(page.locator("#task-row-2")).to_contain_text(
        "Chủ trì: Sở Tài chính — Theo trách nhiệm của đơn vị tại mục “Tổ chức thực hiện”"
    )
    page.get_by_role("button", name="Chấp nhận mọi đơn vị được đề xuất").click()  # htmx swap
    expect(page.get_by_text("Đã lưu các chỉnh sửa.")).to_be_visible()
    expect(outlook).to_contain_text("0 nhiệm vụ chưa có đơn vị chủ trì.")
    expect(page.locator("#task-row-2")).to_contain_text("Sở Tài chính → Sở Tài chính")

    page.get_by_role("button", name="Xác nhận nhập kế hoạch").click()
    expect(page.get_by_text("Đã nhập kế hoạch.")).to_be_visible()
    plan = Plan.objects.get()
    assert plan.source_filename == "kế-hoạch-2027.txt"
    expect(page).to_have_url(live_server.url + plan.get_absolute_url())
    # Back to the preview of a draft now imported: the plan, not a 404.
    page.go_back()
    expect(page).to_have_url(live_server.url + plan.get_absolute_url())
    _log_out(page)

    # The agency reports on its duty from "Tổ chức thực hiện".
    duty_report = ProgressReport.objects.get(
        organisation=agency, assignment__task__kind="duty", period__plan=plan
    )
    log_in(page, live_server, reporter)
    open_menu_entry(page, "Kế hoạch 38", "Nhiệm vụ của tôi")
    expect(
        page.get_by_text("Tham mưu bố trí kinh phí thực hiện các nhiệm vụ").first
    ).to_be_visible()
    page.goto(live_server.url + duty_report.get_absolute_url())
    page.get_by_label("Tình hình thực hiện").select_option("in_progress")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("60")
    page.get_by_label("Kết quả đạt được").fill("Đã tham mưu bố trí 500 triệu đồng cho năm 2027")
    page.get_by_label("Khó khăn, vướng mắc").fill("Nguồn thu ngân sách giảm")
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("#report-state")).to_have_text("Đã gửi")
    _log_out(page)

    # DoST accepts; the dashboard and the synthesis show it.
    log_in(page, live_server, officer)
    page.goto(live_server.url + duty_report.get_absolute_url())
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Đã tiếp nhận báo cáo.")).to_be_visible()
    page.goto(live_server.url + f"/ke-hoach/theo-doi/?plan={plan.pk}")
    expect(page.locator("#completeness-accepted")).to_have_text("1")
    expect(page.get_by_text("Trách nhiệm theo mục Tổ chức thực hiện").first).to_be_visible()

    period = plan.reporting_periods.get()
    page.goto(live_server.url + period.get_absolute_url())
    page.get_by_role("button", name="Lập báo cáo tổng hợp").click()
    expect(page.locator("#synthesis-totals")).to_contain_text("đã tiếp nhận 1")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo (DOCX)").click()
    path = download.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        texts = [p.text for p in Document(io.BytesIO(handle.read())).paragraphs]
    assert any(
        "Sở Tài chính: Đã tham mưu bố trí 500 triệu đồng cho năm 2027." in text for text in texts
    )
    assert "Khó khăn, vướng mắc: Sở Tài chính: Nguồn thu ngân sách giảm." in texts

    assert console == []
