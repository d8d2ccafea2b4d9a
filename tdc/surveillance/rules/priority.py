"""Next year's survey priorities: severity weight × smoothed non-conformity rate × exposure ×
signal factor, every term kept so the page can show it.

The rate is smoothed towards the province's prior with a Beta(α, β) prior (additive, "Laplace"
smoothing): (failed + α) / (tested + α + β). With α = 1, β = 4 (a prior of 20 %), one failing
sample of three reads 25 %, not 33 %; ten of thirty reads 31 %; no sample at all reads the
prior, 20 %, so an untested category is not ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ALPHA = Decimal(1)
BETA = Decimal(4)
SIGNAL_STEP = Decimal("0.25")  # each published warning or credible report in the category
SIGNAL_CAP = Decimal(2)


def smoothed_rate(failed: int, tested: int) -> Decimal:
    if failed < 0 or tested < failed:
        raise ValueError("failed must be between 0 and tested")
    return (Decimal(failed) + ALPHA) / (Decimal(tested) + ALPHA + BETA)


def signal_factor(signals: int) -> Decimal:
    return min(SIGNAL_CAP, Decimal(1) + SIGNAL_STEP * max(signals, 0))


@dataclass(frozen=True)
class Priority:
    category_id: int
    name: str
    severity_weight: Decimal
    failed: int
    tested: int
    rate: Decimal
    exposure: Decimal
    signals: int
    signal: Decimal
    value: Decimal

    @property
    def rate_percent(self) -> Decimal:
        return (self.rate * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def priority(
    *,
    category_id: int,
    name: str,
    severity_weight: Decimal,
    failed: int,
    tested: int,
    exposure: Decimal,
    signals: int,
) -> Priority:
    rate = smoothed_rate(failed, tested)
    signal = signal_factor(signals)
    value = (severity_weight * rate * exposure * signal).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )
    return Priority(
        category_id=category_id,
        name=name,
        severity_weight=severity_weight,
        failed=failed,
        tested=tested,
        rate=rate,
        exposure=exposure,
        signals=signals,
        signal=signal,
        value=value,
    )
