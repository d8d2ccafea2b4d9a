"""Demo market surveillance for Khánh Hòa: establishments, products with real GTINs, last
year's and this year's surveys with failing samples, a risk assessment, a published warning,
an approved inspection plan with inspections and violations, and scores.

Idempotent: nothing is added when this year's survey programme exists. Dates are relative to
the day of the load.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.surveillance import services
from tdc.surveillance.models import (
    Criterion,
    Establishment,
    Product,
    ProductCategory,
    SurveyProgramme,
)
from tdc.surveillance.rules.matrix import Step

KHANH_HOA = 56
DEMO_GTIN = "8934567000048"  # the toy with a lead-painted coating: a published warning
ESTABLISHMENTS = [
    # name, tax code, commune, channels, volume, categories
    (
        "Công ty TNHH Xăng dầu Biển Xanh",
        "4201234567",
        "Phường Nha Trang",
        ["shop", "wholesale"],
        "large",
        ["xang-dau"],
    ),
    (
        "Cửa hàng Đồ chơi Hoa Sen",
        "4209876501",
        "Phường Nha Trang",
        ["shop", "online"],
        "medium",
        ["do-choi-tre-em"],
    ),
    (
        "Siêu thị Điện máy Biển Đông",
        "4209876502",
        "Phường Cam Ranh",
        ["supermarket", "online"],
        "large",
        ["thiet-bi-dien"],
    ),
    (
        "Cửa hàng Mũ bảo hiểm Thành Công",
        "4209876503",
        "Phường Ninh Hòa",
        ["stall"],
        "small",
        ["mu-bao-hiem"],
    ),
    (
        "Đại lý Gas Vạn Ninh",
        "4209876504",
        "Xã Vạn Ninh",
        ["shop"],
        "small",
        ["khi-dau-mo-hoa-long"],
    ),
    (
        "Tiệm vàng Kim Phát",
        "4209876505",
        "Phường Nha Trang",
        ["shop"],
        "medium",
        ["vang-trang-suc"],
    ),
    (
        "Công ty CP Thép Cam Ranh",
        "4209876506",
        "Phường Cam Ranh",
        ["wholesale", "multi_province"],
        "large",
        ["thep-xay-dung"],
    ),
]
PRODUCTS = [
    # name, brand, gtin, category, risk class, manufacturer
    (
        "Xăng RON 95-III",
        "Biển Xanh",
        "8934567000017",
        "xang-dau",
        "high",
        "Công ty TNHH Xăng dầu Biển Xanh",
    ),
    (
        "Bộ đồ chơi xếp hình gỗ sơn màu",
        "HappyKids",
        "8934567000024",
        "do-choi-tre-em",
        "high",
        "Xưởng gỗ Minh Châu",
    ),
    (
        "Ấm siêu tốc 1,8 lít",
        "Sunhouse-K",
        "8934567000031",
        "thiet-bi-dien",
        "medium",
        "Công ty TNHH Điện gia dụng Ánh Dương",
    ),
    ("Xe đẩy đồ chơi sơn đỏ", "Bé Vui", DEMO_GTIN, "do-choi-tre-em", "high", "Không rõ nguồn gốc"),
    ("Mũ bảo hiểm nửa đầu", "Sơn Thành", "8934567000055", "mu-bao-hiem", "high", "Cơ sở Sơn Thành"),
    (
        "Bình gas 12 kg",
        "Petro Vạn Ninh",
        "8934567000062",
        "khi-dau-mo-hoa-long",
        "high",
        "Công ty CP Gas Miền Trung",
    ),
]
# programme year offset, sample code, product index, establishment index, days ago, results
# results: (criterion name, measured, unit)
SAMPLES = [
    (
        -1,
        "KS-{y}-001",
        0,
        0,
        300,
        [("Trị số octan (RON)", "95,2", "RON"), ("Hàm lượng lưu huỳnh", "38", "mg/kg")],
    ),
    (-1, "KS-{y}-002", 1, 1, 290, [("Hàm lượng chì (Pb) trong lớp phủ", "KPH", "mg/kg")]),
    (-1, "KS-{y}-003", 2, 2, 280, [("Dòng điện rò", "0,9", "mA")]),
    (-1, "KS-{y}-004", 4, 3, 270, [("Gia tốc va đập lớn nhất", "412", "g")]),
    (
        0,
        "KS-{y}-001",
        3,
        1,
        40,
        [
            ("Hàm lượng chì (Pb) trong lớp phủ", "1.250", "mg/kg"),
            ("Hàm lượng cadimi (Cd)", "<5", "mg/kg"),
        ],
    ),
    (0, "KS-{y}-002", 0, 0, 35, [("Trị số octan (RON)", "91,4", "RON")]),
    (0, "KS-{y}-003", 5, 4, 30, [("Hàm lượng lưu huỳnh tổng", "0,1", "g/kg")]),
]


def _officers() -> tuple[User, User] | None:
    first = User.objects.filter(username="canbo.tdc").first()
    second = User.objects.filter(username="kiemtra.tdc").first()
    return (first, second) if first and second else None


def _establishments(province: Province, by: User) -> list[Establishment]:
    made = []
    for name, tax, commune_name, channels, volume, codes in ESTABLISHMENTS:
        organisation = Organisation.objects.filter(province=province, name=name).first()
        commune = Commune.objects.filter(province=province, name=commune_name).first()
        categories = list(ProductCategory.objects.filter(code__in=codes))
        if organisation is not None and hasattr(organisation, "establishment"):
            made.append(organisation.establishment)
            continue
        made.append(
            services.register_establishment(
                province=province,
                by=by,
                organisation=organisation,
                name="" if organisation else name,
                tax_code="" if organisation else tax,
                address="",
                commune=commune,
                channels=channels,
                volume=volume,
                categories=categories,
            )
        )
    return made


def _products(province: Province, by: User) -> list[Product]:
    made = []
    for name, brand, gtin, code, risk, manufacturer in PRODUCTS:
        existing = Product.objects.filter(province=province, gtin="0" + gtin).first()
        made.append(
            existing
            or services.create_product(
                province=province,
                name=name,
                brand=brand,
                gtin=gtin,
                category=ProductCategory.objects.get(code=code),
                risk_class=risk,
                manufacturer=manufacturer,
                by=by,
            )
        )
    cart = next(p for p in made if p.gtin == "0" + DEMO_GTIN)
    if not cart.photo:  # the demo warning's product has a photo, shown on the public page
        services.set_product_photo(cart, upload=_demo_photo(), by=by)
    return made


def _demo_photo() -> ContentFile[bytes]:
    """A drawn picture (a red toy cart) standing in for an officer's photo."""
    image = Image.new("RGB", (480, 320), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((90, 120, 390, 220), fill=(200, 30, 40))
    for x in (140, 340):
        draw.ellipse((x - 32, 200, x + 32, 264), fill=(40, 40, 40))
    draw.line((390, 120, 440, 60), fill=(90, 60, 30), width=10)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return ContentFile(out.getvalue(), name="xe-day.png")


@transaction.atomic
def _load(province: Province, officer: User, second: User, out: Any) -> None:
    today = timezone.localdate()
    establishments = _establishments(province, officer)
    products = _products(province, officer)
    programmes = {}
    for offset in (-1, 0):
        year = today.year + offset
        programmes[offset] = services.create_programme(
            province=province,
            year=year,
            title=f"Khảo sát chất lượng sản phẩm, hàng hóa năm {year}",
            categories=ProductCategory.objects.all(),
            planned_samples=20,
            area="Toàn tỉnh Khánh Hòa",
            executor="Chi cục Tiêu chuẩn Đo lường Chất lượng",
            by=officer,
        )
    samples = {}
    for offset, code, product, establishment, days, results in SAMPLES:
        programme = programmes[offset]
        sampled_on = today - dt.timedelta(days=days)
        if sampled_on.year != programme.year:
            sampled_on = dt.date(programme.year, min(sampled_on.month, 12), 1)
        sample = services.record_sample(
            programme,
            code=code.format(y=programme.year),
            product=products[product],
            establishment=establishments[establishment],
            sampled_on=sampled_on,
            place="Tại quầy bán lẻ",
            price=Decimal(150000),
            lot="L" + str(programme.year)[-2:] + "01",
            lab="Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa",
            by=officer,
        )
        for name, measured, unit in results:
            criterion = Criterion.objects.get(category=sample.product.category, name=name)
            services.record_result(
                sample, criterion=criterion, measured=measured, unit=unit, by=officer
            )
        samples[(offset, code)] = sample
    toy = samples[(0, "KS-{y}-001")]
    toy.refresh_from_db()
    services.assess_risk(
        toy.product,
        hazard="Lớp sơn chứa chì vượt giới hạn (1.250 mg/kg so với 90 mg/kg)",
        steps=[
            Step("Trẻ dưới 3 tuổi ngậm, gặm phần sơn của đồ chơi", Decimal("0.5")),
            Step("Chì từ lớp sơn bong ra được nuốt vào", Decimal("0.2")),
            Step("Phơi nhiễm lặp lại gây nhiễm độc chì", Decimal("0.1")),
        ],
        severity=4,
        sample=toy,
        by=officer,
    )
    warning = services.draft_warning_from_sample(
        toy,
        by=officer,
        hazard=(
            "Lớp sơn của xe đẩy đồ chơi chứa chì 1.250 mg/kg, vượt mức giới hạn 90 mg/kg của "
            "QCVN 3:2019/BKHCN. Trẻ nhỏ ngậm, gặm đồ chơi có thể bị nhiễm độc chì."
        ),
        measures="Tạm dừng lưu thông lô hàng; yêu cầu cơ sở thu hồi sản phẩm đã bán.",
    )
    services.approve_warning(warning, by=second)
    services.publish_warning(warning, by=officer)
    # Last year's plan, approved and carried out: the history that feeds this year's scores.
    plan = services.generate_plan(
        province=province, year=today.year - 1, budget=5, by=officer, seed=20250101
    )
    services.review_plan(plan, by=second)
    services.approve_plan(plan, by=officer)
    for item in plan.items.select_related("establishment")[:4]:
        inspection = services.schedule_inspection(
            item.establishment,
            inspected_on=dt.date(plan.year, 10, 15),
            team="Trưởng đoàn: Trần Thị Thu; thành viên: Lê Văn Kiểm",
            by=officer,
            plan_item=item,
        )
        services.record_inspection_result(
            inspection,
            by=officer,
            findings="Kiểm tra nhãn hàng hóa, dấu hợp quy và phương tiện đo.",
            checked_labels=True,
            checked_marks=True,
            instrument_ids=[
                i["id"] for i in services.instruments_of(item.establishment, user=officer)
            ][:2],
        )
        if item.risk_category in ("A", "B"):
            services.add_violation(
                inspection,
                by=officer,
                description="Kinh doanh hàng hóa không có dấu hợp quy theo quy định.",
                legal_basis="Khoản 2 Điều 21 Nghị định 119/2017/NĐ-CP",
                fine_amount=Decimal(5000000),
                decision_number=f"{item.rank:02d}/QĐ-XPHC",
            )
    services.score_establishments(province.pk)
    out.write(
        f"  surveillance: {len(establishments)} establishments, {len(products)} products, "
        f"{len(samples)} samples, warning {warning.reference}\n"
    )


def load(out: Any) -> None:
    province = Province.objects.filter(code=KHANH_HOA).first()
    officers = _officers()
    if province is None or officers is None:
        return
    if SurveyProgramme.objects.filter(province=province, year=timezone.localdate().year).exists():
        return
    _load(province, officers[0], officers[1], out)
