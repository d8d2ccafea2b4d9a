"""The journey of a lot as people read it: its events in time order, each with what happened
(the business step in Vietnamese), where (the business's own name for the place) and how much."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from tdc.traceability.epcis.cbv import bare_word
from tdc.traceability.models import Event, Place, Product
from tdc.traceability.queries import identifier_of, public_journey

STEP_LABELS = {
    "commissioning": _("Thu hoạch, ghi nhận lô hàng"),
    "inspecting": _("Sơ chế, kiểm tra"),
    "packing": _("Đóng gói"),
    "shipping": _("Xuất bán, gửi hàng"),
    "receiving": _("Nhận hàng"),
    "storing": _("Lưu kho"),
    "transporting": _("Vận chuyển"),
    "retail_selling": _("Bán lẻ"),
    "accepting": _("Tiếp nhận"),
    "arriving": _("Đến nơi"),
    "departing": _("Rời đi"),
    "loading": _("Xếp hàng lên phương tiện"),
    "unloading": _("Dỡ hàng"),
    "sampling": _("Lấy mẫu"),
    "sensor_reporting": _("Ghi nhận cảm biến"),
    "destroying": _("Tiêu hủy"),
}
DISPOSITION_LABELS = {
    "active": _("đang lưu hành"),
    "in_progress": _("đang xử lý"),
    "in_transit": _("đang vận chuyển"),
    "container_closed": _("đã đóng gói"),
    "conformant": _("đạt yêu cầu"),
    "non_conformant": _("không đạt yêu cầu"),
    "recalled": _("bị thu hồi"),
    "retail_sold": _("đã bán"),
    "destroyed": _("đã tiêu hủy"),
    "expired": _("hết hạn"),
}
UNITS = {"KGM": "kg", "TNE": "tấn", "GRM": "g", "LTR": "lít", "H87": "sản phẩm", "XBX": "hộp"}


@dataclass(frozen=True)
class Step:
    time: dt.datetime
    label: str
    disposition: str
    place: str
    quantity: str


def _quantity(event: Event) -> str:
    parts = []
    for key in ("quantityList", "outputQuantityList"):
        for item in event.body.get(key) or []:
            amount = Decimal(str(item.get("quantity", "")) or "0").normalize()
            text = f"{amount:f}".replace(".", ",")
            parts.append(f"{text} {UNITS.get(item.get('uom', ''), item.get('uom', ''))}".strip())
    count = len(event.body.get("epcList") or [])
    if count and not parts:
        parts.append(f"{count} sản phẩm")
    return "; ".join(parts)


def journey_of(
    product: Product, *, lot: str = "", serial: str = ""
) -> tuple[list[Step], list[str]]:
    """The published steps of a lot (or a serialised item) and the places it went through."""
    events = public_journey(product, lot=lot, serial=serial)
    own_places = list(Place.objects.filter(owner_id=product.owner_id)) if events else []
    names = {p.identifier: p.name for p in own_places}
    names.update({_canonical(p.identifier): p.name for p in own_places})
    steps, places = [], []
    for event in events:
        where = event.biz_location or event.read_point
        written = (event.body.get("bizLocation") or event.body.get("readPoint") or {}).get("id", "")
        place = (
            names.get(written) or names.get(where) or (identifier_of(written) if written else "")
        )
        step = bare_word("bizStep", event.biz_step)
        steps.append(
            Step(
                time=event.event_time,
                label=str(STEP_LABELS.get(step, step or _("Sự kiện"))),
                disposition=str(DISPOSITION_LABELS.get(event.disposition, event.disposition)),
                place=place,
                quantity=_quantity(event),
            )
        )
        if place and place not in places:
            places.append(place)
    return steps, places


def _canonical(identifier: str) -> str:
    from tdc.traceability.gs1 import canonical_epc

    return canonical_epc(identifier)
