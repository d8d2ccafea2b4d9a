"""A producer adds a product and a place, records harvest → pack → ship with the form, prints
the QR labels, and the public page the QR leads to shows the lot's journey."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import log_in, open_menu_entry
from tdc.traceability.models import Event, Lot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _record(page: Page, step: str, when: str, quantity: str) -> None:
    open_menu_entry(page, "Chất lượng", "Truy xuất nguồn gốc")
    page.get_by_role("link", name="Ghi công đoạn").first.click()
    page.get_by_label(step, exact=True).check()
    page.get_by_label("Sản phẩm").select_option(label="Xoài cát Hòa Lộc (08934588063060)")
    page.get_by_label("Số lô").fill("L2611")
    page.get_by_label("Địa điểm").select_option(label="Vườn xoài Cam Lâm")
    page.get_by_label("Thời điểm").fill(when)
    page.get_by_label("Số lượng").fill(quantity)
    page.get_by_role("button", name="Ghi công đoạn").click()
    expect(page.locator("main")).to_contain_text("Đã ghi công đoạn cho lô L2611.")


def test_producer_records_harvest_pack_ship_prints_a_qr_and_the_public_sees_the_journey(
    page: Page, live_server, business_user
):
    log_in(page, live_server, business_user)
    open_menu_entry(page, "Chất lượng", "Truy xuất nguồn gốc")
    page.get_by_role("link", name="Thêm sản phẩm").click()
    page.get_by_label("Mã GTIN (mã số mã vạch)").fill("8934588063060")
    page.get_by_label("Tên sản phẩm").fill("Xoài cát Hòa Lộc")
    page.get_by_label("Nhãn hiệu").fill("Vườn Cam Lâm")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xoài cát Hòa Lộc")

    page.goto(live_server.url + "/truy-xuat/dia-diem/")
    page.get_by_label("Mã địa điểm").fill("vuon-1")
    page.get_by_label("Tên địa điểm").fill("Vườn xoài Cam Lâm")
    page.get_by_role("button", name="Thêm").click()
    expect(page.locator("table")).to_contain_text(
        f"urn:tdc:loc:{business_user.organisation_id}:vuon-1"
    )

    today = dt.date.today() - dt.timedelta(days=3)  # noqa: DTZ011
    for offset, (step, quantity) in enumerate(
        (("Thu hoạch", "1200"), ("Đóng gói", "1150,5"), ("Xuất bán", "1150,5"))
    ):
        _record(page, step, f"{today + dt.timedelta(days=offset):%Y-%m-%d}T08:00", quantity)

    expect(page.locator("#journey li")).to_have_count(3)
    expect(page.locator("#journey")).to_contain_text("Đóng gói")
    assert [e.biz_step for e in Event.objects.order_by("event_time")] == [
        "commissioning",
        "packing",
        "shipping",
    ]
    qr = page.get_by_role("img", name="Mã QR của lô hàng")
    expect(qr).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tờ nhãn để in (PDF)").click()
    assert download.value.suggested_filename == "nhan-08934588063060-L2611.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF")

    # What the QR code encodes: the lot's Digital Link on this platform, opened by anyone.
    lot = Lot.objects.get()
    public = page.context.browser.new_page()
    public.set_viewport_size({"width": 390, "height": 844})
    public.goto(live_server.url + lot.public_path())
    expect(public.get_by_role("heading", level=1)).to_have_text("Xoài cát Hòa Lộc")
    expect(public.get_by_role("heading", name="Hành trình của lô L2611")).to_be_visible()
    steps = public.locator(".trace-step")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Thu hoạch, ghi nhận lô hàng")
    expect(steps.nth(1)).to_contain_text("1150,5 kg")
    expect(steps.nth(2)).to_contain_text("Xuất bán, gửi hàng")
    expect(public.locator(".trace-places")).to_have_text("Vườn xoài Cam Lâm")
    public.close()
