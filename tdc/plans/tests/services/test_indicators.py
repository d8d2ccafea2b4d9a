"""Indicators written: values entered (with their source) or computed from a metric."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdc.core.models import AuditEvent
from tdc.plans.services.indicators import (
    compute_indicator_value,
    compute_plan_indicators,
    record_indicator_value,
)
from tdc.plans.tests.factories import (
    HANOI,
    YEAR_2026,
    make_indicator,
    sent_report,
)


@pytest.fixture(autouse=True)
def in_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(indicator_plan):
    return indicator_plan


def test_an_entered_value_needs_its_source_and_a_correction_is_audited(plan, officer, reporter):
    forums = make_indicator(plan, officer)

    with pytest.raises(ValidationError):
        record_indicator_value(forums, value=Decimal(1), source=" ", by=officer, **YEAR_2026)
    with pytest.raises(PermissionDenied):
        record_indicator_value(forums, value=Decimal(1), source="Báo cáo", by=reporter, **YEAR_2026)
    record_indicator_value(
        forums, value=Decimal(1), source="Báo cáo năm của Sở", by=officer, **YEAR_2026
    )
    record_indicator_value(
        forums, value=Decimal(2), source="Báo cáo năm của Sở (bổ sung)", by=officer, **YEAR_2026
    )

    assert list(forums.values.values_list("value", "source")) == [
        (Decimal("2.00"), "Báo cáo năm của Sở (bổ sung)")
    ]
    change = AuditEvent.objects.get(action="indicator.value_changed")
    assert change.data["changes"]["value"] == {"old": "1.00", "new": "2"}


def test_a_metric_backed_indicator_computes_its_value_with_the_metric_as_source(
    plan, officer, agency, reporter
):
    share = make_indicator(
        plan,
        officer,
        name="100% cơ quan quán triệt Chỉ thị",
        unit="%",
        comparator="=",
        target_value=100,
        aggregation="level",
        metric_key="plans.dissemination_reporting_share",
    )
    sent_report(plan, agency, reporter)

    value = compute_indicator_value(share, by=officer, **YEAR_2026)

    assert (value.value, value.is_computed) == (Decimal("33.33"), True)
    assert (
        value.source
        == "Tính tự động: Tỷ lệ cơ quan được giao đã báo cáo kết quả quán triệt, tuyên truyền"
    )
    assert compute_plan_indicators(plan, year=2026, by=None) == 1
    with pytest.raises(ValidationError):
        compute_indicator_value(make_indicator(plan, officer), by=officer, **YEAR_2026)


def test_an_unknown_metric_is_refused(plan, officer):
    with pytest.raises(ValidationError):
        make_indicator(plan, officer, metric_key="complaints.khong_ton_tai")
