"""Vietnam's administrative units after the 2025 reform, from the `vietnam-provinces` package."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province as PackageProvince
from vietnam_provinces import Ward as PackageWard

from tdc.accounts.models import Commune, Province
from tdc.core.text import fold


@dataclass(frozen=True)
class UnitSyncResult:
    provinces_created: int
    provinces_updated: int
    communes_created: int
    communes_updated: int
    communes_total: int


def _division(value: object) -> str:
    return str(getattr(value, "value", value))


@transaction.atomic
def sync_administrative_units() -> UnitSyncResult:
    """Insert or update every province and commune; running it twice changes nothing."""
    existing_p = {p.code: p for p in Province.objects.all()}
    p_new, p_changed = [], []
    for item in PackageProvince.iter_all():
        code = int(item.code)
        values = {
            "name": item.name,
            "codename": item.codename,
            "division_type": _division(item.division_type),
        }
        current = existing_p.get(code)
        if current is None:
            p_new.append(Province(code=code, **values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            p_changed.append(current)
    Province.objects.bulk_create(p_new)
    Province.objects.bulk_update(p_changed, ["name", "codename", "division_type"])

    existing_c = {c.code: c for c in Commune.objects.all()}
    c_new, c_changed = [], []
    fields = ["name", "codename", "division_type", "province_id", "search_key"]
    for ward in PackageWard.iter_all():
        code = int(ward.code)
        ward_values: dict[str, object] = {
            "name": ward.name,
            "codename": ward.codename,
            "division_type": _division(ward.division_type),
            "province_id": int(ward.province_code),
            "search_key": fold(ward.name),
        }
        current_c = existing_c.get(code)
        if current_c is None:
            c_new.append(Commune(code=code, **ward_values))
        elif any(getattr(current_c, key) != value for key, value in ward_values.items()):
            for key, value in ward_values.items():
                setattr(current_c, key, value)
            c_changed.append(current_c)
    Commune.objects.bulk_create(c_new, batch_size=500)
    Commune.objects.bulk_update(c_changed, fields, batch_size=500)
    return UnitSyncResult(
        provinces_created=len(p_new),
        provinces_updated=len(p_changed),
        communes_created=len(c_new),
        communes_updated=len(c_changed),
        communes_total=Commune.objects.count(),
    )


def province_by_name(name: str) -> Province | None:
    """Find a province by a name as plans write it ("tỉnh Khánh Hòa", "Thừa Thiên Huế")."""
    key = fold(name).removeprefix("tinh ").removeprefix("thanh pho ").strip()
    key = FORMER_PROVINCES.get(key, key)
    for province in Province.objects.all():
        if fold(province.short_name) == key:
            return province
    return None


# Provinces merged or renamed in 2025, mapped to their successor (folded names).
FORMER_PROVINCES = {
    "thua thien hue": "hue",
    "tra vinh": "vinh long",
    "ben tre": "vinh long",
    "thai binh": "hung yen",
    "ninh thuan": "khanh hoa",
    "quang nam": "da nang",
    "kon tum": "quang ngai",
    "binh dinh": "gia lai",
    "phu yen": "dak lak",
    "dak nong": "lam dong",
    "binh thuan": "lam dong",
    "binh phuoc": "dong nai",
    "binh duong": "ho chi minh",
    "ba ria - vung tau": "ho chi minh",
    "ba ria vung tau": "ho chi minh",
    "long an": "tay ninh",
    "tien giang": "dong thap",
    "kien giang": "an giang",
    "soc trang": "can tho",
    "hau giang": "can tho",
    "bac lieu": "ca mau",
    "ha giang": "tuyen quang",
    "yen bai": "lao cai",
    "bac kan": "thai nguyen",
    "hoa binh": "phu tho",
    "vinh phuc": "phu tho",
    "bac giang": "bac ninh",
    "hai duong": "hai phong",
    "ha nam": "ninh binh",
    "nam dinh": "ninh binh",
    "quang binh": "quang tri",
}
