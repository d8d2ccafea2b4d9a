"""Demo traceability for Khánh Hòa: the demo business (`doanhnghiep`) with two products, three
places without a GLN, and a lot of mangoes harvested, pre-processed, packed and shipped in the
past week — its public page is /01/08934588063060/10/CL2611.

Idempotent: products, places and lots are found by their keys; a lot's steps are recorded only
when the lot is first created, dated relative to that day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tdc.accounts.models import User
from tdc.traceability.models import Lot, Place, Product
from tdc.traceability.services import create_place, create_product, record_step

DEMO_GTIN = "08934588063060"
DEMO_LOT = "CL2611"
PRODUCTS = [
    (DEMO_GTIN, "Xoài Úc Cam Lâm", "Vườn xoài Cam Lâm", "Trái cây tươi"),
    ("08934588063077", "Xoài sấy dẻo Cam Lâm", "Vườn xoài Cam Lâm", "Trái cây sấy"),
]
PLACES = [
    ("vuon-cam-lam", "Vườn xoài Cam Lâm", "Xã Cam Lâm, Khánh Hòa"),
    ("xuong-so-che", "Xưởng sơ chế Suối Dầu", "Xã Suối Dầu, Khánh Hòa"),
    ("kho-nha-trang", "Kho hàng Nha Trang", "Phường Nha Trang, Khánh Hòa"),
]
STEPS = [
    ("harvest", 0, 6, 1200),
    ("preprocess", 1, 5, 1150),
    ("pack", 1, 4, 1100),
    ("ship", 2, 3, 1100),
]


def load(out: Any) -> None:
    user = User.objects.filter(username="doanhnghiep").select_related("organisation").first()
    if user is None or user.organisation is None:
        out.write("traceability: no demo business user, skipped\n")
        return
    products = []
    for gtin, name, brand, category in PRODUCTS:
        product = Product.objects.filter(gtin=gtin).first()
        if product is None:
            product = create_product(user, gtin=gtin, name=name, brand=brand, category=category)
        products.append(product)
    places = []
    for code, name, address in PLACES:
        place = Place.objects.filter(owner=user.organisation, code=code).first()
        places.append(place or create_place(user, code=code, name=name, address=address))
    if Lot.objects.filter(product=products[0], number=DEMO_LOT).exists():
        out.write("traceability: demo lot already there\n")
        return
    now = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    for step, place_index, days_ago, kilograms in STEPS:
        record_step(
            user,
            step=step,
            product=products[0],
            lot_number=DEMO_LOT,
            place=places[place_index],
            when=now - dt.timedelta(days=days_ago),
            quantity=Decimal(kilograms),
            unit="KGM",
        )
    Lot.objects.filter(product=products[0], number=DEMO_LOT).update(
        best_before=(now + dt.timedelta(days=14)).date()
    )
    out.write(f"traceability: lot {DEMO_LOT} with {len(STEPS)} steps\n")
