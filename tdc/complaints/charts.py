"""The public statistics' picture (tdc.core.charts): reports received and handled per month,
with the share handled on time, drawn as an image with its table."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from tdc.complaints.queries import ComplaintStatistics
from tdc.core.charts import Chart, Series, render_chart


def monthly_chart(stats: ComplaintStatistics) -> Chart | None:
    if not stats.by_month:
        return None
    return render_chart(
        "bar",
        _("Phản ánh tiếp nhận và đã xử lý theo tháng"),
        [row.label for row in stats.by_month],
        [
            Series(_("Tiếp nhận"), [row.received for row in stats.by_month]),
            Series(_("Đã xử lý"), [row.handled for row in stats.by_month]),
        ],
    )


def on_time_chart(stats: ComplaintStatistics) -> Chart | None:
    handled = [row for row in stats.by_month if row.handled]
    if not handled:
        return None
    return render_chart(
        "line",
        _("Tỷ lệ xử lý đúng hạn theo tháng"),
        [row.label for row in handled],
        [
            Series(
                _("Đúng hạn"),
                [
                    (Decimal(100) * row.on_time / row.handled).quantize(Decimal("0.1"))
                    for row in handled
                ],
            )
        ],
        unit="%",
        max_value=100,
        height=260,
    )


def channel_chart(stats: ComplaintStatistics) -> Chart | None:
    if not stats.by_channel:
        return None
    return render_chart(
        "horizontal_bar",
        _("Phản ánh theo kênh tiếp nhận"),
        [row.label for row in stats.by_channel],
        [
            Series(_("Tiếp nhận"), [row.received for row in stats.by_channel]),
            Series(_("Đã xử lý"), [row.handled for row in stats.by_channel]),
        ],
        height=max(220, 60 + 40 * len(stats.by_channel)),
    )
