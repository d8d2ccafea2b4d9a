"""The pictures of plans' pages (tdc.core.charts: SVG image + the same figures as a table):
reporting completeness and timeliness by agency and by period, indicators against their
trajectory."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from tdc.core.charts import Chart, Series, render_chart
from tdc.core.text import shorten

LABEL_LENGTH = 42


def completeness_by_organisation_chart(rows: Sequence[Any]) -> Chart | None:
    """Share of expected reports sent and sent on time, per agency (0–100 %)."""
    if not rows:
        return None
    return render_chart(
        "horizontal_bar",
        _("Tỷ lệ báo cáo đã gửi và đúng hạn theo cơ quan"),
        [shorten(row.name, LABEL_LENGTH) for row in rows],
        [
            Series(_("Đã gửi"), [row.arrived_percent or 0 for row in rows]),
            Series(_("Đúng hạn"), [row.on_time_percent or 0 for row in rows]),
        ],
        unit="%",
        max_value=100,
        height=max(240, 60 + 34 * len(rows)),
    )


def provinces_chart(rows: Sequence[Any]) -> Chart | None:
    """The Ministry's view: the year's share of reports sent and sent on time, province by
    province side by side."""
    if not rows:
        return None
    return render_chart(
        "horizontal_bar",
        _("Tỷ lệ báo cáo đã gửi và đúng hạn theo tỉnh, thành phố"),
        [shorten(row.name, LABEL_LENGTH) for row in rows],
        [
            Series(_("Đã gửi"), [row.arrived_percent or 0 for row in rows]),
            Series(_("Đúng hạn"), [row.on_time_percent or 0 for row in rows]),
        ],
        unit="%",
        max_value=100,
        height=max(240, 60 + 34 * len(rows)),
    )


def completeness_by_period_chart(rows: Sequence[Any]) -> Chart | None:
    """The same two shares, one pair of bars per reporting period (oldest first)."""
    if not rows:
        return None
    ordered = sorted(rows, key=lambda row: (row.period.deadline, row.period.pk))
    return render_chart(
        "bar",
        _("Tỷ lệ báo cáo đã gửi và đúng hạn theo kỳ"),
        [shorten(row.period.title, LABEL_LENGTH) for row in ordered],
        [
            Series(_("Đã gửi"), [row.arrived_percent or 0 for row in ordered]),
            Series(_("Đúng hạn"), [row.on_time_percent or 0 for row in ordered]),
        ],
        unit="%",
        max_value=100,
    )


def _share(value: Decimal | None, target: Decimal) -> Decimal | None:
    if value is None or not target:
        return None
    return min(Decimal(200), value * 100 / target).quantize(Decimal("0.1"))


def indicators_chart(rows: Sequence[dict[str, Any]]) -> Chart | None:
    """Each indicator's latest value and where its trajectory says it should be by then, both
    as a share of the 2030 target."""
    measured = [row for row in rows if row["progress"].actual is not None]
    if not measured:
        return None
    return render_chart(
        "horizontal_bar",
        _("Chỉ tiêu: giá trị đạt được so với lộ trình (% mục tiêu)"),
        [shorten(row["indicator"].name, LABEL_LENGTH) for row in measured],
        [
            Series(
                _("Đạt được"),
                [_share(r["progress"].actual, r["indicator"].target_value) for r in measured],
            ),
            Series(
                _("Theo lộ trình"),
                [_share(r["progress"].expected, r["indicator"].target_value) for r in measured],
            ),
        ],
        unit="%",
        height=max(240, 60 + 34 * len(measured)),
    )
