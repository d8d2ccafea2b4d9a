"""The metric registry matches a target to figures by wording and by unit."""

from __future__ import annotations

import pytest

from tdc.core.metrics import _METRICS, Metric, metrics_matching, register_metric, units_agree


@pytest.mark.parametrize(
    ("metric_unit", "target_unit", "agree"),
    [
        ("lớp", "lớp", True),
        ("lớp", "LỚP", True),
        ("trang thiết bị", "thiết bị", True),
        ("lượt người", "lượt", True),
        ("%", "%", True),
        ("%", "doanh nghiệp", False),
        ("doanh nghiệp", "%", False),
        ("lớp", "diễn đàn", False),
        ("lô", "lớp", False),
        ("lớp", "", False),
    ],
)
def test_units_agree_by_noun_not_by_accident(metric_unit, target_unit, agree):
    assert units_agree(metric_unit, target_unit) is agree


@pytest.fixture
def two_metrics():
    saved = dict(_METRICS)
    _METRICS.clear()
    register_metric(Metric("t.share", "Tỷ lệ", "%", lambda s: None, wording=(r"doanh nghiep",)))
    register_metric(
        Metric("t.count", "Số", "doanh nghiệp", lambda s: None, wording=(r"\d+ doanh nghiep",))
    )
    yield
    _METRICS.clear()
    _METRICS.update(saved)


def test_a_targets_unit_keeps_only_the_metrics_counted_in_it(two_metrics):
    text = "Hỗ trợ 30 doanh nghiệp áp dụng công cụ năng suất"
    assert [m.key for m in metrics_matching(text)] == ["t.count", "t.share"]
    assert [m.key for m in metrics_matching(text, "doanh nghiệp")] == ["t.count"]
    assert [m.key for m in metrics_matching("80% doanh nghiệp được hỗ trợ", "%")] == ["t.share"]
    assert metrics_matching(text, "lớp") == []
