"""A TĐC officer records a training course with its attendance sheet; the province's figures,
their chart and the plan's training target (computed from the capacity figure) move, its
trajectory chart gains the point, and the synthesis report (the DOCX, opened) quotes the new
figure with its source."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from e2e.helpers import log_in, open_menu_entry
from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory
from tdc.capacity.tests.sheets import sheet_bytes
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.indicators import create_indicator
from tdc.plans.tests.factories import make_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def training_target(dost, officer):
    plan = make_plan(dost, [{"number": "1.1", "content": "Tổ chức tập huấn", "leads": [dost]}])
    plan.status = plan.Status.ACTIVE
    plan.save(update_fields=["status"])
    assign_plan(plan, first_year=dt.date.today().year)  # noqa: DTZ011  (its reporting period)
    return create_indicator(
        plan,
        by=officer,
        name="Tổ chức ít nhất 30 lớp đào tạo, bồi dưỡng, tập huấn cho các cơ quan, doanh nghiệp",
        unit="lớp",
        comparator=">=",
        target_value=Decimal(30),
        baseline=Decimal(0),
        deadline=dt.date(2030, 12, 31),
        aggregation="cumulative",
        metric_key="capacity.courses_held",
    )


def test_officer_records_a_course_from_an_attendance_sheet_and_the_target_moves(
    page: Page, live_server, officer, dost, province, training_target
):
    business = OrganisationFactory(
        name="Công ty TNHH Xăng dầu Biển Xanh", kind=Organisation.Kind.BUSINESS, province=province
    )
    today = dt.date.today()  # noqa: DTZ011  (the browser's day is the server's)
    sheet = sheet_bytes(
        [
            [1, "NGUYỄN VĂN AN", business.name, "Doanh nghiệp", today.strftime("%d/%m/%Y")],
            [2, "Lê Thị Bình", business.name, "", ""],
            [None, None, None, None, None],
            [3, "Trần Văn Cường", "Hộ kinh doanh Cường", "doanh nghiep", ""],
            [4, "nguyễn văn an", business.name, "", ""],
        ]
    )
    log_in(page, live_server, officer)

    page.goto(live_server.url + training_target.get_absolute_url())
    expect(page.get_by_text("Chưa có số liệu.")).to_be_visible()
    expect(page.locator("figure.chart circle.dot")).to_have_count(0)

    open_menu_entry(page, "Chất lượng", "Năng lực")
    expect(page.locator("#figure-capacitycourses_held")).to_have_text("0 lớp")
    page.get_by_role("link", name="Đào tạo, tập huấn").click()
    page.get_by_role("link", name="Ghi lớp học").click()
    page.get_by_label("Đơn vị tổ chức").select_option(str(dost.pk))
    page.get_by_label("Tên lớp").fill("Tập huấn ghi nhãn hàng hóa cho doanh nghiệp")
    page.get_by_label("Từ ngày").fill(today.isoformat())
    page.get_by_label("Đến ngày").fill(today.isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi lớp học.")).to_be_visible()

    page.get_by_label("Danh sách học viên (.xlsx)").set_input_files(
        files=[
            {
                "name": "danh-sach-hoc-vien.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": sheet,
            }
        ]
    )
    page.get_by_role("button", name="Nhập danh sách").click()
    expect(page.get_by_text("Đã nhập 3 học viên; 1 dòng trùng đã gộp.")).to_be_visible()
    expect(page.locator("#participants tbody tr")).to_have_count(3)
    expect(page.locator("#participants")).to_contain_text("Nguyễn Văn An")

    open_menu_entry(page, "Chất lượng", "Năng lực")
    expect(page.locator("#figure-capacitycourses_held")).to_have_text("1 lớp")
    expect(page.locator("#figure-capacityparticipants")).to_have_text("3 lượt người")
    expect(page.locator("#figure-capacitybusinesses_trained_share")).to_have_text("100 %")
    page.get_by_text("Xem số liệu dạng bảng").nth(1).click()
    expect(
        page.locator("#participants-by-audience-table tr", has_text="Doanh nghiệp, hộ kinh doanh")
        .locator("td")
        .first
    ).to_have_text("3")

    page.goto(live_server.url + training_target.get_absolute_url())
    page.get_by_label("Năm").fill(str(today.year))
    page.get_by_role("button", name="Tính số liệu").click()
    expect(page.get_by_text(f"Đã tính số liệu năm {today.year}.")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Tính tự động: Số lớp đào tạo")
    expect(page.locator("#track-status").locator("..")).to_contain_text("thực hiện 1 lớp")
    # The trajectory chart gains the computed point.
    expect(page.locator("figure.chart circle.dot")).to_have_count(1)
    expect(page.locator("figure.chart polyline.actual-line")).to_have_count(1)

    # The synthesis of the plan's reporting period quotes the figure and where it comes from.
    period = training_target.plan.reporting_periods.get()
    page.goto(live_server.url + period.get_absolute_url())
    page.get_by_role("button", name="Lập báo cáo tổng hợp").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo (DOCX)").click()
    path = download.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        texts = [p.text for p in Document(io.BytesIO(handle.read())).paragraphs]
    (quoted,) = [text for text in texts if text.startswith(f"- {training_target.name}")]
    assert "thực hiện 1 lớp (đến 31/12/" in quoted
    assert quoted.endswith("Nguồn số liệu: Số lớp đào tạo, bồi dưỡng, tập huấn đã tổ chức.")
