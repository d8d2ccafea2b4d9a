"""Equipment and measurement standards: calibration reminders, the traceability chain and its
picture."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.capacity.chain import chain_svg
from tdc.capacity.models import Equipment, MeasurementStandard
from tdc.capacity.queries import traceability_chain
from tdc.capacity.services import record_equipment, record_standard, send_calibration_reminders
from tdc.capacity.tests.factories import EquipmentFactory, StandardFactory

TODAY = dt.date(2026, 3, 1)


def test_reminders_go_once_per_due_date_to_the_provinces_officers(dost, officer, mailoutbox):
    UserFactory(username="khac", organisation=dost, roles=[Role.AGENCY_REPORTER])
    EquipmentFactory(holder=dost, name="Cân phân tích", calibration_due_on=dt.date(2026, 3, 20))
    EquipmentFactory(holder=dost, name="Xa", calibration_due_on=dt.date(2026, 5, 1))
    EquipmentFactory(
        holder=dost,
        name="Đã thanh lý",
        calibration_due_on=dt.date(2026, 3, 2),
        status=Equipment.Status.RETIRED,
    )
    StandardFactory(holder=dost, name="Quả cân F1", calibration_due_on=dt.date(2026, 2, 20))

    run = send_calibration_reminders(today=TODAY)
    again = send_calibration_reminders(today=TODAY)

    assert (run.equipment, run.standards) == (1, 1)
    assert (again.equipment, again.standards) == (0, 0)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [officer.email]
    assert mailoutbox[0].body.splitlines() == [
        "Các mục sau đến hạn hiệu chuẩn trong 30 ngày tới:",
        "- Thiết bị: Cân phân tích — hạn hiệu chuẩn 20/03/2026",
        "- Chuẩn đo lường: Quả cân F1 — hạn hiệu chuẩn 20/02/2026",
    ]


def test_a_new_due_date_is_reminded_again(dost, officer, mailoutbox):
    item = EquipmentFactory(holder=dost, calibration_due_on=dt.date(2026, 3, 20))
    send_calibration_reminders(today=TODAY)
    item.calibration_due_on = dt.date(2027, 3, 20)
    item.save()
    assert send_calibration_reminders(today=dt.date(2027, 3, 1)).equipment == 1


def test_record_equipment_takes_the_holders_province(dost, officer):
    item = record_equipment(
        holder=dost,
        by=officer,
        name="Thiết bị đo nhanh độ ẩm nông sản",
        category=Equipment.Category.MOBILE,
        quantity=2,
        cost=Decimal("80000000"),
        funding=Equipment.Funding.PROVINCE,
        bought_on=dt.date(2026, 2, 1),
    )
    assert (item.province_id, item.quantity) == (dost.province_id, 2)


@pytest.fixture
def chain(dost, province):
    national = StandardFactory(
        holder=None,
        holder_name="Viện Đo lường Việt Nam",
        name="Chuẩn quốc gia khối lượng",
        level=MeasurementStandard.Level.NATIONAL,
        province=province,
    )
    reference = StandardFactory(
        holder=dost, name="Quả cân chuẩn E2", level="reference", traced_to=national
    )
    working = StandardFactory(holder=dost, name="Quả cân F1 <20 kg>", traced_to=reference)
    return national, reference, working


def test_the_chain_goes_up_to_the_national_standard(chain):
    national, reference, working = chain
    assert traceability_chain(working) == [working, reference, national]


def test_the_chain_is_drawn_top_down_and_escaped(chain):
    national, reference, working = chain
    svg = chain_svg(traceability_chain(working))
    assert svg.index("Chuẩn quốc gia khối lượng") < svg.index("Quả cân chuẩn E2")
    assert svg.index("Quả cân chuẩn E2") < svg.index("Quả cân F1")
    assert "Quả cân F1 &lt;20 kg&gt;" in svg
    assert "<script" not in svg
    assert "style=" not in svg
    assert svg.count("<rect") == 3
    assert svg.count("<polygon") == 2


def test_the_standard_page_shows_the_picture_as_an_image(client, officer, chain):
    client.force_login(officer)
    working = chain[2]
    text = client.get(f"/nang-luc/chuan-do-luong/{working.pk}/").content.decode()
    start = text.index('src="data:image/svg+xml;base64,') + len('src="data:image/svg+xml;base64,')
    image = base64.b64decode(text[start : text.index('"', start)]).decode()
    assert "Viện Đo lường Việt Nam" in image
    assert "Chuỗi dẫn xuất chưa lên tới chuẩn quốc gia" not in text


def test_a_chain_without_the_national_standard_is_flagged(client, officer, dost):
    lone = StandardFactory(holder=dost)
    client.force_login(officer)
    text = client.get(f"/nang-luc/chuan-do-luong/{lone.pk}/").content.decode()
    assert "Chuỗi dẫn xuất chưa lên tới chuẩn quốc gia" in text


def test_a_national_standard_is_traced_to_nothing(chain, officer, province):
    with pytest.raises(ValidationError):
        record_standard(
            holder=None,
            province_id=province.pk,
            traced_to=chain[0],
            by=officer,
            name="Chuẩn quốc gia thứ hai",
            quantity="Khối lượng",
            level=MeasurementStandard.Level.NATIONAL,
            holder_name="Viện",
        )


def test_the_standard_form_records_a_standard(client, officer, chain):
    client.force_login(officer)
    response = client.post(
        "/nang-luc/chuan-do-luong/them/",
        {
            "name": "Bình chuẩn kim loại 20 L",
            "quantity": "Thể tích",
            "level": "working",
            "holder": str(chain[1].holder_id),
            "traced_to": str(chain[1].pk),
            "calibration_due_on": "2026-12-31",
        },
    )
    standard = MeasurementStandard.objects.get(name="Bình chuẩn kim loại 20 L")
    assert response.status_code == 302
    assert (standard.traced_to_id, standard.calibration_due_on) == (
        chain[1].pk,
        dt.date(2026, 12, 31),
    )


def test_the_equipment_form_records_and_lists(client, officer, dost):
    client.force_login(officer)
    client.post(
        "/nang-luc/thiet-bi/them/",
        {
            "holder": str(dost.pk),
            "name": "Bộ kit thử nhanh formol",
            "category": "rapid_test",
            "quantity": "5",
            "cost": "12000000",
            "funding": "province",
            "bought_on": "2026-02-10",
            "status": "in_use",
        },
    )
    text = client.get("/nang-luc/thiet-bi/").content.decode()
    assert "Bộ kit thử nhanh formol" in text
    assert "12.000.000" in text
