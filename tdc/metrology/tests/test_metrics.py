import datetime as dt
from decimal import Decimal

import pytest

from tdc.core.metrics import MetricScope, compute_metric
from tdc.metrology.tests.factories import instrument, verify

pytestmark = pytest.mark.django_db
YEAR = MetricScope(province_id=56, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))


def test_verified_on_time_share_counts_renewals_by_the_previous_due_date(
    business, nha_trang, centre
):
    on_time = instrument(business, nha_trang, serial="A")
    verify(on_time, dt.date(2025, 2, 10), stamp="A1")  # due 10/02/2026
    verify(on_time, dt.date(2026, 2, 10), stamp="A2")  # on the day: on time
    late = instrument(business, nha_trang, serial="B")
    verify(late, dt.date(2025, 1, 5), stamp="B1")  # due 05/01/2026
    verify(late, dt.date(2026, 1, 20), stamp="B2")  # late
    early = instrument(business, nha_trang, serial="C")
    verify(early, dt.date(2025, 6, 1), stamp="C1")
    verify(early, dt.date(2026, 3, 1), stamp="C2")  # early: on time
    first = instrument(business, nha_trang, serial="D")
    verify(first, dt.date(2026, 3, 2), stamp="D1")  # an initial verification: not a renewal

    assert compute_metric("metrology.verified_on_time_share", YEAR) == Decimal("66.7")
    assert (
        compute_metric(
            "metrology.verified_on_time_share",
            MetricScope(province_id=46, start=YEAR.start, end=YEAR.end),
        )
        is None
    )


def test_overdue_count_metric(business, nha_trang, centre):
    overdue = instrument(business, nha_trang, serial="A")
    verify(overdue, dt.date(2025, 2, 10), stamp="A1")  # due 10/02/2026
    fine = instrument(business, nha_trang, serial="B")
    verify(fine, dt.date(2026, 2, 10), stamp="B1")

    assert compute_metric("metrology.overdue_count", YEAR) == Decimal(1)
    assert compute_metric(
        "metrology.overdue_count", MetricScope(56, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    ) == Decimal(0)
