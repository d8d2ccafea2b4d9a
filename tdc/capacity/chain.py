"""The traceability chain of a measurement standard drawn as a picture: one box per standard,
the national standard on top, arrows down to the one on the page.

Drawn on the server as SVG and handed to the page as a `data:` URI image, so the strict
Content-Security-Policy holds (no inline style or script on our pages) and nothing is fetched.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from tdc.capacity.models import MeasurementStandard
from tdc.core.text import shorten

WIDTH = 560
BOX_W = 480
BOX_H = 64
GAP = 36
LEVEL_COLOURS = {
    MeasurementStandard.Level.NATIONAL: "#0d6efd",
    MeasurementStandard.Level.REFERENCE: "#198754",
    MeasurementStandard.Level.WORKING: "#6c757d",
}


def _box(index: int, standard: MeasurementStandard, *, is_current: bool) -> str:
    x = (WIDTH - BOX_W) // 2
    y = 16 + index * (BOX_H + GAP)
    colour = LEVEL_COLOURS.get(MeasurementStandard.Level(standard.level), "#6c757d")
    holder = standard.holder.name if standard.holder else standard.holder_name
    due = (
        _("hạn hiệu chuẩn %(day)s") % {"day": f"{standard.calibration_due_on:%d/%m/%Y}"}
        if standard.calibration_due_on
        else ""
    )
    second = " · ".join(p for p in (standard.get_level_display(), shorten(holder, 40), due) if p)
    stroke = 3 if is_current else 1.5
    return (
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="white" '
        f'stroke="{colour}" stroke-width="{stroke}"/>'
        f'<text x="{WIDTH // 2}" y="{y + 26}" text-anchor="middle" font-size="15" '
        f'font-weight="bold" fill="#212529">{escape(shorten(standard.name, 55))}</text>'
        f'<text x="{WIDTH // 2}" y="{y + 48}" text-anchor="middle" font-size="12" '
        f'fill="{colour}">{escape(second)}</text>'
    )


def _arrow(index: int) -> str:
    """From box `index` (higher) down to box `index + 1`."""
    top = 16 + index * (BOX_H + GAP) + BOX_H
    bottom = top + GAP
    middle = WIDTH // 2
    return (
        f'<line x1="{middle}" y1="{top}" x2="{middle}" y2="{bottom - 8}" stroke="#212529" '
        f'stroke-width="1.5"/>'
        f'<polygon points="{middle - 6},{bottom - 10} {middle + 6},{bottom - 10} '
        f'{middle},{bottom}" fill="#212529"/>'
    )


def chain_svg(chain: Sequence[MeasurementStandard]) -> str:
    """`chain` from the standard itself up to the top; drawn top (highest) to bottom."""
    drawn = list(reversed(chain))
    height = 32 + len(drawn) * BOX_H + (len(drawn) - 1) * GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'role="img"><title>{escape(_("Chuỗi dẫn xuất chuẩn đo lường"))}</title>'
    ]
    for index, standard in enumerate(drawn):
        parts.append(_box(index, standard, is_current=index == len(drawn) - 1))
        if index < len(drawn) - 1:
            parts.append(_arrow(index))
    parts.append("</svg>")
    return "".join(parts)


def chain_image(chain: Sequence[MeasurementStandard]) -> str:
    svg = chain_svg(chain)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
