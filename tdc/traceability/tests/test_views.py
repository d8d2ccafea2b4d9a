"""The business's pages and the public resolver, through the client."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from tdc.core.products import _PROVIDERS as PROVIDERS
from tdc.core.products import ProductNotice, register_product_notices
from tdc.traceability.models import Event, Lot, LotImport, PageScan, Place, Product
from tdc.traceability.services import flush_page_scans, record_step
from tdc.traceability.tests.epcis.documents import event
from tdc.traceability.tests.factories import (
    LotFactory,
    PlaceFactory,
    ProductFactory,
    captured,
)

pytestmark = pytest.mark.django_db
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def mango(business_user):
    return ProductFactory(owner=business_user.organisation)


@pytest.fixture
def farm(business_user):
    return PlaceFactory(owner=business_user.organisation, code="vuon-1", name="Vườn xoài Cam Lâm")


def test_a_business_adds_a_product(client, business_user):
    client.force_login(business_user)

    response = client.post(
        "/truy-xuat/san-pham/moi/",
        {"gtin": "8934588063060", "name": "Xoài cát", "brand": "Cam Lâm", "published": "on"},
    )

    product = Product.objects.get()
    assert response.url == f"/truy-xuat/san-pham/{product.pk}/"
    assert (product.gtin, product.owner, product.province_id) == (
        "08934588063060",
        business_user.organisation,
        56,
    )


def test_a_wrong_gtin_is_refused_with_the_input_kept(client, business_user, mango):
    client.force_login(business_user)

    wrong = client.post("/truy-xuat/san-pham/moi/", {"gtin": "8934588063061", "name": "Xoài"})
    taken = client.post("/truy-xuat/san-pham/moi/", {"gtin": "8934588063060", "name": "Xoài"})

    assert "Mã GTIN “8934588063061” sai số kiểm tra." in wrong.content.decode()
    assert 'value="8934588063061"' in wrong.content.decode()
    assert "Mã GTIN 08934588063060 đã được đăng ký." in taken.content.decode()
    assert Product.objects.count() == 1


def test_the_producer_records_four_steps_that_become_epcis_events(
    client, business_user, mango, farm
):
    client.force_login(business_user)
    for number, step in enumerate(("harvest", "preprocess", "pack", "ship")):
        response = client.post(
            "/truy-xuat/cong-doan/",
            {
                "step": step,
                "product": mango.pk,
                "lot_number": "L2611",
                "place": farm.pk,
                "when": f"2026-11-2{number}T07:30",
                "quantity": "120,5" if step == "harvest" else "120",
                "unit": "KGM",
            },
        )
        assert response.status_code == 302, response.content.decode()

    lot = Lot.objects.get()
    assert response.url == f"/truy-xuat/lo/{lot.pk}/"
    assert lot.produced_on == dt.date(2026, 11, 20)
    events = list(Event.objects.order_by("event_time"))
    assert [(e.action, e.biz_step, e.disposition) for e in events] == [
        ("ADD", "commissioning", "active"),
        ("OBSERVE", "inspecting", "in_progress"),
        ("OBSERVE", "packing", "container_closed"),
        ("OBSERVE", "shipping", "in_transit"),
    ]
    first = events[0].body
    assert first["quantityList"] == [
        {"epcClass": "urn:epc:class:lgtin:8934588.006306.L2611", "quantity": 120.5, "uom": "KGM"}
    ]
    assert first["eventTimeZoneOffset"] == "+07:00"
    assert first["readPoint"] == {"id": f"urn:tdc:loc:{business_user.organisation_id}:vuon-1"}
    page = client.get(f"/truy-xuat/lo/{lot.pk}/").content.decode()
    assert "Thu hoạch, ghi nhận lô hàng" in page
    assert "20/11/2026 07:30" in page


def test_the_step_form_refuses_a_future_time_and_a_bad_lot(client, business_user, mango, farm):
    client.force_login(business_user)
    later = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(
        "/truy-xuat/cong-doan/",
        {
            "step": "harvest",
            "product": mango.pk,
            "lot_number": "lô 1",
            "place": farm.pk,
            "when": later,
            "unit": "KGM",
        },
    )

    page = response.content.decode()
    assert "Thời điểm không được ở tương lai." in page
    assert Event.objects.count() == 0
    response = client.post(
        "/truy-xuat/cong-doan/",
        {
            "step": "harvest",
            "product": mango.pk,
            "lot_number": "lô 1",
            "place": farm.pk,
            "when": "2026-11-20T07:30",
            "unit": "KGM",
        },
    )
    assert "Số lô “lô 1” chỉ gồm tối đa 20 ký tự" in response.content.decode()
    assert Lot.objects.count() == 0


def test_another_business_cannot_use_someone_elses_product(client, other_business_user, mango):
    client.force_login(other_business_user)
    PlaceFactory(owner=other_business_user.organisation)

    response = client.post(
        "/truy-xuat/cong-doan/",
        {
            "step": "harvest",
            "product": mango.pk,
            "lot_number": "L1",
            "place": 1,
            "when": "2026-11-20T07:30",
            "unit": "KGM",
        },
    )

    assert (
        "Hãy chọn một lựa chọn hợp lệ" in response.content.decode() or response.status_code == 200
    )
    assert Event.objects.count() == 0
    assert client.get(f"/truy-xuat/san-pham/{mango.pk}/sua/").status_code == 404


def test_places_without_a_gln_get_a_private_identifier(client, business_user):
    client.force_login(business_user)

    client.post("/truy-xuat/dia-diem/", {"code": "san-phoi", "name": "Sân phơi HTX"})
    bad = client.post(
        "/truy-xuat/dia-diem/", {"code": "kho", "name": "Kho", "gln": "8934588000011"}
    )
    underscore = client.post("/truy-xuat/dia-diem/", {"code": "kho_2", "name": "Kho 2"})

    place = Place.objects.get()
    assert place.identifier == f"urn:tdc:loc:{business_user.organisation_id}:san-phoi"
    assert "Mã địa điểm GLN “8934588000011” sai số kiểm tra." in bad.content.decode()
    # A slug may hold "_", a place identifier not: refused, not a broken places page.
    assert underscore.status_code == 200
    assert "chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang" in underscore.content.decode()


def test_qr_labels_encode_the_digital_link(client, business_user, mango, settings):
    settings.SITE_URL = "https://truyxuat.khanhhoa.gov.vn"
    lot = LotFactory(product=mango, produced_on=dt.date(2026, 11, 20))
    client.force_login(business_user)

    svg = client.get(f"/truy-xuat/lo/{lot.pk}/qr.svg")
    png = client.get(f"/truy-xuat/lo/{lot.pk}/qr.png")
    pdf = client.get(f"/truy-xuat/lo/{lot.pk}/nhan.pdf")

    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<?xml")
    assert png.content.startswith(b"\x89PNG")
    assert pdf["Content-Type"] == "application/pdf"
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = document.pages[0].extract_text()
        images = document.pages[0].images
    assert "Xoài cát Hòa Lộc" in text
    assert "Lô: L2611" in text
    assert "NSX: 20/11/2026" in text
    assert "https://truyxuat.khanhhoa.gov.vn/01/08934588063060/10/L2611" in text
    assert len(images) == 24


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "lo.xlsx"
    return buffer


HEADER = ["GTIN", "Số lô", "Ngày sản xuất", "Hạn sử dụng", "Số lượng", "Đơn vị"]


def test_lot_import_with_a_wrong_row_stores_nothing_and_gives_an_error_file(
    client, business_user, mango
):
    client.force_login(business_user)
    LotFactory(product=mango, number="L1")
    upload = _xlsx(
        [
            HEADER,
            ["8934588063060", "L1", "01/11/2026", "", 10, "KGM"],
            ["8934588063060", "L2", dt.date(2026, 11, 2), "20/11/2026", "12,5", ""],
            ["8934588063061", "L3", "", "", "", ""],
            ["8934588063060", "lô 4", "", "", "", ""],
            ["8934588063060", "L5", "32/11/2026", "", "", ""],
            ["8934588063060", "L6", "10/11/2026", "01/11/2026", "", ""],
            ["8934588063060", "L7", "", "", "nhiều", ""],
            ["8934588063060", "L8", "", "", "", "thùng"],
            ["4012345123456", "L9", "", "", "", ""],
            ["8934588063060", "L2", "", "", "", ""],
        ]
    )

    response = client.post("/truy-xuat/nhap-lo/", {"file": upload})

    page = response.content.decode()
    assert "Không nhập lô nào: 8 dòng có lỗi." in page
    reasons = [
        (4, "Mã GTIN “8934588063061” sai số kiểm tra."),
        (5, "Số lô “lô 4” chỉ gồm tối đa 20 ký tự"),
        (6, "ngày “32/11/2026” phải viết dd/mm/yyyy"),
        (7, "hạn sử dụng trước ngày sản xuất"),
        (8, "số lượng “nhiều” không phải một số"),
        (9, "đơn vị “thùng” không dùng được (KGM, TNE, GRM, LTR, H87, XBX)"),
        (10, "GTIN 04012345123456 không phải sản phẩm của doanh nghiệp"),
        (11, "lô L2 của GTIN 08934588063060 đã có ở dòng 3"),
    ]
    for _row, reason in reasons:
        assert reason in page
    # All or nothing: the good row 3 (L2) is not stored either.
    assert list(Lot.objects.values_list("number", flat=True)) == ["L1"]
    job = LotImport.objects.get()
    assert (job.status, job.file_name, job.created_count) == ("rejected", "lo.xlsx", 0)

    error_file = client.get(f"/truy-xuat/nhap-lo/{job.pk}/tep-loi/")
    assert f'href="/truy-xuat/nhap-lo/{job.pk}/tep-loi/"' in page
    assert error_file["Content-Disposition"] == (
        f'attachment; filename="loi-nhap-lo-{job.pk}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(error_file.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Dòng", *HEADER, "Lý do"]
    assert [(r[0], r[-1]) for r in rows[1:]][0] == (4, reasons[0][1])
    assert len(rows) == 1 + len(reasons)
    assert [r[0] for r in rows[1:]] == [row for row, _reason in reasons]
    assert all(reason in r[-1] for r, (_row, reason) in zip(rows[1:], reasons, strict=True))
    assert rows[6][1:7] == ["8934588063060", "L8", None, None, None, "thùng"]


def test_lot_import_of_right_rows_stores_every_lot(client, business_user, mango):
    client.force_login(business_user)
    LotFactory(product=mango, number="L1")
    upload = _xlsx(
        [
            HEADER,
            ["8934588063060", "L1", "01/11/2026", "", 10, "KGM"],
            ["8934588063060", "L2", dt.date(2026, 11, 2), "20/11/2026", "12,5", ""],
        ]
    )

    response = client.post("/truy-xuat/nhap-lo/", {"file": upload})

    assert "Đã thêm 1 lô, 1 lô đã có." in response.content.decode()
    added = Lot.objects.get(number="L2")
    assert (added.produced_on, added.best_before, str(added.quantity), added.unit) == (
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 20),
        "12.500",
        "KGM",
    )
    assert LotImport.objects.get().status == "done"


def test_the_error_file_of_an_import_is_only_its_business(
    client, business_user, other_business_user, mango
):
    client.force_login(business_user)
    client.post(
        "/truy-xuat/nhap-lo/", {"file": _xlsx([HEADER, ["8934588063061", "L3", "", "", "", ""]])}
    )
    job = LotImport.objects.get()
    client.force_login(other_business_user)

    assert client.get(f"/truy-xuat/nhap-lo/{job.pk}/tep-loi/").status_code == 404


def test_lot_import_refuses_a_file_that_is_not_the_template(client, business_user):
    client.force_login(business_user)

    wrong = client.post("/truy-xuat/nhap-lo/", {"file": _xlsx([["Mã", "Tên"]])})
    broken = io.BytesIO(b"PK not really")
    broken.name = "lo.xlsx"
    bad = client.post("/truy-xuat/nhap-lo/", {"file": broken})
    template = client.get("/truy-xuat/nhap-lo/mau.xlsx")

    assert (
        "Dòng tiêu đề phải là: GTIN, Số lô, Ngày sản xuất, Hạn sử dụng, Số lượng, Đơn vị."
        in wrong.content.decode()
    )
    assert bad.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in sheet[1]] == [
        "GTIN",
        "Số lô",
        "Ngày sản xuất",
        "Hạn sử dụng",
        "Số lượng",
        "Đơn vị",
    ]


# --- The public resolver ---------------------------------------------------------------------


@pytest.fixture
def journey(business_user, mango, farm):
    shop = PlaceFactory(owner=business_user.organisation, code="kho", name="Kho Nha Trang")
    for step, place, day in (("harvest", farm, 20), ("pack", farm, 21), ("ship", shop, 22)):
        record_step(
            business_user,
            step=step,
            product=mango,
            lot_number="L2611",
            place=place,
            when=dt.datetime(2026, 11, day, 8, 0, tzinfo=VIETNAM),
        )
    return Lot.objects.get()


def test_the_public_page_shows_the_lots_journey(client, journey):
    response = client.get("/01/08934588063060/10/L2611")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Xoài cát Hòa Lộc" in page
    assert "Công ty TNHH Xăng dầu Biển Xanh" in page
    assert "Hành trình của lô L2611" in page
    assert (
        page.index("Thu hoạch, ghi nhận lô hàng")
        < page.index("Đóng gói")
        < page.index("Xuất bán, gửi hàng")
    )
    assert "22/11/2026 08:00" in page
    assert "<li>Vườn xoài Cam Lâm</li><li>Kho Nha Trang</li>" in page
    client.get("/01/08934588063060/10/L2611")
    flush_page_scans()
    assert PageScan.objects.get().count == 2


def test_a_gtin_13_in_the_link_redirects_to_the_canonical_link(client, journey):
    response = client.get("/01/8934588063060/10/L2611?x=1")

    assert response.status_code == 302
    assert response.url == "/01/08934588063060/10/L2611?x=1"


def test_a_wrong_check_digit_or_an_unknown_product(client):
    wrong = client.get("/01/08934588063061")
    unknown = client.get("/01/04012345123456")

    assert wrong.status_code == 400
    assert "Mã GTIN “08934588063061” sai số kiểm tra." in wrong.content.decode()
    assert unknown.status_code == 404
    assert "Không tìm thấy sản phẩm có mã GTIN 04012345123456." in unknown.content.decode()


def test_an_unpublished_product_is_not_shown_from_the_moment_it_is_unpublished(
    client, business_user, journey
):
    assert client.get("/01/08934588063060/10/L2611").status_code == 200  # cached now
    client.force_login(business_user)

    client.post(f"/truy-xuat/san-pham/{journey.product.pk}/sua/", {"name": "Xoài cát Hòa Lộc"})

    assert Product.objects.get().published is False
    assert client.get("/01/08934588063060/10/L2611").status_code == 404


def test_events_declared_in_error_and_other_businesses_events_are_not_shown(
    client, business_user, other_business_user, journey
):
    captured(
        other_business_user,
        event(
            epcList=None,
            bizStep="receiving",
            quantityList=[{"epcClass": "urn:epc:class:lgtin:8934588.006306.L2611"}],
        ),
    )
    shipped = Event.objects.get(biz_step="shipping")
    Event.objects.filter(pk=shipped.pk).update(error_declared_at=timezone.now())

    page = client.get("/01/08934588063060/10/L2611").content.decode()

    assert "Xuất bán, gửi hàng" not in page
    assert "Nhận hàng" not in page
    assert "Đóng gói" in page


@pytest.fixture
def warning():
    def provider(gtin14):
        if gtin14 != "08934588063060":
            return []
        return [
            ProductNotice(
                "warning",
                "Cảnh báo: lô xoài nhiễm thuốc bảo vệ thực vật",
                "/canh-bao/1/",
                issued_on=dt.date(2026, 11, 25),
                serious=True,
                source="Sở KH&CN",
            ),
            ProductNotice("certification", "Chứng nhận VietGAP", "/chung-nhan/1/"),
        ]

    register_product_notices("test-traceability", provider)
    yield
    PROVIDERS.pop("test-traceability")


def test_a_serious_warning_is_said_first(client, journey, warning):
    page = client.get("/01/08934588063060/10/L2611").content.decode()

    assert page.index("Cảnh báo: lô xoài nhiễm thuốc bảo vệ thực vật") < page.index("<h1")
    assert "25/11/2026" in page
    assert "Chứng nhận VietGAP" in page


def test_link_types_and_the_linkset(client, journey, warning, settings):
    settings.SITE_URL = "https://truyxuat.khanhhoa.gov.vn"

    linkset = client.get("/01/08934588063060/10/L2611", {"linkType": "all"})
    certification = client.get("/01/08934588063060", {"linkType": "gs1:certificationInfo"})
    missing = client.get("/01/08934588063060", {"linkType": "gs1:recipeInfo"})

    assert linkset["Content-Type"] == "application/linkset+json"
    (links,) = linkset.json()["linkset"]
    assert links["anchor"] == "https://truyxuat.khanhhoa.gov.vn/01/08934588063060/10/L2611"
    assert links["https://gs1.org/voc/pip"][0]["title"] == "Xoài cát Hòa Lộc"
    assert links["https://gs1.org/voc/traceability"][0]["href"].endswith(
        "/01/08934588063060/10/L2611#hanh-trinh"
    )
    assert links["https://gs1.org/voc/certificationInfo"][0]["title"] == "Chứng nhận VietGAP"
    assert certification.status_code == 302
    assert certification.url == "http://testserver/chung-nhan/1/"
    assert missing.status_code == 404
    flush_page_scans()
    assert PageScan.objects.count() == 0


def test_a_product_known_only_by_its_warning_still_shows_it(client, warning):
    page = client.get("/01/08934588063060").content.decode()

    assert "Cảnh báo: lô xoài nhiễm thuốc bảo vệ thực vật" in page
    assert "chưa được doanh nghiệp công bố thông tin truy xuất" in page


def test_a_serial_page(client, business_user, mango):
    captured(business_user, event())

    page = client.get("/01/08934588063060/21/1001").content.decode()

    assert "Hành trình của sản phẩm số 1001" in page
    assert "Xuất bán, gửi hàng" in page


def test_administrators_read_traceability_records_in_the_admin(client, admin_user, journey):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin_user.is_staff = True
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    device = TOTPDevice.objects.create(user=admin_user, name="TĐC", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    for model in ("product", "lot", "place", "capture", "event"):
        assert client.get(f"/quan-tri/traceability/{model}/").status_code == 200
    assert client.get("/quan-tri/traceability/event/add/").status_code == 403


@pytest.fixture
def approved_warning():
    from tdc.accounts.tests.factories import UserFactory
    from tdc.surveillance import services as surveillance
    from tdc.surveillance.tests.factories import WarningFactory

    warning = WarningFactory(gtin="08934588063060", title="Cảnh báo: xoài nhiễm chất cấm")
    return surveillance.approve_warning(warning, by=UserFactory())


def test_a_published_warning_shows_on_the_very_next_request(client, journey, approved_warning):
    """The notices are cached: publishing (and withdrawing) must show on the next scan."""
    from tdc.accounts.tests.factories import UserFactory
    from tdc.surveillance import services as surveillance

    page = "/01/08934588063060/10/L2611"
    officer = UserFactory()
    before = [client.get(page).content.decode() for _ in range(2)]  # the second one is cached
    surveillance.publish_warning(approved_warning, by=officer)
    published = client.get(page).content.decode()
    surveillance.withdraw_warning(approved_warning, by=officer, reason="Đã khắc phục")
    withdrawn = client.get(page).content.decode()

    assert all("Cảnh báo: xoài nhiễm chất cấm" not in text for text in before)
    assert published.index("Cảnh báo: xoài nhiễm chất cấm") < published.index("<h1")
    assert "Cảnh báo: xoài nhiễm chất cấm" not in withdrawn


def test_a_warning_changed_outside_the_services_shows_at_once(client, journey, approved_warning):
    """The admin or a shell saves the model directly: its signal forgets the notices too."""
    page = "/01/08934588063060/10/L2611"
    client.get(page)
    approved_warning.status = approved_warning.Status.PUBLISHED
    approved_warning.save()

    assert "Cảnh báo: xoài nhiễm chất cấm" in client.get(page).content.decode()

    approved_warning.delete()

    assert "Cảnh báo: xoài nhiễm chất cấm" not in client.get(page).content.decode()


def test_the_cached_page_counts_its_scans_and_shows_a_new_step_at_once(
    client, business_user, journey, farm
):
    page = "/01/08934588063060/10/L2611"
    first, cached = client.get(page), client.get(page)  # the second is the rendered page kept
    record_step(
        business_user,
        step="preprocess",
        product=journey.product,
        lot_number="L2611",
        place=farm,
        when=dt.datetime(2026, 11, 20, 15, 0, tzinfo=VIETNAM),
    )
    after = client.get(page).content.decode()
    flush_page_scans()

    assert first.content == cached.content
    assert "Sơ chế, kiểm tra" not in cached.content.decode()
    assert "Sơ chế, kiểm tra" in after
    assert PageScan.objects.get().count == 3


def test_the_public_lot_page_declares_the_language_it_is_in(client, journey):
    client.cookies["django_language"] = "en"
    page = client.get("/01/08934588063060/10/L2611").content.decode()
    assert '<html lang="en">' in page
