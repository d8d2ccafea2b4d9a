"""Demo register for Khánh Hòa: ~200 instruments with verifications, some overdue, some due soon.

Idempotent: instruments are found by (type, owner, serial, province) and verifications by stamp,
so a second run changes nothing. Dates are set relative to the day of the first load.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from tdc.accounts import services as account_services
from tdc.accounts.models import Commune, Organisation, Province
from tdc.core.text import fold
from tdc.metrology import services
from tdc.metrology.models import Instrument, InstrumentType, Verification

KHANH_HOA = 56
DEMO_STAMP = "KH-BX-0001"  # a fuel dispenser of Xăng dầu Biển Xanh, validly verified
VERIFIER = "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa"
OWNERS = [
    ("Công ty TNHH Xăng dầu Biển Xanh", "Xăng dầu Biển Xanh"),
    ("Công ty Cổ phần Taxi Nha Trang", "Taxi Nha Trang"),
    ("Ban Quản lý chợ Đầm", "Chợ Đầm"),
    ("Công ty Cổ phần Cấp thoát nước Khánh Hòa", "Cấp thoát nước Khánh Hòa"),
]
COMMUNES = [
    "Phường Nha Trang",
    "Phường Bắc Nha Trang",
    "Phường Tây Nha Trang",
    "Phường Nam Nha Trang",
    "Phường Cam Ranh",
    "Phường Ninh Hòa",
    "Xã Vạn Ninh",
    "Xã Diên Khánh",
]
# (type code, owner index, serial prefix, count, manufacturer, model, range, class, stamp prefix)
BATCHES = [
    ("cot-do-xang-dau", 0, "BX", 60, "Tatsuno", "SUNNY-II", "5–50 L/min", "0,5", "KH-BX"),
    ("taximet", 1, "TX", 40, "Hua Tong", "HT-T8", "0–9 999 km", "2", "KH-TX"),
    ("can-dong-ho-lo-xo", 2, "CD", 30, "Nhơn Hòa", "NHS-30", "0–30 kg", "4", "KH-CD"),
    (
        "can-ban-can-dia-can-treo-doc-thep-la-de",
        2,
        "CB",
        20,
        "Vĩnh Phát",
        "VP-150",
        "0–150 kg",
        "3",
        "KH-CB",
    ),
    ("dong-ho-do-nuoc-lanh-co-khi", 3, "NC", 50, "Asahi", "WVM-15", "Qn 1,5 m³/h", "B", "KH-NC"),
]


def _owner(name: str, short: str, province: Province) -> Organisation:
    existing = Organisation.objects.filter(province=province, name=name).first()
    if existing is not None:
        return existing
    return account_services.create_organisation(
        name=name,
        short_name=short,
        kind=Organisation.Kind.BUSINESS,
        province=province,
        by=None,
        email=f"{fold(short).replace(' ', '.')}@demo.tdc.localhost",
    )


def _verifier(province: Province) -> Organisation:
    existing = Organisation.objects.filter(province=province, name=VERIFIER).first()
    if existing is not None:
        return existing
    return account_services.create_organisation(
        name=VERIFIER,
        short_name="Trung tâm Kỹ thuật TĐC",
        kind=Organisation.Kind.TESTING_BODY,
        province=province,
        by=None,
    )


def load(out: Any) -> None:
    province = Province.objects.get(code=KHANH_HOA)
    communes = list(Commune.objects.filter(province=province, name__in=COMMUNES).order_by("name"))
    owners = [_owner(name, short, province) for name, short in OWNERS]
    verifier = _verifier(province)
    today = timezone.localdate()
    rng = random.Random(KHANH_HOA)  # noqa: S311  (demo data, not secrets)
    created = 0
    for code, owner_index, prefix, count, maker, model, span, accuracy, stamp_prefix in BATCHES:
        kind = InstrumentType.objects.get(code=code)
        cycle_days = (kind.cycle_months or 12) * 30
        for n in range(1, count + 1):
            serial = f"{prefix}-{n:04d}"
            owner = owners[owner_index]
            instrument = Instrument.objects.filter(
                type=kind, owner=owner, serial=serial, province=province
            ).first()
            if instrument is None:
                commune = communes[(n * 7 + owner_index) % len(communes)]
                instrument = services.register_instrument(
                    owner=owner,
                    type=kind,
                    serial=serial,
                    commune=commune,
                    by=None,
                    manufacturer=maker,
                    model=model,
                    measuring_range=span,
                    accuracy_class=accuracy,
                    address=f"Số {10 + n} đường {rng.choice(['Trần Phú', 'Lê Thánh Tôn', 'Hùng Vương', '2 Tháng 4'])}",
                )
                created += 1
            stamp = f"{stamp_prefix}-{n:04d}"
            # A failed verification has no stamp: look for the certificate, which every
            # demo verification has, so that a second run records nothing again.
            if Verification.objects.filter(certificate_number=f"GCN-{stamp}").exists():
                continue
            if n == 1:
                age = 20  # the demo stamp: verified three weeks ago, valid
            elif n % 9 == 0:
                age = cycle_days + rng.randint(5, 120)  # overdue
            elif n % 5 == 0:
                age = cycle_days - rng.randint(1, 25)  # due within the month
            else:
                age = rng.randint(30, cycle_days - 40)
            failed = n % 23 == 0
            services.record_verification(
                instrument,
                by=None,
                verified_on=today - dt.timedelta(days=age),
                verifier=verifier,
                result=Verification.Result.FAILED if failed else Verification.Result.PASSED,
                stamp_number="" if failed else stamp,
                certificate_number=f"GCN-{stamp}",
                form="dinh_ky",
            )
    out.write(
        f"Metrology: {Instrument.objects.filter(province=province).count()} instruments in "
        f"{province.name} ({created} new); demo stamp {DEMO_STAMP}.\n"
    )
