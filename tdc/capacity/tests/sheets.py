"""Attendance sheets as people make them, built with openpyxl for the tests."""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl


def sheet_bytes(
    rows: Sequence[Sequence[object]],
    *,
    title: str | None = "DANH SÁCH HỌC VIÊN THAM DỰ LỚP TẬP HUẤN",
    merges: Sequence[str] = (),
    header: Sequence[str] = ("STT", "Họ và tên", "Đơn vị công tác", "Đối tượng", "Ngày tham dự"),
) -> bytes:
    """A title (merged across the top), a blank row, the header, then `rows`; `merges` are
    extra ranges such as "C5:C6" (one organisation over two people)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title is not None:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append([])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for merged in merges:
        sheet.merge_cells(merged)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
