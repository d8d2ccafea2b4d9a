"""A business imports its instruments, fixes the rejected rows, and anyone checks a stamp."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from e2e.helpers import log_in
from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory
from tdc.metrology.models import Instrument, add_months
from tdc.metrology.tests.factories import CommuneFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

group2_list = importlib.import_module("tdc.metrology.migrations.0002_load_group2_types")

HEADER = 'Loại phương tiện đo,Số sản xuất,Nhà sản xuất,"Xã, phường",Địa chỉ,Ngày kiểm định,Đơn vị kiểm định,Kết quả,Số tem\n'


def test_business_imports_fixes_rejected_rows_and_a_stamp_checks_valid(
    page: Page, live_server, business_user, province, browser
):
    # Browser tests empty every table between tests, the migrated Group 2 list included.
    group2_list.load_types(apps, None)
    CommuneFactory(
        code=22366, name="Phường Nha Trang", province=province, search_key="phuong nha trang"
    )
    OrganisationFactory(
        name="Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa",
        short_name="Trung tâm Kỹ thuật TĐC",
        kind=Organisation.Kind.TESTING_BODY,
        province=province,
    )
    day = (dt.date.today() - dt.timedelta(days=10)).strftime("%d/%m/%Y")  # noqa: DTZ011
    content = HEADER + (
        f"Cột đo xăng dầu,BX-01,Tatsuno,Phường Nha Trang,12 Trần Phú,{day},Trung tâm Kỹ thuật TĐC,Đạt,KH-E2E-01\n"
        f"Cột đo xăng dầu,BX-02,Tatsuno,Phường Nha Trang,12 Trần Phú,{day},Trung tâm Kỹ thuật TĐC,Đạt,KH-E2E-02\n"
        "Cột đo xăng dầu,BX-03,Tatsuno,Phường Nha Trang,12 Trần Phú,31/02/2026,Trung tâm Kỹ thuật TĐC,Đạt,KH-E2E-03\n"
    )

    log_in(page, live_server, business_user)
    page.get_by_role("button", name="Đo lường").click()  # the menu's drop-down
    page.get_by_role("link", name="Phương tiện đo", exact=True).click()
    page.get_by_role("main").get_by_role("link", name="Nhập từ tệp", exact=True).click()
    page.get_by_label("Tệp CSV hoặc XLSX").set_input_files(
        files=[{"name": "cot-bom.csv", "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.get_by_role("button", name="Nhập", exact=True).click()

    expect(page.locator("#import-status")).to_have_text("Hoàn thành")
    expect(page.locator("#import-counts")).to_have_text("Đã ghi 2 dòng, từ chối 1 dòng.")
    expect(page.locator("#rejections")).to_contain_text(
        "Ngày kiểm định «31/02/2026» không đúng dạng dd/mm/yyyy"
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải các dòng bị từ chối (kèm lý do)").click()
    rejected = download_info.value.path().read_text(encoding="utf-8-sig")
    assert rejected.splitlines()[0].endswith(",Lý do")
    fixed = rejected.replace("31/02/2026", day)

    page.get_by_role("link", name="Nhập tệp khác").click()
    page.get_by_label("Tệp CSV hoặc XLSX").set_input_files(
        files=[
            {
                "name": "cot-bom-da-sua.csv",
                "mimeType": "text/csv",
                "buffer": fixed.encode("utf-8-sig"),
            }
        ]
    )
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.locator("#import-counts")).to_have_text("Đã ghi 1 dòng, từ chối 0 dòng.")
    assert sorted(Instrument.objects.values_list("serial", flat=True)) == [
        "BX-01",
        "BX-02",
        "BX-03",
    ]

    citizen_context = browser.new_context(locale="vi-VN")
    citizen = citizen_context.new_page()
    citizen.goto(live_server.url + "/do-luong/tem/")
    citizen.get_by_label("Số tem kiểm định").fill("kh-e2e-03")
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.get_by_role("status")).to_have_text("CÒN HIỆU LỰC")
    due = add_months(dt.date.today() - dt.timedelta(days=10), 12)  # noqa: DTZ011
    expect(citizen.locator("#valid-until")).to_have_text(due.strftime("%d/%m/%Y"))
    expect(
        citizen.get_by_text("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa")
    ).to_be_visible()
    citizen_context.close()


def test_an_xlsx_bomb_is_refused_on_the_form_with_the_limit(page: Page, live_server, business_user):
    from tdc.core.tests.test_uploads import zip_bomb

    log_in(page, live_server, business_user)
    page.goto(live_server.url + "/do-luong/nhap/")
    expect(
        page.get_by_text("Dòng đầu là tên cột, như trong tệp mẫu. Tối đa 20 MB.")
    ).to_be_visible()
    page.get_by_label("Tệp CSV hoặc XLSX").set_input_files(
        files=[
            {
                "name": "bom.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": zip_bomb(250),
            }
        ]
    )
    page.get_by_role("button", name="Nhập", exact=True).click()

    expect(
        page.get_by_text("Nội dung tệp khi giải nén quá lớn (250 MB). Tối đa 200 MB.")
    ).to_be_visible()
