"""What small producers do without ever writing EPCIS: their products (GTIN, name, brand,
category, image), their places, their lots, the four steps they know — "thu hoạch", "sơ chế",
"đóng gói", "xuất bán" — which become proper EPCIS events, and an XLSX import of lots."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.accounts.models import User
from tdc.core.audit import edit_with_audit, record
from tdc.core.text import clean_text
from tdc.traceability.epcis.context import STANDARD_CONTEXT
from tdc.traceability.gs1 import (
    IdentifierError,
    normalise_gln,
    normalise_gtin,
    normalise_lot,
    private_location_id,
)
from tdc.traceability.models import Lot, LotImport, Place, Product
from tdc.traceability.services.capture import (
    CaptureResult,
    capture_document,
    capturing_organisation,
    public_pages_changed,
)


@dataclass(frozen=True)
class StepKind:
    label: Any
    biz_step: str
    disposition: str
    action: str


# The four steps of a small producer, as CBV 2.0 says them. A harvest creates the lot (ADD);
# the later steps observe it.
STEPS: dict[str, StepKind] = {
    "harvest": StepKind(gettext_lazy("Thu hoạch"), "commissioning", "active", "ADD"),
    "preprocess": StepKind(gettext_lazy("Sơ chế"), "inspecting", "in_progress", "OBSERVE"),
    "pack": StepKind(gettext_lazy("Đóng gói"), "packing", "container_closed", "OBSERVE"),
    "ship": StepKind(gettext_lazy("Xuất bán"), "shipping", "in_transit", "OBSERVE"),
}
PRODUCT_FIELDS = ["name", "brand", "category", "description", "published"]


def _gtin_or_error(value: str, field_name: str = "gtin") -> str:
    try:
        return normalise_gtin(value)
    except IdentifierError as exc:
        raise ValidationError({field_name: str(exc)}) from None


@transaction.atomic
def create_product(by: User, **values: Any) -> Product:
    owner = capturing_organisation(by)
    gtin = _gtin_or_error(str(values.pop("gtin", "")))
    if Product.objects.filter(gtin=gtin).exists():
        raise ValidationError({"gtin": _("Mã GTIN %(gtin)s đã được đăng ký.") % {"gtin": gtin}})
    product = Product(owner=owner, province=owner.province, gtin=gtin)
    for name in [*PRODUCT_FIELDS, "image"]:
        if name in values:
            value = values[name]
            setattr(product, name, clean_text(value) if isinstance(value, str) else value)
    product.full_clean()
    product.save()
    record(actor=by, action="traceability.product_created", target=product, data={"gtin": gtin})
    public_pages_changed()
    return product


@transaction.atomic
def update_product(product: Product, *, by: User, **values: Any) -> Product:
    cleaned = {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}
    fields = [name for name in PRODUCT_FIELDS if name in cleaned]
    edit_with_audit(
        product,
        by=by,
        fields=fields,
        values={name: cleaned[name] for name in fields},
        action="traceability.product_updated",
    )
    if cleaned.get("image"):
        product.image = cleaned["image"]
        product.save(update_fields=["image"])
    public_pages_changed()
    return product


@transaction.atomic
def create_place(by: User, *, code: str, name: str, address: str = "", gln: str = "") -> Place:
    owner = capturing_organisation(by)
    place = Place(
        owner=owner, code=code.strip().lower(), name=clean_text(name), address=clean_text(address)
    )
    try:  # the code names the place in its events (a slug may hold "_", an identifier not)
        private_location_id(str(owner.pk), place.code)
    except IdentifierError as exc:
        raise ValidationError({"code": str(exc)}) from None
    if gln.strip():
        try:
            place.gln = normalise_gln(gln)
        except IdentifierError as exc:
            raise ValidationError({"gln": str(exc)}) from None
    place.full_clean()
    place.save()
    record(actor=by, action="traceability.place_created", target=place, data={"code": place.code})
    return place


def _lot_for(product: Product, number: str, **values: Any) -> tuple[Lot, bool]:
    try:
        lot_number = normalise_lot(number)
    except IdentifierError as exc:
        raise ValidationError({"lot": str(exc)}) from None
    lot, created = Lot.objects.get_or_create(product=product, number=lot_number, defaults=values)
    return lot, created


def _local(moment: dt.datetime) -> tuple[str, str]:
    offset = moment.utcoffset() or dt.timedelta(hours=7)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    text = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return moment.isoformat(timespec="milliseconds"), text


def step_event(
    step: str, *, lot: Lot, place: Place, when: dt.datetime, quantity: Decimal | None, unit: str
) -> dict[str, Any]:
    """The EPCIS ObjectEvent of a producer's step on a lot (quantity by lot class: lgtin)."""
    kind = STEPS[step]
    quantity_element: dict[str, Any] = {"epcClass": lot.epc_class}
    if quantity is not None:
        quantity_element.update({"quantity": float(quantity), "uom": unit})
    event_time, offset = _local(when)
    return {
        "type": "ObjectEvent",
        "eventTime": event_time,
        "eventTimeZoneOffset": offset,
        "epcList": [],
        "quantityList": [quantity_element],
        "action": kind.action,
        "bizStep": kind.biz_step,
        "disposition": kind.disposition,
        "readPoint": {"id": place.identifier},
        "bizLocation": {"id": place.identifier},
    }


@transaction.atomic
def record_step(
    by: User,
    *,
    step: str,
    product: Product,
    lot_number: str,
    place: Place,
    when: dt.datetime,
    quantity: Decimal | None = None,
    unit: str = "KGM",
) -> CaptureResult:
    """One step of the producer's form, captured as an EPCIS document like any other."""
    if step not in STEPS:
        raise ValidationError({"step": _("Công đoạn không hợp lệ.")})
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"when": _("Thời điểm không được ở tương lai.")})
    owner = capturing_organisation(by)
    if product.owner_id != owner.pk or place.owner_id != owner.pk:
        raise ValidationError(_("Chỉ ghi được công đoạn cho sản phẩm và địa điểm của mình."))
    lot, _created = _lot_for(
        product, lot_number, produced_on=when.date() if step == "harvest" else None
    )
    document = {
        "@context": [STANDARD_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "epcisBody": {
            "eventList": [
                step_event(step, lot=lot, place=place, when=when, quantity=quantity, unit=unit)
            ]
        },
    }
    return capture_document(json.dumps(document), by=by, source="form")


# --- The lot import ------------------------------------------------------------------------

LOT_COLUMNS = ["GTIN", "Số lô", "Ngày sản xuất", "Hạn sử dụng", "Số lượng", "Đơn vị"]
MAX_IMPORT_ROWS = 5000
LOT_UNITS = ("KGM", "TNE", "GRM", "LTR", "H87", "XBX")


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        day, month, year = (int(part) for part in str(value).strip().split("/"))
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        raise ValueError(_("ngày “%(v)s” phải viết dd/mm/yyyy") % {"v": value}) from None


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("số lượng “%(v)s” không phải một số") % {"v": value}) from None
    if amount < 0 or amount >= Decimal("1e11"):
        raise ValueError(_("số lượng “%(v)s” nằm ngoài phạm vi cho phép") % {"v": value})
    return amount


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value)).strip()


@dataclass
class _LotRow:
    row: int
    values: list[str]
    gtin: str
    number: str
    produced: dt.date | None
    best_before: dt.date | None
    quantity: Decimal | None
    unit: str


def _read_lot_rows(data: bytes) -> list[tuple[int, list[str], Any]]:
    """Each non-empty row of the sheet: its number, its cells as shown and as read."""
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError(
            _("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")
        ) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, ())]
        if header[: len(LOT_COLUMNS)] != LOT_COLUMNS:
            raise ValidationError(
                _("Dòng tiêu đề phải là: %(columns)s.") % {"columns": ", ".join(LOT_COLUMNS)}
            )
        found = []
        for number, values in enumerate(rows, start=2):
            if number - 1 > MAX_IMPORT_ROWS:
                raise ValidationError(
                    _("Tệp có quá %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_IMPORT_ROWS}
                )
            cells = list(values[: len(LOT_COLUMNS)]) + [None] * (len(LOT_COLUMNS) - len(values))
            shown = [
                _text(v) if not isinstance(v, dt.date) else v.strftime("%d/%m/%Y") for v in cells
            ]
            if any(shown):
                found.append((number, shown, cells))
        return found
    finally:
        workbook.close()


def _lot_row(number: int, shown: list[str], cells: list[Any], products: set[str]) -> _LotRow:
    gtin = normalise_gtin(shown[0])
    if gtin not in products:
        raise ValueError(_("GTIN %(g)s không phải sản phẩm của doanh nghiệp") % {"g": gtin})
    lot_number = normalise_lot(shown[1])
    produced, best_before = _date(cells[2]), _date(cells[3])
    if produced and best_before and best_before < produced:
        raise ValueError(_("hạn sử dụng trước ngày sản xuất"))
    quantity = _amount(cells[4])
    unit = shown[5] or "KGM"
    if unit not in LOT_UNITS:
        raise ValueError(
            _("đơn vị “%(u)s” không dùng được (%(units)s)")
            % {"u": unit, "units": ", ".join(LOT_UNITS)}
        )
    return _LotRow(number, shown, gtin, lot_number, produced, best_before, quantity, unit)


@transaction.atomic
def import_lots(by: User, data: bytes, *, file_name: str = "") -> LotImport:
    """Lots from an XLSX sheet (columns LOT_COLUMNS), all or nothing: when every row is right
    each lot is stored (one already there is left as it is); when any row is wrong, no lot is
    stored and every wrong row is kept with its reason, for the page and the error file."""
    owner = capturing_organisation(by)
    rows = _read_lot_rows(data)
    products = {p.gtin: p for p in Product.objects.filter(owner=owner)}
    good: list[_LotRow] = []
    problems: list[dict[str, Any]] = []
    first_row: dict[tuple[str, str], int] = {}
    for number, shown, cells in rows:
        try:
            lot = _lot_row(number, shown, cells, set(products))
            if (lot.gtin, lot.number) in first_row:
                raise ValueError(
                    _("lô %(lot)s của GTIN %(gtin)s đã có ở dòng %(row)s")
                    % {"lot": lot.number, "gtin": lot.gtin, "row": first_row[lot.gtin, lot.number]}
                )
            first_row[lot.gtin, lot.number] = number
            good.append(lot)
        except (IdentifierError, ValueError) as exc:
            problems.append({"row": number, "values": shown, "message": str(exc)})
    job = LotImport(owner=owner, file_name=file_name[:255], created_by=by, problems=problems)
    if problems:
        job.status = LotImport.Status.REJECTED
    else:
        job.status = LotImport.Status.DONE
        for lot in good:
            _stored, created = Lot.objects.get_or_create(
                product=products[lot.gtin],
                number=lot.number,
                defaults={
                    "produced_on": lot.produced,
                    "best_before": lot.best_before,
                    "quantity": lot.quantity,
                    "unit": lot.unit,
                },
            )
            if created:
                job.created_count += 1
            else:
                job.existing_count += 1
        if job.created_count:
            public_pages_changed()
    job.full_clean()
    job.save()
    record(
        actor=by,
        action="traceability.lots_imported",
        target=job,
        data={
            "status": job.status,
            "created": job.created_count,
            "existing": job.existing_count,
            "rejected": len(problems),
        },
        organisation_id=owner.pk,
    )
    return job
