import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.metrology.tests.factories import CommuneFactory, instrument
from tdc.surveillance import services
from tdc.surveillance.models import Inspection, Sample
from tdc.surveillance.tests.factories import EstablishmentFactory, PlanItemFactory, SampleFactory


@pytest.fixture
def shop(province, business):
    return services.register_establishment(province=province, by=None, organisation=business)


def test_the_instruments_are_picked_from_the_register(shop, officer, province):
    commune = CommuneFactory(province=province)
    pump = instrument(shop.organisation, commune, serial="CX-001")
    foreign = instrument(
        EstablishmentFactory(organisation__province=province).organisation, commune, serial="CX-999"
    )
    inspection = services.schedule_inspection(
        shop, inspected_on=dt.date(2026, 10, 1), team="Trần Thị Thu", by=officer
    )

    offered = services.instruments_of(shop, user=officer)
    assert [i["id"] for i in offered] == [pump.pk]
    with pytest.raises(ValidationError):
        services.record_inspection_result(
            inspection, by=officer, findings="x", instrument_ids=[foreign.pk]
        )

    services.record_inspection_result(
        inspection,
        by=officer,
        findings="Đã kiểm tra cột đo.",
        instrument_ids=[pump.pk],
        checked_labels=True,
        follow_up_on=dt.date(2026, 11, 1),
    )

    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.DONE
    assert inspection.instruments == offered


def test_violations_need_a_done_inspection_and_a_decision_for_a_fine(shop, officer):
    inspection = services.schedule_inspection(
        shop, inspected_on=dt.date(2026, 10, 1), team="Trần Thị Thu", by=officer
    )
    with pytest.raises(ValidationError):
        services.add_violation(inspection, by=officer, description="x", legal_basis="y")
    services.record_inspection_result(inspection, by=officer, findings="Có vi phạm.")

    with pytest.raises(ValidationError) as error:
        services.add_violation(
            inspection,
            by=officer,
            description="Không dấu hợp quy",
            legal_basis="Khoản 2 Điều 21 Nghị định 119/2017/NĐ-CP",
            fine_amount=Decimal(5000000),
        )
    assert error.value.message_dict == {"decision_number": ["Nhập số quyết định xử phạt."]}

    violation = services.add_violation(
        inspection,
        by=officer,
        description="Không dấu hợp quy",
        legal_basis="Khoản 2 Điều 21 Nghị định 119/2017/NĐ-CP",
        fine_amount=Decimal(5000000),
        decision_number="01/QĐ-XPHC",
    )
    assert violation.fine_amount == Decimal(5000000)


def test_an_inspection_checks_its_inputs(shop, officer):
    with pytest.raises(ValidationError):
        services.schedule_inspection(shop, inspected_on=dt.date(2026, 10, 1), team=" ", by=officer)
    with pytest.raises(ValidationError):
        services.schedule_inspection(
            shop,
            inspected_on=dt.date(2026, 10, 1),
            team="A",
            by=officer,
            plan_item=PlanItemFactory(),
        )
    inspection = services.schedule_inspection(
        shop, inspected_on=dt.date(2026, 10, 1), team="A", by=officer
    )
    with pytest.raises(ValidationError):
        services.record_inspection_result(
            inspection, by=officer, findings="x", follow_up_on=dt.date(2026, 9, 1)
        )
    elsewhere = Sample.objects.get(pk=SampleFactory().pk)
    with pytest.raises(ValidationError):
        services.record_inspection_result(inspection, by=officer, findings="x", samples=[elsewhere])
