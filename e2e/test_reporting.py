"""The reporting cycle in a browser: an agency reports, DoST returns it, the agency corrects and
resubmits, DoST accepts, and the dashboard's completeness follows."""

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import log_in
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, report_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report(dost, agency, other_agency):
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Tổ chức quán triệt, tuyên truyền Chỉ thị số 38-CT/TW",
                "leads": [agency],
                "partners": [other_agency],
            }
        ],
        year=2027,
    )
    assign_plan(plan)
    return report_of(plan, agency)


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập TĐC")).to_be_visible()


def _dashboard_figures(page: Page, live_server) -> tuple[str, str]:
    page.goto(live_server.url + "/ke-hoach/theo-doi/")
    return page.locator("#completeness-arrived").inner_text(), page.locator(
        "#completeness-accepted"
    ).inner_text()


def test_agency_reports_dost_returns_agency_resubmits_dost_accepts(
    page: Page, live_server, report, reporter, officer
):
    log_in(page, live_server, officer)
    assert _dashboard_figures(page, live_server) == ("0", "0")
    _log_out(page)

    # The agency writes its report from "Nhiệm vụ của tôi" and sends it.
    log_in(page, live_server, reporter)
    page.get_by_role("button", name="Kế hoạch 38").click()  # the menu's drop-down
    page.get_by_role("link", name="Nhiệm vụ của tôi").first.click()
    expect(page.locator("#next-report")).to_contain_text("Báo cáo tiếp theo: hạn 10/11/2027")
    page.get_by_role("link", name="Viết báo cáo").click()
    page.get_by_label("Tình hình thực hiện").select_option("in_progress")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("50")
    page.get_by_label("Kết quả đạt được").fill("Đã tổ chức 01 hội nghị quán triệt cho lãnh đạo Sở")
    page.get_by_label("Số liệu").fill("Số hội nghị: 1 hội nghị")
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    expect(page.locator("#report-state")).to_have_text("Đã gửi")
    _log_out(page)

    # DoST sees it arrive and returns it with a comment.
    log_in(page, live_server, officer)
    assert _dashboard_figures(page, live_server) == ("1", "0")
    page.get_by_role("link", name="Sở Tài chính").click()
    page.get_by_role("link", name="1.1. Tổ chức quán triệt").click()
    expect(page.locator("#report-results")).to_have_text(
        "Đã tổ chức 01 hội nghị quán triệt cho lãnh đạo Sở"
    )
    page.get_by_label("Lý do").fill("Đề nghị nêu rõ số cán bộ tham dự hội nghị")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_text("Đã trả lại báo cáo kèm lý do.")).to_be_visible()
    expect(page.locator("#report-state")).to_have_text("Bị trả lại")
    _log_out(page)

    # The agency reads the comment, corrects and resubmits.
    log_in(page, live_server, reporter)
    page.goto(live_server.url + f"/ke-hoach/bao-cao-tien-do/{report.pk}/")
    expect(page.locator("#return-reason")).to_have_text("Đề nghị nêu rõ số cán bộ tham dự hội nghị")
    page.get_by_label("Kết quả đạt được").fill(
        "Đã tổ chức 01 hội nghị quán triệt cho 45 cán bộ lãnh đạo Sở"
    )
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()
    page.get_by_role("button", name="Gửi lại báo cáo").click()
    expect(page.locator("#report-state")).to_have_text("Đã gửi lại")
    _log_out(page)

    # DoST sees what changed since it returned it, and accepts.
    log_in(page, live_server, officer)
    page.goto(live_server.url + f"/ke-hoach/bao-cao-tien-do/{report.pk}/")
    expect(page.locator("#resubmission-diff ins")).to_have_text("45 cán bộ")
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Đã tiếp nhận báo cáo.")).to_be_visible()
    expect(page.locator("#report-history li")).to_have_count(4)
    assert _dashboard_figures(page, live_server) == ("1", "1")
