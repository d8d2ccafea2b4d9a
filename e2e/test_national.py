"""The Ministry's viewer opens the national view, compares two provinces' plans, looks at a
task's counterparts in another province, and downloads the national synthesis."""

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from e2e.helpers import log_in
from tdc.national.tests.factories import load_seed_plans

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_ministry_compares_two_provinces_and_downloads_the_synthesis(
    page: Page, live_server, ministry_viewer
):
    load_seed_plans()
    log_in(page, live_server, ministry_viewer)
    page.get_by_role("link", name="Toàn quốc").first.click()
    provinces = page.locator("#provinces")
    for name in ("Hưng Yên", "Khánh Hòa", "Thành phố Huế", "Vĩnh Long"):
        expect(provinces).to_contain_text(name)
    expect(page.get_by_role("img", name="Tỷ lệ báo cáo năm")).to_be_visible()  # a chart

    page.get_by_role("link", name="So sánh kế hoạch").click()
    page.get_by_label("Thành phố Huế").check()
    page.get_by_label("Hưng Yên").check()
    page.get_by_label("Tỉnh nào có nhiệm vụ về…").fill("quy chuẩn địa phương")
    page.get_by_role("button", name="So sánh").click()

    coverage = page.locator("#coverage")
    expect(coverage.locator("thead th")).to_have_count(3)
    expect(coverage).to_contain_text("Thành phố Huế (2025)")
    expect(coverage).to_contain_text("Hưng Yên (2025)")
    expect(coverage).not_to_contain_text("Khánh Hòa")
    results = page.locator("#search-results")
    expect(results).to_contain_text("Thành phố Huế")
    expect(results).to_contain_text("Chưa có: Hưng Yên")

    results.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thành phố Huế")
    expect(page.locator("#similar")).to_contain_text("Khánh Hòa")

    page.get_by_role("link", name="So sánh kế hoạch").click()
    page.get_by_role("link", name="Các tỉnh").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Báo cáo tổng hợp (DOCX)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("bao-cao-tong-hop-quoc-gia-")
    text = "\n".join(p.text for p in Document(io.BytesIO(download.path().read_bytes())).paragraphs)
    assert "Tổng hợp tình hình thực hiện Chỉ thị số 38-CT/TW" in text
