"""Charts drawn on the server as SVG (pygal), shown as an image with a table beside it.

Every chart is an `<img>` whose source is a `data:` URI, so the strict Content-Security-Policy
(no inline style or script on our pages) stays intact and nothing is fetched from elsewhere;
the same figures are always given as a table for screen readers and for people who would
rather read. Numbers read the Vietnamese way (23,5 %).
"""

from __future__ import annotations

import base64
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import pygal
from django.utils.formats import number_format
from pygal.style import Style

# pygal appends a `sys.meta_path` finder for its map plugins that has no `find_spec`; Python
# warns about it on every later import. We draw no maps: take it out again.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

ChartKind = Literal["bar", "horizontal_bar", "line", "stacked_bar"]

_PALETTE = ("#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997", "#6c757d")
_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=_PALETTE,
    font_family="DejaVu Sans, Arial, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=11,
    legend_font_size=12,
    title_font_size=15,
)

Number = int | float | Decimal | None


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number]
    dashed: bool = False  # a target trajectory against the measured line


@dataclass(frozen=True)
class Chart:
    """What a template needs: the image and the same figures as a table."""

    title: str
    image: str  # data:image/svg+xml;base64,…
    labels: list[str]
    series: list[Series]
    unit: str = ""
    rows: list[list[str]] = field(default_factory=list)  # one per label: label, value per series


def vietnamese_number(value: Number, unit: str = "", decimals: int = 2) -> str:
    """23.5 → "23,5"; with a unit: "23,5 %"; None → "—" (no figure)."""
    if value is None:
        return "—"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals)).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    text = number_format(number, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip() if unit else text


def _as_float(value: Number) -> float | None:
    return None if value is None else float(value)


def render_chart(
    kind: ChartKind,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    unit: str = "",
    max_value: float | None = None,
    height: int = 320,
) -> Chart:
    """Draw `series` over `labels`; `max_value` fixes the scale (100 for shares)."""
    chart_class = {
        "bar": pygal.Bar,
        "horizontal_bar": pygal.HorizontalBar,
        "line": pygal.Line,
        "stacked_bar": pygal.StackedBar,
    }[kind]
    chart = chart_class(
        style=_STYLE,
        height=height,
        width=800,
        title=title,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        x_label_rotation=0 if kind == "horizontal_bar" or len(labels) <= 8 else 30,
        truncate_label=-1,
        print_values=False,
        disable_xml_declaration=True,
        js=[],
        value_formatter=lambda v: vietnamese_number(v, unit),
        include_x_axis=True,
        allow_interruptions=True,
    )
    if max_value is not None:
        chart.range = (0, max_value)
    chart.x_labels = list(labels)
    for one in series:
        options = {"stroke_style": {"dasharray": "6, 4"}} if one.dashed else {}
        chart.add(one.name, [_as_float(v) for v in one.values], **options)
    # pygal leaves an inline configuration script even with js=[]; an image never runs it.
    svg = re.sub(r"<script.*?</script>", "", chart.render(is_unicode=True), flags=re.DOTALL)
    image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    rows = [
        [label, *(vietnamese_number(one.values[i], unit) for one in series)]
        for i, label in enumerate(labels)
    ]
    return Chart(
        title=title, image=image, labels=list(labels), series=list(series), unit=unit, rows=rows
    )
