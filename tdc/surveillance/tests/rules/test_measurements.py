from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.surveillance.rules.measurements import (
    conforms,
    limit_text,
    parse_number,
    read_measurement,
    unit_factor,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0,12", "0.12"), ("1.250,5", "1250.5"), ("1.250", "1250"), ("0.12", "0.12"), ("95", "95")],
)
def test_parse_number_reads_vietnamese_and_plain_decimals(text, value):
    assert parse_number(text) == Decimal(value)


def test_parse_number_refuses_text():
    with pytest.raises(ValidationError) as error:
        parse_number("khoảng 5")

    assert error.value.messages == ["“khoảng 5” không phải là một số (ví dụ 0,12)."]


def test_read_measurement_knows_not_detected_and_below_limits():
    assert read_measurement("KPH").not_detected
    assert read_measurement("không phát hiện").not_detected
    assert read_measurement("<0,01").below == Decimal("0.01")
    assert read_measurement("12,5").value == Decimal("12.5")


def test_read_measurement_refuses_an_empty_result():
    with pytest.raises(ValidationError):
        read_measurement("  ")


def test_not_detected_meets_a_maximum_and_fails_a_minimum():
    nd = read_measurement("KPH")
    assert conforms(nd, limit_min=None, limit_max=Decimal(90)) is True
    assert conforms(nd, limit_min=Decimal(92), limit_max=None) is False


def test_below_a_quantification_limit_under_the_maximum_conforms():
    assert conforms(read_measurement("<0,01"), limit_min=None, limit_max=Decimal("0.05")) is True


def test_below_a_quantification_limit_above_the_maximum_cannot_be_decided():
    with pytest.raises(ValidationError) as error:
        conforms(read_measurement("<0,1"), limit_min=None, limit_max=Decimal("0.05"))

    assert "không kết luận được" in error.value.messages[0]


def test_values_are_judged_against_both_limits():
    assert conforms(read_measurement("95,2"), limit_min=Decimal(92), limit_max=None) is True
    assert conforms(read_measurement("91,4"), limit_min=Decimal(92), limit_max=None) is False
    assert conforms(read_measurement("91"), limit_min=None, limit_max=Decimal(90)) is False
    assert conforms(read_measurement("90"), limit_min=None, limit_max=Decimal(90)) is True


def test_units_convert_within_a_dimension_only():
    assert unit_factor("g/kg", "mg/kg") == Decimal(1000)
    assert unit_factor("ppm", "mg/kg") == Decimal(1)
    assert unit_factor("MG/KG", "mg/kg") == Decimal(1)
    with pytest.raises(ValidationError) as error:
        unit_factor("mg/kg", "%")
    assert error.value.messages == ["Đơn vị mg/kg không khớp với đơn vị của chỉ tiêu (%)."]


def test_a_converted_value_is_judged_in_the_criterion_unit():
    factor = unit_factor("g/kg", "mg/kg")
    assert conforms(read_measurement("0,1"), factor=factor, limit_min=None, limit_max=Decimal(140))
    assert not conforms(
        read_measurement("0,2"), factor=factor, limit_min=None, limit_max=Decimal(140)
    )


def test_limit_text_reads_the_vietnamese_way():
    assert limit_text(None, Decimal("0.750000"), "mA") == "≤ 0,75 mA"
    assert limit_text(Decimal(92), None, "RON") == "≥ 92 RON"
    assert limit_text(Decimal("6.5"), Decimal("8.5"), "") == "6,5 – 8,5"
