"""The inspection plan as a Decree 30 DOCX (a *kế hoạch* of the DoST) with its list as an XLSX
annex, both written through `tdc.reports` (every cell and run safe)."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from tdc.accounts.queries import dost_of_province
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature
from tdc.reports.xlsx import Sheet, workbook_bytes
from tdc.surveillance.models import InspectionPlan, PlanItem
from tdc.surveillance.queries import plan_items

REASONS = dict(PlanItem.Reason.choices)


def _items(plan: InspectionPlan) -> list[PlanItem]:
    return list(plan_items(plan).filter(is_removed=False))


def _issuer(plan: InspectionPlan) -> str:
    dost = dost_of_province(plan.province_id)
    return dost.name if dost is not None else f"Sở Khoa học và Công nghệ tỉnh {plan.province.name}"


def plan_docx(plan: InspectionPlan) -> bytes:
    items = _items(plan)
    today = timezone.localdate()
    document = Nd30Document(
        Letterhead(
            parent_body=f"UBND TỈNH {plan.province.name}",
            issuing_body=_issuer(plan),
            symbol="KH-SKHCN",
            place=plan.province.name,
            date=(plan.approved_at.date() if plan.approved_at else today),
        ),
        doc_type="KẾ HOẠCH",
        subject=f"Kiểm tra chất lượng sản phẩm, hàng hóa và đo lường năm {plan.year}",
    )
    document.heading("I. MỤC ĐÍCH, YÊU CẦU")
    document.paragraph(
        "Kiểm tra việc chấp hành pháp luật về chất lượng sản phẩm, hàng hóa, nhãn hàng hóa và "
        "đo lường của các cơ sở sản xuất, kinh doanh trên địa bàn tỉnh, ưu tiên các cơ sở có "
        "mức rủi ro cao theo kết quả khảo sát, thông tin cảnh báo và đánh giá rủi ro."
    )
    document.heading("II. ĐỐI TƯỢNG, SỐ LƯỢNG VÀ CÁCH LỰA CHỌN")
    by_reason = Counter(item.reason for item in items)
    by_category = Counter(item.risk_category for item in items)
    document.paragraph(
        f"Tổng số {len(items)} cơ sở (kinh phí cho {plan.budget} cuộc kiểm tra), danh sách tại "
        "Phụ lục kèm theo."
    )
    document.bullets(
        f"{REASONS[reason]}: {count} cơ sở." for reason, count in sorted(by_reason.items())
    )
    document.bullets(
        f"Hạng {category}: {count} cơ sở." for category, count in sorted(by_category.items())
    )
    share = int(plan.random_share * 100)
    document.paragraph(
        f"Chọn ngẫu nhiên {share} % số cuộc kiểm tra trong các cơ sở hạng C, D bằng hạt giống "
        f"{plan.seed} (được lưu để kiểm chứng lại kết quả chọn)."
    )
    document.heading("III. NỘI DUNG KIỂM TRA")
    document.points(
        [
            "Nhãn hàng hóa, dấu hợp chuẩn, hợp quy và công bố hợp chuẩn, hợp quy.",
            "Phương tiện đo nhóm 2 đang sử dụng và việc kiểm định theo quy định.",
            "Lấy mẫu thử nghiệm khi cần thiết; xử lý vi phạm theo quy định.",
        ]
    )
    document.heading("IV. TỔ CHỨC THỰC HIỆN")
    document.paragraph(
        "Chi cục/Phòng Tiêu chuẩn Đo lường Chất lượng chủ trì, phối hợp các cơ quan liên quan "
        "thành lập đoàn kiểm tra, thực hiện và báo cáo kết quả trước ngày 15/12."
    )
    status = "Đã phê duyệt" if plan.status == InspectionPlan.Status.APPROVED else "Dự thảo"
    document.finish(
        f"Trên đây là Kế hoạch kiểm tra năm {plan.year} ({status.lower()})",
        Signature(
            authority=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            name=(plan.approved_by.full_name if plan.approved_by else ""),
            recipients=["UBND tỉnh (để báo cáo)", "Các cơ quan phối hợp", "Lưu: VT, TĐC"],
        ),
    )
    return document.to_bytes()


HEADERS = ["STT", "Cơ sở", "Mã số thuế", "Địa chỉ", "Hạng", "Điểm", "Lý do chọn", "Ghi chú"]


def plan_rows(plan: InspectionPlan) -> list[list[object]]:
    rows: list[list[object]] = []
    for number, item in enumerate(_items(plan), start=1):
        establishment = item.establishment
        address = ", ".join(
            p
            for p in [
                establishment.address,
                establishment.commune.name if establishment.commune else "",
            ]
            if p
        )
        rows.append(
            [
                number,
                establishment.organisation.name,
                establishment.organisation.tax_code,
                address,
                item.risk_category,
                item.score,
                REASONS[item.reason],
                item.change_reason,
            ]
        )
    return rows


def plan_xlsx(plan: InspectionPlan) -> bytes:
    return workbook_bytes(
        [
            Sheet(
                name=f"Kế hoạch {plan.year}",
                caption="PHỤ LỤC",
                title=f"DANH SÁCH CƠ SỞ KIỂM TRA NĂM {plan.year}",
                reference=f"(Kèm theo Kế hoạch kiểm tra năm {plan.year} của {_issuer(plan)})",
                headers=HEADERS,
                widths=[6, 40, 14, 40, 8, 8, 30, 30],
                rows=plan_rows(plan),
            )
        ]
    )
