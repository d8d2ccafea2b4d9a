from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.surveillance.rules.matrix import Step, eu_matrix, parse_probability, scenario_probability

# Every cell of the EU table (Decision (EU) 2019/417): probability band × severity 1..4.
CELLS = [
    ("0.6", ["high", "serious", "serious", "serious"]),
    ("0.2", ["medium", "serious", "serious", "serious"]),
    ("0.02", ["medium", "serious", "serious", "serious"]),
    ("0.002", ["low", "high", "serious", "serious"]),
    ("0.0002", ["low", "medium", "high", "serious"]),
    ("0.00002", ["low", "low", "medium", "high"]),
    ("0.000002", ["low", "low", "low", "medium"]),
    ("0.0000002", ["low", "low", "low", "low"]),
]


@pytest.mark.parametrize(("probability", "levels"), CELLS)
def test_every_cell_of_the_risk_matrix(probability, levels):
    matrix = eu_matrix()

    got = [matrix.level(severity=s, probability=Decimal(probability)) for s in (1, 2, 3, 4)]

    assert got == levels


def test_a_band_boundary_belongs_to_the_lower_band():
    # "> 1/100": exactly 1/100 is in the band below.
    assert eu_matrix().band_for(Decimal("0.01")).label == "> 1/1.000"


def test_the_matrix_is_data():
    matrix = eu_matrix()
    assert matrix.version == "EU-2019/417"
    assert len(matrix.bands) == 8


def test_severity_outside_1_to_4_is_refused():
    with pytest.raises(ValidationError):
        eu_matrix().level(severity=5, probability=Decimal("0.5"))


def test_scenario_probability_is_the_product_of_its_steps():
    steps = [Step("a", Decimal("0.5")), Step("b", Decimal("0.2")), Step("c", Decimal("0.1"))]

    assert scenario_probability(steps) == Decimal("0.01")


@pytest.mark.parametrize("bad", ["0", "1.5", "-0.1"])
def test_a_step_probability_outside_0_1_is_refused(bad):
    with pytest.raises(ValidationError):
        scenario_probability([Step("a", Decimal(bad))])


def test_a_scenario_needs_a_step():
    with pytest.raises(ValidationError):
        scenario_probability([])


@pytest.mark.parametrize(
    ("text", "value"), [("1/100", "0.01"), ("0,25", "0.25"), ("10%", "0.1"), ("1/1.000", "0.001")]
)
def test_parse_probability(text, value):
    assert parse_probability(text) == Decimal(value)


def test_parse_probability_refuses_words():
    with pytest.raises(ValidationError):
        parse_probability("hiếm")


@pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "-inf", "1/0", "0/0"])
def test_parse_probability_refuses_what_is_not_a_finite_number(text):
    # "NaN" used to pass and then break the comparison with 0 (a server error).
    with pytest.raises(ValidationError) as refused:
        parse_probability(text)
    assert refused.value.messages == [
        f"“{text}” không phải là một xác suất (ví dụ 1/100 hoặc 0,01)."
    ]
