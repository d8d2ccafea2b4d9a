"""The traceability API's reads and writes (test_api_matrix.py has who may call what): each
write round trip as the pages then show it, each refusal a 422 in Vietnamese with nothing
written, the uploads bounded as the pages' are, the error file through the door."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from tdc.core.models import AuditEvent
from tdc.core.uploads import MB
from tdc.traceability.models import Event, Lot, LotImport, Place, Product
from tdc.traceability.tests.factories import LotFactory, PlaceFactory, ProductFactory, auth

pytestmark = pytest.mark.django_db
API = "/api/v1/traceability"
HEADER = ["GTIN", "Số lô", "Ngày sản xuất", "Hạn sử dụng", "Số lượng", "Đơn vị"]


def _send(client, user, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.generic(
        method,
        API + path,
        data=json.dumps(body or {}),
        content_type="application/json",
        **auth(user),
    )


def _get(client, user, path: str, **query: Any) -> Any:
    return client.get(API + path, query, **auth(user))


def _upload(client, user, path: str, handle: io.BytesIO) -> Any:
    return client.post(API + path, {"file": handle}, **auth(user))


def _xlsx(rows: list[list[Any]], name: str = "lo.xlsx") -> io.BytesIO:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def _png(size: int = 4) -> io.BytesIO:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "green").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "xoai.png"
    return buffer


def _writes() -> int:
    return AuditEvent.objects.filter(action__startswith="traceability.").count()


@pytest.fixture
def mango(business_user):
    return ProductFactory(owner=business_user.organisation)


@pytest.fixture
def farm(business_user):
    return PlaceFactory(owner=business_user.organisation, code="vuon-1", name="Vườn xoài Cam Lâm")


# --- Products ----------------------------------------------------------------------------


def test_a_business_adds_a_product_that_its_page_then_shows(client, business_user):
    response = _send(
        client,
        business_user,
        "POST",
        "/products",
        {"gtin": "8934588063060", "name": "Xoài cát", "brand": "Cam Lâm"},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    product = Product.objects.get()
    assert body["id"] == product.pk
    assert (body["gtin"], body["owner_name"], body["published"], body["public_path"]) == (
        "08934588063060",
        "Công ty TNHH Xăng dầu Biển Xanh",
        True,
        "/01/08934588063060",
    )
    assert AuditEvent.objects.filter(action="traceability.product_created").count() == 1
    client.force_login(business_user)
    page = client.get(f"/truy-xuat/san-pham/{product.pk}/").content.decode()
    assert "Xoài cát" in page
    assert "Cam Lâm" in page


def test_a_wrong_or_taken_gtin_is_refused_in_vietnamese_and_nothing_is_written(
    client, business_user, mango
):
    wrong = _send(
        client, business_user, "POST", "/products", {"gtin": "8934588063061", "name": "Xoài"}
    )
    taken = _send(
        client, business_user, "POST", "/products", {"gtin": "8934588063060", "name": "Xoài"}
    )
    empty = _send(client, business_user, "POST", "/products", {"gtin": "8934588063077"})

    assert (wrong.status_code, wrong.json()) == (
        422,
        {"detail": ["Mã GTIN “8934588063061” sai số kiểm tra."]},
    )
    assert (taken.status_code, taken.json()) == (
        422,
        {"detail": ["Mã GTIN 08934588063060 đã được đăng ký."]},
    )
    assert empty.status_code == 422
    assert Product.objects.count() == 1
    assert _writes() == 0


def test_a_product_is_changed_and_unpublished_as_on_its_form(client, business_user, mango):
    LotFactory(product=mango, number="L2611")
    assert client.get("/01/08934588063060").status_code == 200

    response = _send(
        client,
        business_user,
        "PATCH",
        f"/products/{mango.pk}",
        {"name": "Xoài cát chu", "published": False},
    )

    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["published"]) == ("Xoài cát chu", False)
    mango.refresh_from_db()
    assert (mango.name, mango.brand, mango.published) == ("Xoài cát chu", "Vườn Cam Lâm", False)
    assert AuditEvent.objects.filter(action="traceability.product_updated").count() == 1
    # The public page stops showing it at once, as when the form's box is unticked.
    assert client.get("/01/08934588063060").status_code == 404


def test_a_product_change_that_breaks_a_rule_changes_nothing(client, business_user, mango):
    emptied = _send(client, business_user, "PATCH", f"/products/{mango.pk}", {"name": None})
    too_long = _send(client, business_user, "PATCH", f"/products/{mango.pk}", {"brand": "x" * 121})

    assert (emptied.status_code, emptied.json()) == (
        422,
        {"detail": ["Không thể để trống (null): name."]},
    )
    assert too_long.status_code == 422
    mango.refresh_from_db()
    assert (mango.name, mango.brand) == ("Xoài cát Hòa Lộc", "Vườn Cam Lâm")
    assert _writes() == 0


def test_another_business_neither_finds_nor_changes_the_product(client, other_business_user, mango):
    read = _get(client, other_business_user, f"/products/{mango.pk}")
    change = _send(client, other_business_user, "PATCH", f"/products/{mango.pk}", {"name": "X"})

    assert (read.status_code, read.json()) == (404, {"detail": "Không tìm thấy."})
    assert change.status_code == 404
    assert Product.objects.get().name == "Xoài cát Hòa Lộc"


def test_the_product_photo_is_bounded_as_on_the_form(client, business_user, mango):
    big = io.BytesIO(b"\x89PNG" + b"0" * (2 * MB))
    big.name = "to.png"
    text = io.BytesIO(b"not an image at all")
    text.name = "anh.png"

    too_big = _upload(client, business_user, f"/products/{mango.pk}/image", big)
    not_image = _upload(client, business_user, f"/products/{mango.pk}/image", text)
    assert (too_big.status_code, too_big.json()) == (
        422,
        {"detail": ["Tệp quá lớn (2,1 MB). Tối đa 2 MB."]},
    )
    assert not_image.status_code == 422
    assert not_image.json() == {
        "detail": [
            "Hãy tải lên một hình ảnh hợp lệ. Tập tin mà bạn đã tải không phải là hình ảnh"
            " hoặc đã bị hư hỏng."
        ]
    }
    mango.refresh_from_db()
    assert not mango.image

    fine = _upload(client, business_user, f"/products/{mango.pk}/image", _png())
    assert (fine.status_code, fine.json()["has_image"]) == (200, True)
    mango.refresh_from_db()
    assert mango.image.name.startswith("truy-xuat/san-pham/")


def test_products_are_listed_with_the_filters_in_a_stable_order(
    client, officer, business_user, other_business, mango
):
    ProductFactory(owner=business_user.organisation, gtin="08934588063077", name="Bưởi da xanh")
    ProductFactory(owner=other_business, gtin="08934588063084", name="Nước mắm", brand="Cam Thành")
    hidden = ProductFactory(
        owner=other_business, gtin="08934588063091", name="Mật ong", published=False
    )
    Product.objects.exclude(pk=hidden.pk).update(updated_at=timezone.now() - dt.timedelta(days=2))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    def names(user, **query):
        response = _get(client, user, "/products", **query)
        assert response.status_code == 200, response.content
        return [item["name"] for item in response.json()["items"]]

    assert names(officer) == ["Bưởi da xanh", "Mật ong", "Nước mắm", "Xoài cát Hòa Lộc"]
    assert names(officer, limit=2, offset=2) == ["Nước mắm", "Xoài cát Hòa Lộc"]
    assert names(officer, q="Thành") == ["Nước mắm"]
    assert names(officer, q="Xoài") == ["Xoài cát Hòa Lộc"]
    assert names(officer, q="063077") == ["Bưởi da xanh"]
    assert names(officer, published="false") == ["Mật ong"]
    assert names(officer, owner_id=other_business.pk) == ["Mật ong", "Nước mắm"]
    assert names(officer, updated_after=since) == ["Mật ong"]
    assert names(business_user) == ["Bưởi da xanh", "Xoài cát Hòa Lộc"]
    assert _get(client, officer, "/products", limit=501).status_code == 422


# --- Places ------------------------------------------------------------------------------


def test_a_business_adds_a_place_that_its_places_page_then_shows(client, business_user):
    response = _send(
        client, business_user, "POST", "/places", {"code": "san-phoi", "name": "Sân phơi HTX"}
    )

    assert response.status_code == 201, response.content
    place = Place.objects.get()
    assert response.json()["identifier"] == (
        f"urn:tdc:loc:{business_user.organisation_id}:san-phoi"
    )
    assert _get(client, business_user, f"/places/{place.pk}").json()["name"] == "Sân phơi HTX"
    assert [p["code"] for p in _get(client, business_user, "/places").json()["items"]] == [
        "san-phoi"
    ]
    client.force_login(business_user)
    assert "Sân phơi HTX" in client.get("/truy-xuat/dia-diem/").content.decode()


def test_a_wrong_place_is_refused_and_nothing_is_written(client, business_user, farm):
    bad_gln = _send(
        client,
        business_user,
        "POST",
        "/places",
        {"code": "kho", "name": "Kho", "gln": "8934588000011"},
    )
    same_code = _send(client, business_user, "POST", "/places", {"code": "vuon-1", "name": "B"})
    bad_code = _send(client, business_user, "POST", "/places", {"code": "vườn 2", "name": "C"})
    underscore = _send(client, business_user, "POST", "/places", {"code": "vuon_2", "name": "D"})

    assert (bad_gln.status_code, bad_gln.json()) == (
        422,
        {"detail": ["Mã địa điểm GLN “8934588000011” sai số kiểm tra."]},
    )
    assert same_code.status_code == 422
    assert bad_code.status_code == 422
    assert (underscore.status_code, underscore.json()) == (
        422,
        {
            "detail": [
                "Mã địa điểm “vuon_2” chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang."
            ]
        },
    )
    assert list(Place.objects.values_list("code", flat=True)) == ["vuon-1"]
    assert _writes() == 0


def test_another_business_lists_only_its_own_places(client, other_business_user, farm):
    assert _get(client, other_business_user, "/places").json() == {"items": [], "count": 0}
    assert _get(client, other_business_user, f"/places/{farm.pk}").status_code == 404


# --- Lots and steps ----------------------------------------------------------------------


def _step(**changes: Any) -> dict[str, Any]:
    when = timezone.localtime() - dt.timedelta(hours=2)
    return {
        "step": "harvest",
        "lot_number": "L2612",
        "when": when.isoformat(),
        "quantity": "1150.5",
        "unit": "KGM",
        **changes,
    }


def test_a_harvest_creates_the_lot_that_its_page_then_shows(client, business_user, mango, farm):
    response = _send(
        client,
        business_user,
        "POST",
        "/steps",
        _step(product_id=mango.pk, place_id=farm.pk),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    lot = Lot.objects.get()
    assert (body["lot"]["id"], body["lot"]["number"], body["lot"]["gtin"]) == (
        lot.pk,
        "L2612",
        "08934588063060",
    )
    assert (body["event_count"], body["new_event_count"]) == (1, 1)
    assert str(Event.objects.get().capture_id) == body["capture_id"]
    assert lot.produced_on == (timezone.localtime() - dt.timedelta(hours=2)).date()

    detail = _get(client, business_user, f"/lots/{lot.pk}").json()
    assert detail["event_count"] == 1
    assert [(s["label"], s["place"], s["quantity"]) for s in detail["journey"]] == [
        ("Thu hoạch, ghi nhận lô hàng", "Vườn xoài Cam Lâm", "1150,5 kg")
    ]
    assert detail["public_path"] == "/01/08934588063060/10/L2612"
    client.force_login(business_user)
    assert "L2612" in client.get(f"/truy-xuat/san-pham/{mango.pk}/").content.decode()


def test_a_step_without_an_offset_is_vietnam_time(client, business_user, mango, farm):
    naive = (timezone.localtime() - dt.timedelta(hours=1)).replace(tzinfo=None, microsecond=0)

    response = _send(
        client,
        business_user,
        "POST",
        "/steps",
        _step(product_id=mango.pk, place_id=farm.pk, when=naive.isoformat()),
    )

    assert response.status_code == 201, response.content
    event = Event.objects.get()
    assert event.time_zone_offset == "+07:00"
    assert timezone.localtime(event.event_time).replace(tzinfo=None) == naive


def test_a_wrong_step_is_refused_and_nothing_is_written(client, business_user, mango, farm):
    future = (timezone.now() + dt.timedelta(days=1)).isoformat()
    own = {"product_id": mango.pk, "place_id": farm.pk}

    in_future = _send(client, business_user, "POST", "/steps", _step(**own, when=future))
    bad_lot = _send(client, business_user, "POST", "/steps", _step(**own, lot_number="lô 4"))
    bad_step = _send(client, business_user, "POST", "/steps", _step(**own, step="sấy"))
    negative = _send(client, business_user, "POST", "/steps", _step(**own, quantity="-1"))

    assert (in_future.status_code, in_future.json()) == (
        422,
        {"detail": ["Thời điểm không được ở tương lai."]},
    )
    assert bad_lot.status_code == 422
    assert "Số lô “lô 4” chỉ gồm tối đa 20 ký tự" in bad_lot.json()["detail"][0]
    assert bad_step.status_code == 422
    assert negative.status_code == 422
    assert (Lot.objects.count(), Event.objects.count()) == (0, 0)
    assert _writes() == 0


def test_a_step_on_another_businesss_product_or_place_is_not_found(
    client, business_user, other_business_user, mango, farm, other_business
):
    their_place = PlaceFactory(owner=other_business, code="kho", name="Kho")
    their_product = ProductFactory(owner=other_business, gtin="08934588063077", name="Bưởi")

    on_mine = _send(
        client,
        other_business_user,
        "POST",
        "/steps",
        _step(product_id=mango.pk, place_id=their_place.pk),
    )
    at_mine = _send(
        client,
        other_business_user,
        "POST",
        "/steps",
        _step(product_id=their_product.pk, place_id=farm.pk),
    )

    assert (on_mine.status_code, at_mine.status_code) == (404, 404)
    assert (Lot.objects.count(), Event.objects.count()) == (0, 0)


def test_lots_are_listed_with_the_filters_newest_first(
    client, officer, other_province_officer, business_user, mango
):
    grapefruit = ProductFactory(
        owner=business_user.organisation, gtin="08934588063077", name="Bưởi"
    )
    old = LotFactory(product=mango, number="L1")
    LotFactory(product=mango, number="L2")
    LotFactory(product=grapefruit, number="L1")
    Lot.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=3),
        updated_at=timezone.now() - dt.timedelta(days=3),
    )
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    def lots(user, **query):
        response = _get(client, user, "/lots", **query)
        assert response.status_code == 200, response.content
        return [(item["gtin"][-2:], item["number"]) for item in response.json()["items"]]

    assert lots(officer) == [("77", "L1"), ("60", "L2"), ("60", "L1")]
    assert lots(officer, product_id=mango.pk) == [("60", "L2"), ("60", "L1")]
    assert lots(officer, gtin="8934588063077") == [("77", "L1")]
    assert lots(officer, number="L1") == [("77", "L1"), ("60", "L1")]
    assert lots(officer, updated_after=since) == [("77", "L1"), ("60", "L2")]
    assert lots(other_province_officer) == []
    wrong = _get(client, officer, "/lots", gtin="8934588063061")
    assert (wrong.status_code, wrong.json()) == (
        422,
        {"detail": ["Mã GTIN “8934588063061” sai số kiểm tra."]},
    )


# --- Lot imports -------------------------------------------------------------------------


def test_a_lot_import_through_the_api_stores_every_lot(client, business_user, mango):
    LotFactory(product=mango, number="L1")
    upload = _xlsx(
        [
            HEADER,
            ["8934588063060", "L1", "01/11/2026", "", 10, "KGM"],
            ["8934588063060", "L2", dt.date(2026, 11, 2), "20/11/2026", "12,5", ""],
        ]
    )

    response = _upload(client, business_user, "/lot-imports", upload)

    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in ("file_name", "status", "created_count", "existing_count")} == {
        "file_name": "lo.xlsx",
        "status": "done",
        "created_count": 1,
        "existing_count": 1,
    }
    assert (body["rejected_count"], body["problems"]) == (0, [])
    added = _get(client, business_user, "/lots", number="L2").json()["items"]
    assert [(lot["produced_on"], lot["best_before"], lot["quantity"]) for lot in added] == [
        ("2026-11-02", "2026-11-20", "12.500")
    ]
    listed = _get(client, business_user, "/lot-imports").json()
    assert [job["id"] for job in listed["items"]] == [body["id"]]


def test_a_lot_import_with_a_wrong_row_stores_nothing_and_gives_its_error_file(
    client, business_user, other_business_user, officer, mango
):
    upload = _xlsx(
        [
            HEADER,
            ["8934588063060", "L2", "01/11/2026", "", "", ""],
            ["8934588063061", "L3", "", "", "", ""],
            ["8934588063060", "L5", "32/11/2026", "", "", ""],
        ]
    )

    response = _upload(client, business_user, "/lot-imports", upload)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["created_count"], body["rejected_count"]) == ("rejected", 0, 2)
    assert [(p["row"], p["message"]) for p in body["problems"]] == [
        (3, "Mã GTIN “8934588063061” sai số kiểm tra."),
        (4, "ngày “32/11/2026” phải viết dd/mm/yyyy"),
    ]
    assert Lot.objects.count() == 0
    job = LotImport.objects.get()
    assert _get(client, business_user, f"/lot-imports/{job.pk}").json() == body
    assert [
        j["id"] for j in _get(client, business_user, "/lot-imports", status="done").json()["items"]
    ] == []

    errors = _get(client, business_user, f"/lot-imports/{job.pk}/errors")
    assert errors.status_code == 200
    assert errors["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert errors["Content-Disposition"] == f'attachment; filename="loi-nhap-lo-{job.pk}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(errors.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Dòng", *HEADER, "Lý do"]
    assert [(r[0], r[2], r[-1]) for r in rows[1:]] == [
        (3, "L3", "Mã GTIN “8934588063061” sai số kiểm tra."),
        (4, "L5", "ngày “32/11/2026” phải viết dd/mm/yyyy"),
    ]
    # The error file names the business's rows: nobody else downloads it.
    assert _get(client, other_business_user, f"/lot-imports/{job.pk}/errors").status_code == 404
    assert _get(client, officer, f"/lot-imports/{job.pk}/errors").status_code == 403


def test_a_lot_import_upload_is_bounded_as_the_pages_and_nothing_is_written(
    client, business_user, mango
):
    not_xlsx = io.BytesIO(b"GTIN;So lo\n")
    not_xlsx.name = "lo.csv"
    too_big = io.BytesIO(b"PK" + b"0" * (5 * MB))
    too_big.name = "lo.xlsx"
    broken = io.BytesIO(b"PK\x03\x04 not really a zip")
    broken.name = "lo.xlsx"

    answers = {
        name: _upload(client, business_user, "/lot-imports", handle)
        for name, handle in (
            ("not_xlsx", not_xlsx),
            ("too_big", too_big),
            ("broken", broken),
            ("wrong_header", _xlsx([["Mã", "Tên"]])),
        )
    }

    assert {name: r.status_code for name, r in answers.items()} == dict.fromkeys(answers, 422)
    assert answers["not_xlsx"].json() == {"detail": ["Chỉ nhận tệp .xlsx."]}
    assert answers["too_big"].json() == {"detail": ["Tệp quá lớn (5,1 MB). Tối đa 5 MB."]}
    assert answers["wrong_header"].json() == {
        "detail": [
            "Dòng tiêu đề phải là: GTIN, Số lô, Ngày sản xuất, Hạn sử dụng, Số lượng, Đơn vị."
        ]
    }
    assert (LotImport.objects.count(), Lot.objects.count()) == (0, 0)
    assert _writes() == 0
    missing = client.post(API + "/lot-imports", {}, **auth(business_user))
    assert missing.status_code == 422
