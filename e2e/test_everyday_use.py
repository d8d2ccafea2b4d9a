"""What every role meets every day, in a real Chromium: dates the Vietnamese way in an English
browser, menus that open, homes per role (screenshots kept for review), no serious
accessibility violations (axe-core) on the main and public pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.helpers import log_in
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, report_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parent.parent / "var" / "e2e-artefacts"


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


@pytest.fixture
def english_page(browser: Browser) -> Any:
    """A browser whose language is English (US): native pickers would say mm/dd/yyyy, 12 h."""
    context = browser.new_context(locale="en-US", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    yield page
    context.close()


def test_dates_show_and_accept_dd_mm_yyyy_and_24_hours_in_an_english_browser(
    english_page: Page, live_server, report, officer
):
    page = english_page
    assert page.evaluate("navigator.language") == "en-US"
    log_in(page, live_server, officer)
    page.goto(live_server.url + f"/ke-hoach/ky-bao-cao/{report.period.pk}/")

    deadline = page.get_by_label("Hạn gửi báo cáo")
    cutoff = page.get_by_label("Mốc tính đúng hạn")
    expect(deadline).to_have_value("10/11/2027")
    expect(deadline).to_have_attribute("placeholder", "dd/mm/yyyy")
    expect(cutoff).to_have_attribute("placeholder", "dd/mm/yyyy hh:mm")

    deadline.fill("15/11/2027")
    cutoff.fill("15/11/2027 23:59")
    page.get_by_role("button", name="Lưu thay đổi").click()

    page.goto(live_server.url + f"/ke-hoach/ky-bao-cao/{report.period.pk}/")
    expect(page.get_by_label("Hạn gửi báo cáo")).to_have_value("15/11/2027")
    expect(page.get_by_label("Mốc tính đúng hạn")).to_have_value("15/11/2027 23:59")
    report.period.refresh_from_db()
    assert report.period.deadline.isoformat() == "2027-11-15"
    cutoff_at = report.period.on_time_cutoff.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"{cutoff_at:%d/%m/%Y %H:%M}" == "15/11/2027 23:59"
    text = page.locator("main").inner_text()
    assert not re.search(r"\b(AM|PM)\b", text)
    assert "11/15/2027" not in text


def test_an_unreadable_date_is_refused_in_vietnamese_and_kept(
    english_page: Page, live_server, report, officer
):
    page = english_page
    log_in(page, live_server, officer)
    page.goto(live_server.url + f"/ke-hoach/ky-bao-cao/{report.period.pk}/")
    page.get_by_label("Hạn gửi báo cáo").fill("31/02/2027")
    page.get_by_role("button", name="Lưu thay đổi").click()

    expect(page.get_by_label("Hạn gửi báo cáo")).to_have_value("31/02/2027")
    expect(page.get_by_text("Nhập một ngày hợp lệ", exact=False)).to_be_visible()
