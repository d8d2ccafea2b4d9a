from decimal import Decimal

import pytest

from tdc.surveillance.rules.priority import priority, signal_factor, smoothed_rate


def test_one_failing_sample_of_three_is_not_a_third():
    assert smoothed_rate(1, 3) == Decimal("0.25")


def test_an_untested_category_reads_the_prior():
    assert smoothed_rate(0, 0) == Decimal("0.2")


def test_many_samples_approach_the_observed_rate():
    assert smoothed_rate(300, 1000) == Decimal(301) / Decimal(1005)


def test_a_rate_needs_failed_within_tested():
    with pytest.raises(ValueError, match="between"):
        smoothed_rate(4, 3)


def test_signal_factor_grows_then_caps():
    assert [signal_factor(n) for n in (0, 1, 4, 10)] == [
        Decimal(1),
        Decimal("1.25"),
        Decimal(2),
        Decimal(2),
    ]


def test_priority_is_the_product_of_its_terms():
    p = priority(
        category_id=1,
        name="Đồ chơi trẻ em",
        severity_weight=Decimal(4),
        failed=1,
        tested=3,
        exposure=Decimal("1.2"),
        signals=1,
    )

    assert (p.rate, p.signal, p.value, p.rate_percent) == (
        Decimal("0.25"),
        Decimal("1.25"),
        Decimal("1.5000"),
        Decimal("25.0"),
    )
