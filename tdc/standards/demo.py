"""Demo data: a small catalogue (coffee, bird's nest, clean water), TBT notifications with
open comment periods, and the demo business's subscription with its first digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tdc.accounts.models import User
from tdc.standards.models import Notification, Standard, Subscription
from tdc.standards.services.alerts import create_subscription, run_daily_digest

STANDARDS = [
    ("TCVN 4193:2014", "Cà phê nhân", "Green coffee", ["67.140.20"], ["0901"], "in_force", ""),
    (
        "TCVN 4193:2005",
        "Cà phê nhân — Yêu cầu kỹ thuật",
        "Green coffee",
        ["67.140.20"],
        ["0901"],
        "replaced",
        "TCVN 4193:2014",
    ),
    ("TCVN 5250:2015", "Cà phê rang", "Roasted coffee", ["67.140.20"], ["090121"], "in_force", ""),
    (
        "TCVN 13723:2023",
        "Tổ yến và sản phẩm tổ yến",
        "Edible bird's nest and products",
        ["67.120.99"],
        ["0410"],
        "in_force",
        "",
    ),
    (
        "QCVN 01-1:2018/BYT",
        "Chất lượng nước sạch sử dụng cho mục đích sinh hoạt",
        "Domestic water quality",
        ["13.060.20"],
        [],
        "in_force",
        "",
    ),
    (
        "QCVN 4:2009/BKHCN",
        "An toàn đối với thiết bị điện và điện tử",
        "Safety of electrical and electronic equipment",
        ["29.020"],
        ["8516"],
        "in_force",
        "",
    ),
    (
        "TCVN 6396-20:2017",
        "Yêu cầu an toàn về cấu tạo và lắp đặt thang máy — Phần 20",
        "Safety rules for lifts — Part 20",
        ["91.140.90"],
        [],
        "in_force",
        "",
    ),
]
NOTIFICATIONS = [
    (
        "G/TBT/N/USA/2101",
        "United States of America",
        "Coffee labelling requirements",
        ["0901"],
        ["67.140.20"],
        45,
        "Yêu cầu ghi nhãn cà phê nhập khẩu vào Hoa Kỳ: nêu rõ nước xuất xứ và mức rang.",
    ),
    (
        "G/TBT/N/EU/1120",
        "European Union",
        "Maximum residue levels in food of animal origin",
        ["0410"],
        ["67.120"],
        30,
        "EU sửa đổi giới hạn dư lượng trong thực phẩm có nguồn gốc động vật, gồm tổ yến.",
    ),
    (
        "G/TBT/N/KOR/1230/Add.1",
        "Republic of Korea",
        "Electrical appliances safety certification",
        ["8516"],
        ["29.020"],
        10,
        "",
    ),
]


def load(out: Any) -> None:
    today = timezone.localdate()
    for number, title, title_en, ics, hs, status, replaced_by in STANDARDS:
        standard = Standard.objects.filter(number=number).first() or Standard(number=number)
        standard.title_vi, standard.title_en, standard.ics, standard.hs = title, title_en, ics, hs
        standard.status, standard.replaced_by = status, replaced_by
        standard.kind = Standard.Kind.QCVN if number.startswith("QCVN") else Standard.Kind.TCVN
        standard.refresh_search()
        standard.save()
    for symbol, member, title, hs, ics, days, summary in NOTIFICATIONS:
        notification = Notification.objects.filter(symbol=symbol).first()
        if notification is None:
            notification = Notification(symbol=symbol)
            notification.member = symbol.split("/")[3]
            notification.base_symbol = "/".join(symbol.split("/")[:5])
            notification.kind = (
                Notification.Kind.ADDENDUM if "/Add." in symbol else Notification.Kind.REGULAR
            )
        notification.member_name, notification.title = member, title
        notification.hs, notification.ics, notification.summary_vi = hs, ics, summary
        notification.distributed_on = today - dt.timedelta(days=3)
        notification.comment_deadline = today + dt.timedelta(days=days)
        notification.refresh_search()
        notification.save()
    user = User.objects.filter(username="doanhnghiep").first()
    business = user.organisation if user is not None else None
    if (
        user is not None
        and business is not None
        and not Subscription.objects.filter(organisation=business).exists()
    ):
        subscription = create_subscription(
            business,
            values={
                "name": "Thiết bị điện xuất khẩu",
                "email": user.email or "doanhnghiep@example.vn",
                "hs_prefixes": ["8516"],
                "ics_prefixes": ["29.020"],
                "markets": [],
                "keywords": ["thiết bị điện"],
                "include_standard_changes": True,
            },
            by=user,
        )
        Subscription.objects.filter(pk=subscription.pk).update(
            created_at=timezone.now() - dt.timedelta(days=7)
        )
        run_daily_digest(day=today)
    out.write(
        f"standards: {Standard.objects.count()} standards, {Notification.objects.count()} TBT notifications\n"
    )
