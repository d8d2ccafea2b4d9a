"""The indicator pages."""

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("before_the_deadline")


def _indicators(plan, officer, count):
    from tdc.plans.services.indicators import create_indicator, record_indicator_value

    for i in range(count):
        indicator = create_indicator(
            plan,
            by=officer,
            name=f"Chỉ tiêu {i}",
            unit="lớp",
            comparator=">=",
            target_value=30,
            deadline=dt.date(2030, 12, 31),
            aggregation="cumulative",
        )
        record_indicator_value(
            indicator,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            value=3,
            source="Báo cáo",
            by=officer,
        )


@pytest.mark.parametrize("count", [1, 3])
def test_indicator_list_query_count_is_constant(
    client, plan, officer, count, django_assert_num_queries
):
    _indicators(plan, officer, count)
    client.force_login(officer)

    with django_assert_num_queries(7):
        response = client.get(reverse("plans:indicator_list"))

    assert len(response.context["rows"]) == count
