"""The EU risk matrix, read from data (`data/eu_risk_matrix.json`), and an assessment's arithmetic:
the probability of the injury scenario is the product of its steps' probabilities."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MATRIX_FILE = Path(__file__).resolve().parent.parent / "data" / "eu_risk_matrix.json"


@dataclass(frozen=True)
class Band:
    label: str
    minimum: Decimal
    levels: tuple[str, ...]  # one per severity 1..4


@dataclass(frozen=True)
class Matrix:
    version: str
    source: str
    bands: tuple[Band, ...]

    def band_for(self, probability: Decimal) -> Band:
        for band in self.bands[:-1]:
            if probability > band.minimum:
                return band
        return self.bands[-1]

    def level(self, *, severity: int, probability: Decimal) -> str:
        if severity not in (1, 2, 3, 4):
            raise ValidationError(_("Mức độ nghiêm trọng phải từ 1 đến 4."), code="severity")
        return self.band_for(probability).levels[severity - 1]


def matrix_from(data: dict[str, Any]) -> Matrix:
    bands = tuple(
        Band(label=b["label"], minimum=Decimal(str(b["min"])), levels=tuple(b["levels"]))
        for b in data["bands"]
    )
    return Matrix(version=data["version"], source=data["source"], bands=bands)


@cache
def eu_matrix() -> Matrix:
    return matrix_from(json.loads(MATRIX_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Step:
    description: str
    probability: Decimal  # 0 < p ≤ 1


def scenario_probability(steps: list[Step]) -> Decimal:
    """The product of the steps' probabilities (each in (0, 1])."""
    if not steps:
        raise ValidationError(_("Kịch bản gây thương tích cần ít nhất một bước."), code="no_steps")
    total = Decimal(1)
    for index, step in enumerate(steps, start=1):
        if not (Decimal(0) < step.probability <= Decimal(1)):
            raise ValidationError(
                _("Xác suất của bước %(n)s phải lớn hơn 0 và không quá 1.") % {"n": index},
                code="probability",
            )
        total *= step.probability
    return total


def parse_probability(text: str) -> Decimal:
    """ "1/100", "0,01", "10%" → Decimal. ValidationError otherwise."""
    raw = text.strip().replace(" ", "").replace(",", ".")
    refused = ValidationError(
        _("“%(value)s” không phải là một xác suất (ví dụ 1/100 hoặc 0,01).") % {"value": text},
        code="probability",
    )
    try:
        if raw.endswith("%"):
            value = Decimal(raw[:-1]) / 100
        elif "/" in raw:
            top, bottom = raw.split("/", 1)
            value = Decimal(top.replace(".", "")) / Decimal(bottom.replace(".", ""))
        else:
            value = Decimal(raw)
    except (ArithmeticError, ValueError) as error:
        raise refused from error
    if not value.is_finite():  # "NaN" or "Infinity" would break the comparisons that follow
        raise refused
    return value
