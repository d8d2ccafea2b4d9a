from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.surveillance import services
from tdc.surveillance.models import RiskLevel
from tdc.surveillance.rules.matrix import Matrix, Step, eu_matrix
from tdc.surveillance.tests.factories import ProductFactory, SampleFactory

STEPS = [
    Step("Trẻ ngậm phần sơn", Decimal("0.5")),
    Step("Chì bong ra được nuốt", Decimal("0.2")),
    Step("Phơi nhiễm lặp lại", Decimal("0.1")),
]


def test_an_assessment_keeps_every_input(officer, province):
    product = ProductFactory(province=province)

    assessment = services.assess_risk(product, hazard="Chì", steps=STEPS, severity=3, by=officer)

    assert assessment.probability == Decimal("0.01")
    assert assessment.level == RiskLevel.SERIOUS  # 1/100 is "> 1/1.000", severity 3
    assert assessment.scenario == [
        {"description": "Trẻ ngậm phần sơn", "probability": "0.5"},
        {"description": "Chì bong ra được nuốt", "probability": "0.2"},
        {"description": "Phơi nhiễm lặp lại", "probability": "0.1"},
    ]
    assert assessment.matrix_version == "EU-2019/417"


def test_a_rerun_uses_the_same_inputs_through_the_matrix_given(officer, province):
    product = ProductFactory(province=province)
    first = services.assess_risk(product, hazard="Chì", steps=STEPS, severity=3, by=officer)
    stricter = Matrix(
        version="thử-nghiệm",
        source="",
        bands=tuple(
            type(b)(b.label, b.minimum, ("low", "low", "low", "low")) for b in eu_matrix().bands
        ),
    )

    again = services.rerun_assessment(first, by=officer, matrix=stricter)

    assert (again.previous, again.probability, again.severity) == (first, first.probability, 3)
    assert (again.level, again.matrix_version) == (RiskLevel.LOW, "thử-nghiệm")
    assert services.rerun_assessment(first, by=officer).level == RiskLevel.SERIOUS


def test_a_step_without_a_description_is_refused(officer, province):
    with pytest.raises(ValidationError):
        services.assess_risk(
            ProductFactory(province=province),
            hazard="x",
            steps=[Step(" ", Decimal("0.5"))],
            severity=2,
            by=officer,
        )


def test_the_sample_must_be_of_the_product(officer, province):
    with pytest.raises(ValidationError):
        services.assess_risk(
            ProductFactory(province=province),
            hazard="x",
            steps=STEPS,
            severity=2,
            sample=SampleFactory(),
            by=officer,
        )
