"""Factories for every surveillance model the tests use. Categories and criteria come from the
data migration (tdc/surveillance/data/categories.json)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory, ProvinceFactory, UserFactory
from tdc.core.text import fold
from tdc.surveillance.models import (
    ConsumerWarning,
    Criterion,
    Establishment,
    Inspection,
    InspectionPlan,
    PlanItem,
    Product,
    ProductCategory,
    RiskAssessment,
    RiskLevel,
    Sample,
    SurveyProgramme,
    TestResult,
    Violation,
)


def category(code: str = "do-choi-tre-em") -> ProductCategory:
    return ProductCategory.objects.get(code=code)


def criterion(name: str, code: str = "do-choi-tre-em") -> Criterion:
    return Criterion.objects.get(category__code=code, name=name)


class ProductFactory(DjangoModelFactory[Product]):
    class Meta:
        model = Product

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Đồ chơi thử nghiệm {n}")
    brand = "Bé Vui"
    category = factory.LazyFunction(category)
    model = ""
    gtin = ""
    risk_class = Product.RiskClass.HIGH
    search_key = factory.LazyAttribute(lambda p: fold(f"{p.name} {p.brand} {p.model} {p.gtin}"))


class EstablishmentFactory(DjangoModelFactory[Establishment]):
    class Meta:
        model = Establishment

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=Organisation.Kind.BUSINESS,
        name=factory.Sequence(lambda n: f"Cửa hàng Thử nghiệm {n}"),
    )
    province = factory.LazyAttribute(lambda e: e.organisation.province)
    channels: Any = factory.LazyFunction(lambda: ["shop"])
    volume = Establishment.Volume.SMALL


class ProgrammeFactory(DjangoModelFactory[SurveyProgramme]):
    class Meta:
        model = SurveyProgramme

    province = factory.SubFactory(ProvinceFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.Sequence(lambda n: f"Khảo sát chất lượng {n}")
    created_by = factory.SubFactory(UserFactory)


class SampleFactory(DjangoModelFactory[Sample]):
    class Meta:
        model = Sample

    programme = factory.SubFactory(ProgrammeFactory)
    province = factory.LazyAttribute(lambda s: s.programme.province)
    code = factory.Sequence(lambda n: f"M-{n:03d}")
    product = factory.SubFactory(ProductFactory, province=factory.SelfAttribute("..province"))
    establishment = factory.SubFactory(
        EstablishmentFactory, organisation__province=factory.SelfAttribute("...province")
    )
    sampled_on = factory.LazyFunction(timezone.localdate)


class ResultFactory(DjangoModelFactory[TestResult]):
    class Meta:
        model = TestResult

    sample = factory.SubFactory(SampleFactory)
    criterion = factory.LazyFunction(lambda: criterion("Hàm lượng chì (Pb) trong lớp phủ"))
    measured_text = "10"
    measured_value = Decimal(10)
    unit = "mg/kg"
    conforming = True
    recorded_by = factory.SubFactory(UserFactory)


class AssessmentFactory(DjangoModelFactory[RiskAssessment]):
    class Meta:
        model = RiskAssessment

    product = factory.SubFactory(ProductFactory)
    province = factory.LazyAttribute(lambda a: a.product.province)
    hazard = "Chì trong lớp sơn"
    scenario: Any = factory.LazyFunction(
        lambda: [{"description": "Trẻ ngậm", "probability": "0.5"}]
    )
    severity = 4
    probability = Decimal("0.5")
    level = RiskLevel.SERIOUS
    matrix_version = "EU-2019/417"
    assessed_by = factory.SubFactory(UserFactory)


class WarningFactory(DjangoModelFactory[ConsumerWarning]):
    class Meta:
        model = ConsumerWarning

    product = factory.SubFactory(ProductFactory)
    province = factory.LazyAttribute(lambda w: w.product.province)
    reference = factory.Sequence(lambda n: f"CB-T{n:06d}")
    title = factory.LazyAttribute(lambda w: f"Cảnh báo: {w.product.name}")
    risk_level = RiskLevel.SERIOUS
    hazard = "Lớp sơn chứa chì vượt giới hạn."
    gtin = factory.LazyAttribute(lambda w: w.product.gtin)
    search_key = factory.LazyAttribute(
        lambda w: fold(f"{w.title} {w.product.name} {w.product.brand} {w.product.gtin}")
    )
    drafted_by = factory.SubFactory(UserFactory)


class PlanFactory(DjangoModelFactory[InspectionPlan]):
    class Meta:
        model = InspectionPlan

    province = factory.SubFactory(ProvinceFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    budget = 10
    seed = 42
    created_by = factory.SubFactory(UserFactory)


class PlanItemFactory(DjangoModelFactory[PlanItem]):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    establishment = factory.SubFactory(
        EstablishmentFactory, organisation__province=factory.SelfAttribute("...plan.province")
    )
    reason = PlanItem.Reason.SCORE
    rank = factory.Sequence(lambda n: n + 1)
    score = 60
    risk_category = "B"


class InspectionFactory(DjangoModelFactory[Inspection]):
    class Meta:
        model = Inspection

    establishment = factory.SubFactory(EstablishmentFactory)
    province = factory.LazyAttribute(lambda i: i.establishment.province)
    inspected_on = factory.LazyFunction(timezone.localdate)
    team = "Trưởng đoàn: Trần Thị Thu"
    created_by = factory.SubFactory(UserFactory)


class ViolationFactory(DjangoModelFactory[Violation]):
    class Meta:
        model = Violation

    inspection = factory.SubFactory(InspectionFactory, status=Inspection.Status.DONE)
    description = "Không có dấu hợp quy"
    legal_basis = "Khoản 2 Điều 21 Nghị định 119/2017/NĐ-CP"
