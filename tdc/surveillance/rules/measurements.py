"""A measured value as a laboratory writes it, read against a criterion's limits.

Laboratories write "0,12", "1.250,5", "<0,01" (below the limit of quantification) or "KPH"
(*không phát hiện*, not detected). The verdict follows the simple acceptance rule (ILAC-G8:
the measured value itself against the limit; the uncertainty is kept with the result). A unit
is converted only between units of one dimension (g/kg → mg/kg); "mg/kg" against "%" is
refused, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.core.text import fold

NOT_DETECTED = {"kph", "khong phat hien", "nd", "not detected", "n.d."}

# unit (folded) → (base unit, factor to the base unit)
_UNITS: dict[str, tuple[str, Decimal]] = {
    "mg/kg": ("mg/kg", Decimal(1)),
    "ppm": ("mg/kg", Decimal(1)),
    "g/kg": ("mg/kg", Decimal(1000)),
    "µg/kg": ("mg/kg", Decimal("0.001")),
    "ug/kg": ("mg/kg", Decimal("0.001")),
    "ppb": ("mg/kg", Decimal("0.001")),
    "%": ("%", Decimal(1)),
    "g/100g": ("%", Decimal(1)),
    "mg/l": ("mg/l", Decimal(1)),
    "µg/l": ("mg/l", Decimal("0.001")),
    "ug/l": ("mg/l", Decimal("0.001")),
    "g/l": ("mg/l", Decimal(1000)),
}

_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*(,\d+)?$|^[+-]?\d+([.,]\d+)?$")


def parse_number(text: str) -> Decimal:
    """ "0,12" → 0.12; "1.250,5" → 1250.5; "0.12" → 0.12. ValidationError otherwise."""
    cleaned = text.strip().replace(" ", "")
    if not _NUMBER.match(cleaned):
        raise ValidationError(
            _("“%(value)s” không phải là một số (ví dụ 0,12).") % {"value": text},
            code="not_a_number",
        )
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") == 1 and re.match(r"^[+-]?\d{1,3}\.\d{3}$", cleaned):
        # "1.250" is ambiguous; Vietnamese laboratories group thousands with a dot.
        cleaned = cleaned.replace(".", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise ValidationError(_("Không đọc được số."), code="not_a_number") from error


@dataclass(frozen=True)
class Reading:
    """What a laboratory's result says: a value, a "below x", or "not detected"."""

    text: str
    value: Decimal | None = None
    below: Decimal | None = None
    not_detected: bool = False


def read_measurement(text: str) -> Reading:
    raw = (text or "").strip()
    if not raw:
        raise ValidationError(_("Chưa có kết quả đo."), code="empty")
    if fold(raw) in NOT_DETECTED:
        return Reading(text=raw, not_detected=True)
    if raw[0] in "<≤":
        return Reading(text=raw, below=parse_number(raw[1:].lstrip("=")))
    return Reading(text=raw, value=parse_number(raw))


def unit_factor(reported: str, expected: str) -> Decimal:
    """The factor turning a value in `reported` units into `expected` units."""
    left, right = fold(reported).replace(" ", ""), fold(expected).replace(" ", "")
    if left == right:
        return Decimal(1)
    a, b = _UNITS.get(left), _UNITS.get(right)
    if a is None or b is None or a[0] != b[0]:
        raise ValidationError(
            _("Đơn vị %(reported)s không khớp với đơn vị của chỉ tiêu (%(expected)s).")
            % {"reported": reported, "expected": expected},
            code="unit_mismatch",
        )
    return a[1] / b[1]


def conforms(
    reading: Reading,
    *,
    factor: Decimal = Decimal(1),
    limit_min: Decimal | None,
    limit_max: Decimal | None,
) -> bool:
    """Does the reading meet [limit_min, limit_max]? ValidationError when it cannot say."""
    if reading.not_detected:
        # Nothing found meets a maximum and fails a minimum.
        return limit_min is None
    if reading.below is not None:
        bound = reading.below * factor
        if limit_min is not None:
            return False
        assert limit_max is not None  # noqa: S101  (a criterion has at least one limit)
        if bound <= limit_max:
            return True
        raise ValidationError(
            _(
                "Kết quả “%(text)s” không kết luận được: giới hạn định lượng cao hơn mức "
                "giới hạn %(limit)s."
            )
            % {"text": reading.text, "limit": _decimal_text(limit_max)},
            code="inconclusive",
        )
    assert reading.value is not None  # noqa: S101
    value = reading.value * factor
    if limit_min is not None and value < limit_min:
        return False
    return not (limit_max is not None and value > limit_max)


def _decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def limit_text(limit_min: Decimal | None, limit_max: Decimal | None, unit: str) -> str:
    """ "≤ 0,5 mg/kg", "≥ 92", "6,5 – 8,5 %"."""
    if limit_min is not None and limit_max is not None:
        return f"{_decimal_text(limit_min)} – {_decimal_text(limit_max)} {unit}".strip()
    if limit_max is not None:
        return f"≤ {_decimal_text(limit_max)} {unit}".strip()
    assert limit_min is not None  # noqa: S101
    return f"≥ {_decimal_text(limit_min)} {unit}".strip()
