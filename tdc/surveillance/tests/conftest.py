"""The world the surveillance page tests share: one of everything in the officer's province,
around the business persona's own establishment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.surveillance import services
from tdc.surveillance.models import ProductCategory
from tdc.surveillance.rules.matrix import Step
from tdc.surveillance.services.testing_bodies import register_testing_body
from tdc.surveillance.tests.factories import criterion


@pytest.fixture
def second_officer(dost):
    return UserFactory(username="kiemtra.tdc", organisation=dost, roles=[Role.TDC_OFFICER])


@pytest.fixture
def world(officer, second_officer, province, business) -> dict[str, Any]:
    toys = ProductCategory.objects.get(code="do-choi-tre-em")
    shop = services.register_establishment(
        province=province, by=officer, organisation=business, channels=["shop"], categories=[toys]
    )
    product = services.create_product(
        province=province,
        name="Xe đẩy đồ chơi sơn đỏ",
        brand="Bé Vui",
        gtin="8934567000048",
        category=toys,
        by=officer,
    )
    programme = services.create_programme(
        province=province, year=2026, title="Khảo sát đồ chơi 2026", categories=[toys], by=officer
    )
    sample = services.record_sample(
        programme,
        code="KS-001",
        product=product,
        establishment=shop,
        sampled_on=dt.date(2026, 5, 4),
        by=officer,
    )
    services.record_result(
        sample,
        criterion=criterion("Hàm lượng chì (Pb) trong lớp phủ"),
        measured="1.250",
        unit="mg/kg",
        by=officer,
    )
    services.attach_lab_report(
        sample, upload=SimpleUploadedFile("phieu.pdf", b"%PDF-1.4 demo"), by=officer
    )
    sample.refresh_from_db()
    assessment = services.assess_risk(
        product,
        hazard="Chì trong lớp sơn",
        steps=[Step("Trẻ ngậm", Decimal("0.5"))],
        severity=4,
        sample=sample,
        by=officer,
    )
    warning = services.draft_warning_from_sample(sample, by=officer, hazard="Chì vượt mức.")
    services.approve_warning(warning, by=second_officer)
    services.publish_warning(warning, by=officer)
    plan = services.generate_plan(province=province, year=2026, budget=1, seed=1, by=officer)
    item = plan.items.get()
    inspection = services.schedule_inspection(
        shop, inspected_on=dt.date(2026, 10, 1), team="Trần Thị Thu", by=officer, plan_item=item
    )
    return {
        "establishment": shop,
        "product": product,
        "programme": programme,
        "sample": sample,
        "assessment": assessment,
        "warning": warning,
        "plan": plan,
        "item": item,
        "inspection": inspection,
    }


@pytest.fixture
def testing_body(world, officer, province):
    """The province's testing centre (kept out of `world`, whose plan it would join)."""
    laboratory = register_testing_body(
        province=province, by=officer, name="Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng"
    )
    world["testing_body"] = laboratory.organisation
    return laboratory.organisation
