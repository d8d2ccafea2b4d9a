"""Public statistics and the metrics behind "100% thông tin phản ánh được xử lý"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine

from tdc.complaints import services
from tdc.complaints.queries import complaint_statistics
from tdc.complaints.tests.helpers import PLANTED, assert_no_identity
from tdc.core.metrics import MetricScope, compute_metric, get_metric

VN = dt.timezone(dt.timedelta(hours=7))


def at(year, month, day, hour=10):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=VN), tick=False)


def _history(submit, officer):
    """Four reports: one concluded on time, one late, one rejected on time, one still open."""
    with at(2026, 1, 5):
        on_time = submit().complaint
        late = submit(category="counterfeit").complaint
        rejected = submit(category="counterfeit", identity=PLANTED).complaint
    with at(2026, 1, 6):
        services.accept_complaint(on_time, by=officer)
        services.accept_complaint(late, by=officer)
        services.reject_complaint(rejected, reason="out_of_scope", by=officer)
    with at(2026, 1, 16):
        services.conclude_complaint(
            on_time, outcome="violation_confirmed", conclusion="Đã xử phạt.", by=officer
        )
    with at(2026, 2, 20):
        services.conclude_complaint(
            late, outcome="not_confirmed", conclusion="Không vi phạm.", by=officer
        )
        submit(category="taximeter")


def test_statistics_count_received_handled_on_time_and_median(submit, officer):
    _history(submit, officer)

    stats = complaint_statistics()

    assert (stats.received, stats.handled, stats.handled_on_time) == (4, 3, 2)
    assert (stats.handled_share, stats.on_time_share) == (Decimal("75.0"), Decimal("66.7"))
    assert stats.median_handling_days == Decimal("11.0")  # 1, 11 and 46 days
    assert [(r.key, r.received, r.handled, r.on_time) for r in stats.by_category] == [
        ("counterfeit", 2, 2, 1),
        ("measurement_fraud", 1, 1, 1),
        ("taximeter", 1, 0, 0),
    ]
    assert [(r.label, r.received, r.handled) for r in stats.by_month] == [
        ("01/2026", 3, 3),
        ("02/2026", 1, 0),
    ]


def test_statistics_narrow_to_a_province_and_a_period(submit, officer, province):
    _history(submit, officer)

    january = complaint_statistics(
        province_id=province.pk, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31)
    )
    elsewhere = complaint_statistics(province_id=province.pk + 1)

    assert (january.received, january.handled) == (3, 3)
    assert (elsewhere.received, elsewhere.handled_share, elsewhere.median_handling_days) == (
        0,
        None,
        None,
    )


def test_metrics_are_registered_and_computed_for_a_scope(submit, officer, province):
    _history(submit, officer)
    scope = MetricScope(
        province_id=province.pk, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )

    assert get_metric("complaints.handled_share").label == "Tỷ lệ thông tin phản ánh được xử lý"
    assert compute_metric("complaints.handled_share", scope) == Decimal("75.0")
    assert compute_metric("complaints.handled_on_time_share", scope) == Decimal("66.7")
    assert compute_metric("complaints.received_count", scope) == Decimal(4)
    empty = MetricScope(
        province_id=province.pk, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
    )
    assert compute_metric("complaints.handled_share", empty) is None


def test_the_public_statistics_page_changes_when_a_report_is_handled(
    client, submit, officer, province
):
    complaint = submit(identity=PLANTED).complaint

    before = client.get("/phan-anh/thong-ke/", {"province": province.pk})
    services.reject_complaint(complaint, reason="insufficient", by=officer)
    after = client.get("/phan-anh/thong-ke/", {"province": province.pk})

    assert (before.context["stats"].received, before.context["stats"].handled) == (1, 0)
    assert (after.context["stats"].received, after.context["stats"].handled) == (1, 1)
    assert 'data-testid="stat-handled">1<' in after.content.decode()
    assert_no_identity(after.content)
    assert complaint.reference not in after.content.decode()


def test_the_statistics_page_filters_by_year(client, submit, officer):
    _history(submit, officer)

    response = client.get("/phan-anh/thong-ke/", {"year": 2025})

    assert response.status_code == 200
    assert response.context["stats"].received == 0
