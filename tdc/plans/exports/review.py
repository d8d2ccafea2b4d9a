"""The multi-year review (sơ kết / tổng kết) of a plan as a Decree 30 DOCX and its XLSX annex,
from `tdc.plans.queries.review.collect_review_data`."""

from __future__ import annotations

from django.utils import timezone

from tdc.core.charts import vietnamese_number
from tdc.plans.queries.review import ReviewData
from tdc.plans.queries.synthesis import plan_reference, province_phrase
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature
from tdc.reports.xlsx import Sheet, workbook_bytes


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;" else text + "."


def review_docx(data: ReviewData) -> bytes:
    plan = data.plan
    province = province_phrase(plan)
    document = Nd30Document(
        Letterhead(
            parent_body=f"UBND {province}",
            issuing_body=plan.owner.name,
            symbol="BC-SKHCN",
            place=plan.province.short_name,
            date=timezone.localdate(),
        ),
        subject=f"{data.title}",
        addressees=[f"Ủy ban nhân dân {province}"],
    )
    document.paragraph(
        f"Thực hiện {plan_reference(plan)}, {plan.owner.name} báo cáo {data.title[:1].lower()}"
        f"{data.title[1:]} như sau (chi tiết tại Phụ lục kèm theo):"
    )
    document.heading("I. TÌNH HÌNH BÁO CÁO QUA CÁC NĂM")
    document.bullets(
        f"Năm {line.year}: {line.arrived}/{line.expected} báo cáo đã gửi, "
        f"{line.accepted} báo cáo được Sở tiếp nhận."
        if line.expected
        else f"Năm {line.year}: chưa có kỳ báo cáo."
        for line in data.years
    )
    document.heading("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")
    group = None
    for task in data.tasks:
        if task.group != group and task.group:
            document.subheading(task.group)
        group = task.group
        results = " ".join(_sentence(f"Năm {y}, {body}: {text}") for y, body, text in task.results)
        status = " Đã hoàn thành." if task.completed else ""
        document.paragraph(
            f"Nhiệm vụ {task.label}: {_sentence(task.content)}"
            + (f" {results}" if results else " Chưa có kết quả được Sở tiếp nhận.")
            + status
        )
    document.heading("III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    if data.indicators:
        for item in data.indicators:
            path = "; ".join(
                f"{when}: {vietnamese_number(value, item.unit)}" for when, value, _s in item.values
            )
            document.bullets(
                [
                    f"{item.name}: mục tiêu {item.comparator} "
                    f"{vietnamese_number(item.target, item.unit)} đến {item.deadline}; "
                    + (f"kết quả qua các năm — {path}." if path else "chưa có số liệu.")
                ]
            )
    else:
        document.paragraph("Kế hoạch không đặt chỉ tiêu định lượng.")
    document.heading("IV. ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG")
    done = sum(1 for t in data.tasks if t.completed)
    document.paragraph(
        f"Trong giai đoạn {data.start}–{data.end}, {done}/{len(data.tasks)} nhiệm vụ đã hoàn "
        "thành theo báo cáo được Sở tiếp nhận; các nhiệm vụ còn lại tiếp tục được triển khai."
    )
    document.finish(
        f"Trên đây là báo cáo {data.title[:1].lower()}{data.title[1:]} của {plan.owner.name}, "
        f"kính báo cáo Ủy ban nhân dân {province} xem xét, chỉ đạo./.",
        Signature(
            authority=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            name="",
            recipients=["Như trên", "Bộ Khoa học và Công nghệ (báo cáo)", "Lưu: VT, TĐC"],
        ),
    )
    return document.to_bytes()


def review_xlsx(data: ReviewData) -> bytes:
    reference = f"(Kèm theo báo cáo {data.title[:1].lower()}{data.title[1:]})"
    years = [[line.year, line.expected, line.arrived, line.accepted] for line in data.years]
    totals: list[object] = [
        "Tổng cộng",
        sum(line.expected for line in data.years),
        sum(line.arrived for line in data.years),
        sum(line.accepted for line in data.years),
    ]
    tasks: list[list[object]] = [
        [
            task.label,
            task.content,
            "\n".join(f"{y} — {body}: {text}" for y, body, text in task.results),
            "Đã hoàn thành" if task.completed else "Đang thực hiện",
        ]
        for task in data.tasks
    ]
    indicators: list[list[object]] = []
    for item in data.indicators:
        head: list[object] = [item.name, item.comparator, item.target, item.unit]
        if not item.values:
            indicators.append([*head, "", None, "Chưa có số liệu"])
        for when, value, source in item.values:
            indicators.append([*head, when, value, source])
    return workbook_bytes(
        [
            Sheet(
                name="Báo cáo qua các năm",
                caption="PHỤ LỤC I",
                title="TÌNH HÌNH BÁO CÁO QUA CÁC NĂM",
                reference=reference,
                headers=["Năm", "Phải gửi", "Đã gửi", "Đã tiếp nhận"],
                widths=[10, 14, 14, 14],
                rows=years,
                totals=totals,
                formats={2: "0", 3: "0", 4: "0"},
            ),
            Sheet(
                name="Nhiệm vụ",
                caption="PHỤ LỤC II",
                title="KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ QUA CÁC NĂM",
                reference=reference,
                headers=["TT", "Nội dung nhiệm vụ", "Kết quả qua các năm", "Tình trạng"],
                widths=[6, 60, 70, 18],
                rows=tasks,
            ),
            Sheet(
                name="Chỉ tiêu",
                caption="PHỤ LỤC III",
                title="DIỄN BIẾN CÁC CHỈ TIÊU",
                reference=reference,
                headers=[
                    "Chỉ tiêu",
                    "So sánh",
                    "Mục tiêu",
                    "Đơn vị tính",
                    "Số liệu đến",
                    "Giá trị",
                    "Nguồn",
                ],
                widths=[60, 12, 12, 14, 14, 12, 30],
                rows=indicators,
                formats={3: "#,##0.##", 6: "#,##0.##"},
            ),
        ]
    )
