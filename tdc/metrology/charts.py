"""The metrology overview's pictures (tdc.core.charts): instruments falling due per month and
overdue instruments by commune, each with its table."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tdc.core.charts import Chart, Series, render_chart
from tdc.core.text import shorten
from tdc.metrology.queries import Dashboard

TOP_COMMUNES = 15


def dashboard_charts(board: Dashboard) -> dict[str, Chart | None]:
    due = (
        render_chart(
            "bar",
            _("Phương tiện đo đến hạn kiểm định theo tháng"),
            [month.strftime("%m/%Y") for month, _n in board.due_by_month],
            [Series(_("Đến hạn"), [n for _month, n in board.due_by_month])],
            unit="",
        )
        if any(n for _month, n in board.due_by_month)
        else None
    )
    late = [row for row in board.communes if row.overdue][:TOP_COMMUNES]
    overdue = (
        render_chart(
            "horizontal_bar",
            _("Phương tiện đo quá hạn kiểm định theo xã, phường"),
            [shorten(row.name, 40) for row in late],
            [Series(_("Quá hạn"), [row.overdue for row in late])],
            height=max(240, 60 + 30 * len(late)),
        )
        if late
        else None
    )
    return {"due_chart": due, "overdue_chart": overdue}
