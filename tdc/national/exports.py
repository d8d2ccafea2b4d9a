"""The national synthesis for the Ministry: a Decree 30 DOCX and its XLSX annex, from every
province's plan, reporting and registers (`tdc.reports` writers only)."""

from __future__ import annotations

import datetime as dt

from tdc.core.charts import vietnamese_number
from tdc.national.comparison import group_label
from tdc.national.queries import Coverage, PlanSummary, ProvinceFigures
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature
from tdc.reports.xlsx import Sheet, workbook_bytes

ISSUER = "Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia"
PARENT = "Bộ Khoa học và Công nghệ"


def _percent(value: object) -> str:
    return vietnamese_number(value, "%", 1) if value is not None else "—"  # type: ignore[arg-type]


def subject(year: int) -> str:
    return (
        "Tổng hợp tình hình thực hiện Chỉ thị số 38-CT/TW của Ban Bí thư "
        f"tại các tỉnh, thành phố năm {year}"
    )


def national_docx(
    *, year: int, today: dt.date, figures: list[ProvinceFigures], coverage: Coverage
) -> bytes:
    document = Nd30Document(
        Letterhead(
            parent_body=PARENT, issuing_body=ISSUER, symbol="BC-UBTCQG", place="Hà Nội", date=today
        ),
        subject=subject(year),
        addressees=["Lãnh đạo Bộ Khoa học và Công nghệ"],
    )
    document.paragraph(
        f"Trên cơ sở kế hoạch và báo cáo của {len(figures)} tỉnh, thành phố trên Nền tảng TĐC, "
        f"Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia tổng hợp tình hình thực hiện Chỉ thị số "
        f"38-CT/TW năm {year} như sau:"
    )
    document.heading("I. TÌNH HÌNH BAN HÀNH VÀ TRIỂN KHAI KẾ HOẠCH")
    document.bullets(
        f"{f.name}: {f.plans} kế hoạch đang thực hiện, {f.tasks} nhiệm vụ, "
        f"{f.overdue_tasks} nhiệm vụ quá hạn."
        for f in figures
    )
    document.heading("II. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ")
    document.bullets(
        f"{f.name}: {f.expected} báo cáo phải nộp, đã nộp {_percent(f.arrived_percent)}, "
        f"đúng hạn {_percent(f.on_time_percent)}, {f.accepted} báo cáo được chấp nhận."
        for f in figures
    )
    document.heading("III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    lines = [
        f"{f.name}: "
        + "; ".join(f"{status.lower()} {n}" for status, n in sorted(f.targets.items()))
        + "."
        for f in figures
        if f.targets
    ]
    if lines:
        document.bullets(lines)
    else:
        document.paragraph("Chưa có tỉnh, thành phố nào có số liệu chỉ tiêu trong năm.")
    document.heading("IV. NHIỆM VỤ THEO SÁU NHÓM NHIỆM VỤ CỦA CHỈ THỊ")
    names = [p.province for p in coverage.provinces]
    for _key, label, counts in coverage.rows:
        parts = ", ".join(f"{name} {n}" for name, n in zip(names, counts, strict=True))
        document.paragraph(f"{label}: {parts}.")
    document.heading("V. NỘI DUNG CHƯA ĐƯỢC CÁC ĐỊA PHƯƠNG ĐƯA VÀO KẾ HOẠCH")
    gaps = []
    for _key, label, per_province in coverage.topics:
        missing = [name for name, found in zip(names, per_province, strict=True) if not found]
        if missing:
            gaps.append(f"{label}: {', '.join(missing)}.")
    if gaps:
        document.bullets(gaps)
    else:
        document.paragraph("Các địa phương đều có nhiệm vụ về các nội dung trọng tâm.")
    document.heading("VI. ĐĂNG KÝ PHƯƠNG TIỆN ĐO VÀ PHẢN ÁNH CỦA NGƯỜI DÂN")
    document.bullets(
        f"{f.name}: {f.instruments} phương tiện đo nhóm 2 ({f.instruments_overdue} quá hạn kiểm "
        f"định); {f.complaints} phản ánh, đã xử lý {_percent(f.complaints_handled_share)}."
        for f in figures
    )
    document.finish(
        "Trên đây là báo cáo tổng hợp tình hình thực hiện Chỉ thị số 38-CT/TW tại các địa phương",
        Signature(
            authority=["KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"],
            name="",
            recipients=["Như trên", "Lưu: VT"],
        ),
    )
    return document.to_bytes()


def national_xlsx(
    *,
    year: int,
    figures: list[ProvinceFigures],
    coverage: Coverage,
    tasks: list[tuple[PlanSummary, str, str, str]],
) -> bytes:
    reference = f"(Kèm theo Báo cáo {subject(year)[0].lower()}{subject(year)[1:]})"
    names = [p.province for p in coverage.provinces]
    return workbook_bytes(
        [
            Sheet(
                name="Các tỉnh",
                caption="PHỤ LỤC I",
                title="SỐ LIỆU CÁC TỈNH, THÀNH PHỐ",
                reference=reference,
                headers=[
                    "Tỉnh, thành phố",
                    "Kế hoạch",
                    "Nhiệm vụ",
                    "Nhiệm vụ quá hạn",
                    "Báo cáo phải nộp",
                    "Đã nộp (%)",
                    "Đúng hạn (%)",
                    "Được chấp nhận",
                    "Phương tiện đo",
                    "Quá hạn kiểm định",
                    "Phản ánh",
                ],  # fmt: skip
                widths=[24, 10, 10, 12, 12, 10, 10, 12, 12, 12, 10],
                rows=[
                    [
                        f.name,
                        f.plans,
                        f.tasks,
                        f.overdue_tasks,
                        f.expected,
                        f.arrived_percent,
                        f.on_time_percent,
                        f.accepted,
                        f.instruments,
                        f.instruments_overdue,
                        f.complaints,
                    ]  # fmt: skip
                    for f in figures
                ],
            ),
            Sheet(
                name="Nhóm nhiệm vụ",
                caption="PHỤ LỤC II",
                title="SỐ NHIỆM VỤ THEO SÁU NHÓM NHIỆM VỤ CỦA CHỈ THỊ SỐ 38-CT/TW",
                reference=reference,
                headers=["Nhóm nhiệm vụ", *names],
                widths=[40, *[14] * len(names)],
                rows=[[label, *counts] for _k, label, counts in coverage.rows],
            ),
            Sheet(
                name="Nội dung trọng tâm",
                caption="PHỤ LỤC III",
                title="NỘI DUNG TRỌNG TÂM TRONG KẾ HOẠCH CÁC ĐỊA PHƯƠNG",
                reference=reference,
                headers=["Nội dung", *names],
                widths=[40, *[14] * len(names)],
                rows=[
                    [
                        label,
                        *[", ".join(t.number or "—" for t in found) or "Không có" for found in per],
                    ]
                    for _k, label, per in coverage.topics
                ],
            ),
            Sheet(
                name="Nhiệm vụ",
                caption="PHỤ LỤC IV",
                title="DANH MỤC NHIỆM VỤ CỦA CÁC ĐỊA PHƯƠNG",
                reference=reference,
                headers=["Tỉnh, thành phố", "Năm", "Số", "Nhóm nhiệm vụ", "Nội dung"],
                widths=[20, 8, 8, 30, 80],
                rows=[
                    [plan.province, plan.year, number, group_label(group), content]
                    for plan, number, group, content in tasks
                ],
            ),
        ]
    )
