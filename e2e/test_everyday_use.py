"""What every role meets every day, in a real Chromium: dates the Vietnamese way in an English
browser, menus that open, homes per role (screenshots kept for review), no serious
accessibility violations (axe-core) on the main and public pages, no console error and no
4xx/5xx answer to any request a persona's pages make."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.helpers import log_in, log_in_any, serious_accessibility_violations
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


# --- Every persona: home, menu, pages, accessibility -----------------------------------------

PERSONAS = [
    "officer",
    "reporter",
    "approver",
    "commune_officer",
    "business_user",
    "leader",
    "ministry_viewer",
    "admin_user",
    "custodian",
]
LONG_TASK = (
    "Tăng cường công tác thông tin, tuyên truyền, phổ biến, quán triệt Chỉ thị số 38-CT/TW "
    "của Ban Bí thư về đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng trong tình hình mới "
    "đến toàn thể cán bộ, công chức, viên chức và người lao động của cơ quan, đơn vị"
)
ELLIPSIS = re.compile(r"(\S[^\n…]{8,}?)…")


@pytest.fixture
def world(dost, agency, other_agency, commune_org):
    plan = make_plan(
        dost,
        [
            {"number": "1.1", "content": LONG_TASK, "leads": [agency], "partners": [other_agency]},
            {"number": "1.2", "content": "Tập huấn nghiệp vụ đo lường", "leads": [commune_org]},
        ],
        year=2027,
    )
    plan.doc_number = "95/KH-UBND"
    plan.save()
    assign_plan(plan)
    return plan


# 12-hour time, or month first (a day after the 12th in second place: 11/15/2027).
AMERICAN = re.compile(
    r"\b\d{1,2}:\d{2}\s?(?:AM|PM)\b|\b(?:0?\d|1[0-2])/(?:1[3-9]|2\d|3[01])/\d{4}\b"
)


def _watch(page: Page, seen: list[str]) -> None:
    """Console errors, uncaught page errors and any 4xx/5xx answer (links, buttons, assets)."""

    def on_console(message: Any) -> None:
        if message.type == "error":
            seen.append(f"console error: {message.text}")

    def on_page_error(error: Any) -> None:
        seen.append(f"page error: {error}")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            seen.append(f"{response.url} answered {response.status}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("response", on_response)


def _native_pickers(page: Page, href: str) -> list[str]:
    """The browser's own date and time pickers follow its language (mm/dd/yyyy, 12 h in
    English): every date and time field must be a text field in dd/mm/yyyy instead."""
    found = page.locator(
        'input[type="date"], input[type="datetime-local"], input[type="time"], '
        'input[type="month"], input[type="week"]'
    ).count()
    return [f"{href}: {found} native date or time picker(s)"] if found else []


def _cut_mid_word(texts: list[str], full: list[str]) -> list[str]:
    """Every "…" that ends a shortened full text must sit at a word boundary of that text."""
    bad = []
    for text in texts:
        for match in ELLIPSIS.finditer(text):
            shown = match.group(1).rstrip()
            for source in full:
                start = source.find(shown[-30:])
                if start < 0:
                    continue
                after = start + len(shown[-30:])
                if after < len(source) and source[after].isalnum():
                    bad.append(f"{shown[-40:]}… (from “{source[:60]}…”)")
    return bad


def test_every_persona_has_a_home_a_menu_that_fits_and_opens_and_no_serious_axe_violations(
    browser: Browser, live_server, world, request
):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    full_texts = [LONG_TASK, world.title]
    problems: dict[str, list[str]] = {}
    for persona in PERSONAS:
        user = request.getfixturevalue(persona)
        # An English (US) browser: what it shows must still be dd/mm/yyyy and 24-hour time.
        context = browser.new_context(
            locale="en-US", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        seen = problems.setdefault(persona, [])
        _watch(page, seen)
        log_in_any(page, live_server, user)
        page.goto(live_server.url + "/")
        page.screenshot(path=str(ARTEFACTS / f"home-{persona}.png"), full_page=True)

        logout = page.get_by_role("button", name="Đăng xuất")
        box = logout.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 1280, persona  # the bar fits at 1280 px
        brand = page.locator(".navbar-brand").bounding_box()
        assert brand is not None
        assert abs(box["y"] - brand["y"]) < 20, persona  # one line: nothing wrapped below

        links = page.locator('[data-testid="main-menu"] a').evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        seen += [f"axe on /: {v}" for v in serious_accessibility_violations(page)]
        seen += _native_pickers(page, "/")
        texts = [page.locator("main").inner_text()]
        for href in links:
            response = page.goto(live_server.url + href)
            assert response is not None
            if response.status != 200:
                seen.append(f"{href} answered {response.status}")
                continue
            seen += [f"axe on {href}: {v}" for v in serious_accessibility_violations(page)]
            seen += _native_pickers(page, href)
            texts.append(page.locator("main").inner_text())
        seen += [f"cut mid-word: {cut}" for cut in _cut_mid_word(texts, full_texts)]
        seen += [
            f"American date or 12-hour time: {found}"
            for text in texts
            for found in AMERICAN.findall(text)
        ]
        context.close()
    (ARTEFACTS / "persona-problems.json").write_text(
        json.dumps(problems, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert problems == {persona: [] for persona in PERSONAS}


PUBLIC_PAGES = [
    "/",
    "/phan-anh/gui/",
    "/phan-anh/theo-doi/",
    "/phan-anh/thong-ke/",
    "/do-luong/tem/",
    "/do-luong/tem/KH-KHONG-CO/",
    "/tai-khoan/dang-nhap/",
]


def test_public_pages_say_whose_site_it_is_and_pass_axe(page: Page, live_server, dost):
    dost.address = "04 Phan Chu Trinh, phường Nha Trang"
    dost.phone = "0258 3822 895"
    dost.save()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        header = page.locator("header.tdc-public-header")
        expect(header).to_contain_text("Sở Khoa học và Công nghệ tỉnh Khánh Hòa")
        expect(header).to_contain_text("0258 3822 895")
        expect(page.get_by_test_id("site-owner")).to_contain_text("04 Phan Chu Trinh")
        found[path] = serious_accessibility_violations(page)
    page.goto(live_server.url + "/do-luong/tem/KH-KHONG-CO/")
    page.screenshot(path=str(ARTEFACTS / "public-stamp-not-found.png"), full_page=True)
    page.get_by_role("link", name="Báo tem nghi giả").click()
    expect(page.get_by_label("Nội dung phản ánh")).to_contain_text("KH-KHONG-CO")
    assert found == {path: [] for path in PUBLIC_PAGES}


def test_the_receipt_keeps_its_groups_whole_on_a_phone(browser: Browser, live_server, dost):
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(live_server.url + "/phan-anh/gui/")
    page.get_by_label("Loại vi phạm").select_option(label="Cân sai, gian lận đo lường")
    page.get_by_label("Nội dung phản ánh").fill(
        "Sạp cá ở chợ Đầm cân thiếu khoảng 100 gam mỗi ki-lô-gam, nhiều người bị thiệt."
    )
    page.get_by_role("button", name="Gửi phản ánh").click()
    groups = page.locator("#receipt-code .code-group")
    expect(groups.first).to_be_visible()
    heights = groups.evaluate_all("gs => gs.map(g => g.getClientRects().length)")
    assert set(heights) == {1}  # no group is broken across two lines
    expect(page.get_by_role("button", name="Tải về (tệp văn bản)")).to_be_visible()
    expect(page.get_by_role("button", name="In")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải về (tệp văn bản)").click()
    code = page.locator("#receipt-code").inner_text().strip()
    assert code in Path(download.value.path()).read_text(encoding="utf-8")
    page.screenshot(path=str(ARTEFACTS / "receipt-phone.png"), full_page=True)
    context.close()
