"""Demo data: Khánh Hòa's routing rules and a few citizen reports in various states.

Idempotent: rules are created once; the reports only when the province has none yet. The
identity key for development is created in var/ when no key is configured.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.complaints import services
from tdc.complaints.crypto import Identity, ensure_development_key_file
from tdc.complaints.deadlines import policy
from tdc.complaints.models import Complaint, Message, Receipt, RoutingRule
from tdc.complaints.receipts import hash_code
from tdc.core.models import Holiday
from tdc.core.workdays import add_working_days

KHANH_HOA = 56
# The receipt of the first demo report, so that the follow-up page can be tried.
DEMO_RECEIPT_CODE = "DEMO-2026-KHAN-HHOA-PHAN-ANH0-0001"

C = Complaint.Category

# (category or "", commune name or None, organisation name)
ROUTING: list[tuple[str, str | None, str]] = [
    ("", None, "Sở Khoa học và Công nghệ"),
    (C.MEASUREMENT_FRAUD, None, "Sở Khoa học và Công nghệ"),
    (C.MEASUREMENT_FRAUD, "Phường Nha Trang", "UBND Phường Nha Trang"),
    (C.FUEL_DISPENSER, None, "Sở Khoa học và Công nghệ"),
    (C.UTILITY_METER, None, "Sở Công Thương"),
    (C.TAXIMETER, None, "Sở Khoa học và Công nghệ"),
    (C.COUNTERFEIT, None, "Chi cục Quản lý thị trường tỉnh Khánh Hòa"),
    (C.UNKNOWN_ORIGIN, None, "Chi cục Quản lý thị trường tỉnh Khánh Hòa"),
    (C.LABELLING, None, "Sở Khoa học và Công nghệ"),
    (C.BARCODE, None, "Sở Khoa học và Công nghệ"),
]

# Public holidays of 2026 that fall on working days (the official list is set each year).
HOLIDAYS_2026: list[tuple[dt.date, str]] = [
    (dt.date(2026, 1, 1), "Tết Dương lịch"),
    (dt.date(2026, 2, 16), "Tết Nguyên đán"),
    (dt.date(2026, 2, 17), "Tết Nguyên đán"),
    (dt.date(2026, 2, 18), "Tết Nguyên đán"),
    (dt.date(2026, 2, 19), "Tết Nguyên đán"),
    (dt.date(2026, 2, 20), "Tết Nguyên đán"),
    (dt.date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    (dt.date(2026, 4, 30), "Ngày Giải phóng miền Nam"),
    (dt.date(2026, 5, 1), "Quốc tế Lao động"),
    (dt.date(2026, 9, 1), "Quốc khánh"),
    (dt.date(2026, 9, 2), "Quốc khánh"),
]


def _commune(province: Province, name: str | None) -> Commune | None:
    if name is None:
        return None
    return Commune.objects.filter(province=province, name=name).first()


def _organisation(province: Province, name: str) -> Organisation | None:
    return Organisation.objects.filter(province=province, name=name).first()


def _history(
    complaint: Complaint,
    *,
    received: int,
    accepted: int | None = None,
    handled: int | None = None,
    closed: int | None = None,
) -> None:
    """Spread a demo complaint's steps over the past (days ago), with consistent deadlines."""
    now = timezone.now()
    rules = policy()

    def ago(days: int) -> dt.datetime:
        return now - dt.timedelta(days=days)

    values: dict[str, Any] = {"created_at": ago(received)}
    received_on = timezone.localdate(values["created_at"])
    values["acknowledge_due"] = add_working_days(received_on, rules.acknowledge_working_days)
    if accepted is not None:
        accepted_on = timezone.localdate(ago(accepted))
        values.update(
            accepted_at=ago(accepted),
            acknowledged_at=ago(accepted),
            assign_due=add_working_days(accepted_on, rules.assign_working_days),
            conclude_due=accepted_on
            + dt.timedelta(days=rules.conclude_days(complaint.track) + complaint.extension_days),
        )
    if handled is not None:
        due = values.get("conclude_due") or values["acknowledge_due"]
        values.update(
            handled_at=ago(handled),
            acknowledged_at=values.get("acknowledged_at") or ago(handled),
            handled_on_time=timezone.localdate(ago(handled)) <= due,
        )
    if closed is not None:
        values["closed_at"] = ago(closed)
    Complaint.objects.filter(pk=complaint.pk).update(**values)
    # The timeline follows: each update is dated by the step it announced.
    step_days = {
        "received": received,
        "accepted": accepted,
        "assigned": accepted,
        "verifying": accepted,
        "rejected": handled,
        "concluded": handled,
        "closed": closed,
    }
    for message in Message.objects.filter(complaint=complaint):
        days = step_days.get(message.status) if message.kind == Message.Kind.UPDATE else accepted
        if days is not None:
            Message.objects.filter(pk=message.pk).update(created_at=ago(days))


def _load_rules(province: Province, officer: User | None, out: Any) -> None:
    created = 0
    for category, commune_name, org_name in ROUTING:
        commune = _commune(province, commune_name)
        organisation = _organisation(province, org_name)
        if organisation is None or (commune_name and commune is None):
            continue
        if RoutingRule.objects.filter(
            province=province, commune=commune, category=category
        ).exists():
            continue
        if officer is not None:
            services.save_routing_rule(
                None,
                province=province,
                commune=commune,
                category=category,
                organisation=organisation,
                by=officer,
            )
        else:
            RoutingRule.objects.create(
                province=province, commune=commune, category=category, organisation=organisation
            )
        created += 1
    out.write(f"Complaint routing rules: {created} created.\n")


def _submit(province: Province, **values: Any) -> Complaint:
    commune = _commune(province, values.pop("commune", None))
    return services.submit_complaint(province=province, commune=commune, **values).complaint


@transaction.atomic
def _load_complaints(province: Province, out: Any) -> None:
    officer = User.objects.filter(username="canbo.tdc").first()
    custodian = User.objects.filter(username="baomat").first()
    if officer is None:
        out.write("Demo complaints skipped: the demo users are missing.\n")
        return

    market = _submit(
        province,
        category=C.MEASUREMENT_FRAUD,
        commune="Phường Nha Trang",
        address="Chợ Đầm, dãy hải sản khô, sạp 112",
        business_name="Sạp hải sản khô cô Lan",
        description="Tôi mua 1 kg mực khô, cân lại ở nhà chỉ được khoảng 820 g. Cân điện tử của sạp "
        "để nghiêng và không có tem kiểm định.",
    )
    Receipt.objects.filter(complaint=market).update(code_hash=hash_code(DEMO_RECEIPT_CODE))
    _history(market, received=1)

    _submit(  # the same stall again: shown as a likely duplicate of the first
        province,
        category=C.MEASUREMENT_FRAUD,
        commune="Phường Nha Trang",
        address="Chợ Đầm",
        business_name="Sạp hải sản khô Cô Lan",
        description="Sạp hải sản khô cô Lan ở chợ Đầm cân thiếu, khách du lịch bị cân thiếu nhiều.",
    )

    cosmetics = _submit(
        province,
        category=C.COUNTERFEIT,
        commune="Phường Cam Ranh",
        address="Đường Nguyễn Trọng Kỷ",
        business_name="Cửa hàng mỹ phẩm Minh Châu",
        description="Cửa hàng bán kem chống nắng nhãn hiệu nước ngoài giá rất rẻ, bao bì in mờ, "
        "không có nhãn phụ tiếng Việt.",
    )
    services.accept_complaint(cosmetics, by=officer)
    _history(cosmetics, received=6, accepted=5)

    fuel = _submit(
        province,
        category=C.FUEL_DISPENSER,
        commune="Xã Vạn Ninh",
        address="Quốc lộ 1A",
        business_name="Cửa hàng xăng dầu số 7",
        description="Cột bơm số 2 bơm thiếu: đổ 10 lít vào can chuẩn chỉ được khoảng 9,6 lít. "
        "Tôi làm việc tại cửa hàng và biết cột đã bị can thiệp bo mạch.",
        identity=Identity(
            name="Nguyễn Thị Tố Cáo",
            phone="0905000111",
            email="nguoi.to.cao@example.vn",
            citizen_id="056190000111",
        ),
        wants_denunciation=True,
        wants_email_updates=True,
    )
    services.accept_complaint(fuel, by=officer)
    services.assign_complaint(fuel, to=officer, by=officer)
    services.start_verification(fuel, by=officer)
    services.post_message(
        fuel,
        kind=Message.Kind.QUESTION,
        body="Anh/chị cho biết thời điểm (ngày, giờ) đo thử và số hóa đơn nếu có?",
        by=officer,
    )
    if custodian is not None:
        services.request_identity_disclosure(
            fuel,
            reason="Cần mời người tố cáo làm việc trực tiếp để cung cấp bằng chứng về việc can "
            "thiệp bo mạch cột bơm.",
            by=officer,
        )
    _history(fuel, received=14, accepted=12)

    taxi = _submit(
        province,
        category=C.TAXIMETER,
        commune="Phường Nha Trang",
        address="Sân bay Cam Ranh về trung tâm Nha Trang",
        business_name="Taxi 79A-123.45",
        description="Đồng hồ tính tiền nhảy nhanh bất thường, quãng đường 35 km tính 980.000 đồng.",
    )
    services.accept_complaint(taxi, by=officer)
    services.assign_complaint(taxi, to=officer, by=officer)
    services.start_verification(taxi, by=officer)
    services.conclude_complaint(
        taxi,
        outcome=Complaint.Outcome.VIOLATION_CONFIRMED,
        conclusion="Kiểm tra taximet: sai số vượt giới hạn cho phép, đã xử phạt vi phạm hành chính "
        "và yêu cầu kiểm định lại.",
        by=officer,
    )
    _history(taxi, received=45, accepted=43, handled=21)

    meter = _submit(
        province,
        category=C.UTILITY_METER,
        commune="Phường Ninh Hòa",
        description="Hóa đơn tiền nước tháng này tăng gấp đôi dù gia đình đi vắng nửa tháng.",
    )
    services.reject_complaint(
        meter,
        reason=Complaint.RejectionReason.OUT_OF_SCOPE,
        note="Tranh chấp hóa đơn: đề nghị liên hệ công ty cấp nước; nếu nghi đồng hồ sai, đề nghị "
        "kiểm định đồng hồ.",
        by=officer,
    )
    _history(meter, received=27, handled=25)

    label = _submit(
        province,
        category=C.LABELLING,
        commune="Phường Ninh Hòa",
        business_name="Siêu thị mini Hòa Phát",
        description="Nước mắm đóng chai không ghi hạn sử dụng.",
    )
    services.accept_complaint(label, by=officer)
    services.assign_complaint(label, to=officer, by=officer)
    services.start_verification(label, by=officer)
    services.conclude_complaint(
        label,
        outcome=Complaint.Outcome.NOT_CONFIRMED,
        conclusion="Kiểm tra lô hàng: nhãn ghi đủ hạn sử dụng ở nắp chai.",
        by=officer,
    )
    services.close_complaint(label, by=officer)
    _history(label, received=75, accepted=73, handled=60, closed=58)

    out.write(
        f"Demo complaints: {Complaint.objects.filter(province=province).count()} in {province.name}.\n"
    )


def load(out: Any) -> None:
    created = ensure_development_key_file()
    if created is not None:
        out.write(f"Identity key for development created at {created} (never commit it).\n")
    for day, name in HOLIDAYS_2026:
        Holiday.objects.get_or_create(date=day, defaults={"name": name})
    province = Province.objects.filter(code=KHANH_HOA).first()
    if province is None:
        return
    _load_rules(province, User.objects.filter(username="canbo.tdc").first(), out)
    if not Complaint.objects.filter(province=province).exists():
        _load_complaints(province, out)
    out.write(
        f"Phản ánh: gửi tại /phan-anh/gui/, theo dõi tại /phan-anh/theo-doi/ "
        f"(mã tiếp nhận demo: {DEMO_RECEIPT_CODE}), thống kê tại /phan-anh/thong-ke/.\n"
    )
