"""QR labels of a lot, encoding its GS1 Digital Link URI on this platform's resolver: SVG, PNG,
and a printable A4 PDF sheet of labels (product, lot, dates, the URI in clear)."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from django.conf import settings
from fpdf import FPDF

from tdc.traceability.models import Lot

FONT_DIR = Path(__file__).with_name("data") / "fonts"
COLUMNS, ROWS = 3, 8  # 24 labels of 70 × 37 mm on A4 (the common label sheet)
LABEL_W, LABEL_H = 70.0, 37.125


def lot_uri(lot: Lot) -> str:
    """The Digital Link of the lot on this platform (the QR code's content)."""
    return settings.SITE_URL.rstrip("/") + lot.public_path()


def qr_svg(lot: Lot) -> bytes:
    buffer = io.BytesIO()
    segno.make(lot_uri(lot), error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=True)
    return buffer.getvalue()


def qr_png(lot: Lot) -> bytes:
    buffer = io.BytesIO()
    segno.make(lot_uri(lot), error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Cut between words so the text fits `width` (never mid-word; an ellipsis says so)."""
    if pdf.get_string_width(text) <= width:
        return text
    words = text.split()
    while words and pdf.get_string_width(" ".join(words) + " …") > width:
        words.pop()
    return (" ".join(words) + " …") if words else "…"


def label_sheet(lot: Lot, *, count: int = COLUMNS * ROWS) -> bytes:
    """An A4 PDF with `count` labels (24 a page) for the lot."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Nhãn truy xuất – {lot.product.name} – lô {lot.number}")
    pdf.set_creator("TĐC")
    uri = lot_uri(lot)
    png = io.BytesIO(qr_png(lot))
    left, top = (210 - COLUMNS * LABEL_W) / 2, (297 - ROWS * LABEL_H) / 2
    for index in range(count):
        if index % (COLUMNS * ROWS) == 0:
            pdf.add_page()
        column, row = index % COLUMNS, (index // COLUMNS) % ROWS
        x, y = left + column * LABEL_W, top + row * LABEL_H
        png.seek(0)
        pdf.image(png, x=x + 2, y=y + 3, w=30, h=30)
        text_x, text_w = x + 33, LABEL_W - 35
        pdf.set_xy(text_x, y + 4)
        pdf.set_font("DejaVu", "B", 8)
        pdf.cell(text_w, 4, _fit(pdf, lot.product.name, text_w))
        pdf.set_font("DejaVu", "", 7)
        lines = [f"Lô: {lot.number}", f"GTIN: {lot.product.gtin}"]
        if lot.produced_on:
            lines.append(f"NSX: {lot.produced_on:%d/%m/%Y}")
        if lot.best_before:
            lines.append(f"HSD: {lot.best_before:%d/%m/%Y}")
        lines.append("Quét mã để truy xuất")
        for number, line in enumerate(lines):
            pdf.set_xy(text_x, y + 9 + number * 3.6)
            pdf.cell(text_w, 3.5, _fit(pdf, line, text_w))
        pdf.set_font("DejaVu", "", 4.5)
        pdf.set_xy(x + 2, y + 33)
        pdf.cell(LABEL_W - 4, 2.5, _fit(pdf, uri, LABEL_W - 4))
    return bytes(pdf.output())
