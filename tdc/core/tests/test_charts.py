import base64

from django.utils import translation

from tdc.core.charts import Series, render_chart, vietnamese_number
from tdc.core.metrics import _METRICS, Metric, metrics_matching, register_metric


def test_numbers_read_the_vietnamese_way():
    with translation.override("vi"):
        assert vietnamese_number(23.53, "%") == "23,53 %"
        assert vietnamese_number(1234567) == "1.234.567"
        assert vietnamese_number(None, "%") == "—"


def test_chart_is_an_svg_image_without_script_with_its_table():
    with translation.override("vi"):
        chart = render_chart(
            "bar",
            "Tỷ lệ báo cáo đúng hạn",
            ["Sở Tài chính", "Sở Công Thương"],
            [Series("Đúng hạn", [23.53, None])],
            unit="%",
            max_value=100,
        )
    svg = base64.b64decode(chart.image.split(",", 1)[1]).decode()
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "Sở Tài chính" in svg
    assert chart.rows == [["Sở Tài chính", "23,53 %"], ["Sở Công Thương", "—"]]


def test_a_target_is_matched_to_metrics_by_wording_most_specific_first():
    saved = dict(_METRICS)
    try:
        register_metric(Metric("t.courses", "Lớp", "lớp", lambda s: None, wording=(r"lop",)))
        register_metric(
            Metric(
                "t.training_courses",
                "Lớp tập huấn",
                "lớp",
                lambda s: None,
                wording=(r"lop (dao tao|tap huan)",),
            )
        )
        found = metrics_matching("Tổ chức ít nhất 30 LỚP TẬP HUẤN cho doanh nghiệp")
        # (the apps' own metrics may match too: only the two registered here are compared)
        assert [m.key for m in found if m.key.startswith("t.")] == [
            "t.training_courses",
            "t.courses",
        ]
        assert metrics_matching("Không liên quan") == []
    finally:
        _METRICS.clear()
        _METRICS.update(saved)
