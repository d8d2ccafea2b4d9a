"""Products and establishments: recorded once, found again (GTIN, tax code, folded name)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.accounts.services import create_organisation
from tdc.core.audit import record, snapshot
from tdc.core.text import clean_text, fold
from tdc.surveillance.models import Criterion, Establishment, Product, ProductCategory, Sample
from tdc.surveillance.rules.gtin import gtin14
from tdc.surveillance.uploads import clean_photo

# Who may be inspected: businesses, and verification, calibration and testing bodies (the
# seeds' "kiểm tra đặc thù" is an inspection of kind SPECIALISED of such a body).
INSPECTED_KINDS = (Organisation.Kind.BUSINESS, Organisation.Kind.TESTING_BODY)
PRODUCT_FIELDS = (
    "name",
    "brand",
    "model",
    "gtin",
    "hs_code",
    "category",
    "manufacturer",
    "importer",
    "risk_class",
)


def product_search_key(product: Product) -> str:
    return fold(" ".join([product.name, product.brand, product.model, product.gtin]))[:800]


@transaction.atomic
def create_product(
    *,
    province: Province,
    name: str,
    category: ProductCategory,
    by: User,
    brand: str = "",
    model: str = "",
    gtin: str = "",
    hs_code: str = "",
    manufacturer: str = "",
    importer: str = "",
    risk_class: str = Product.RiskClass.MEDIUM,
    photo: Any = None,
) -> Product:
    """Record a product; a GTIN is checked (biip) and stored as GTIN-14, once per province.
    A photo is checked and re-encoded without its metadata (`uploads.clean_photo`)."""
    cleaned_photo = clean_photo(photo) if photo else None
    code = gtin14(gtin) if gtin.strip() else ""
    if code and Product.objects.filter(province=province, gtin=code).exists():
        raise ValidationError({"gtin": _("Đã có sản phẩm mang mã GTIN %(gtin)s.") % {"gtin": code}})
    product = Product(
        province=province,
        name=clean_text(name, keep_newlines=False).strip(),
        brand=clean_text(brand, keep_newlines=False).strip(),
        model=clean_text(model, keep_newlines=False).strip(),
        gtin=code,
        hs_code=hs_code.strip(),
        category=category,
        manufacturer=clean_text(manufacturer, keep_newlines=False).strip(),
        importer=clean_text(importer, keep_newlines=False).strip(),
        risk_class=risk_class,
    )
    product.search_key = product_search_key(product)
    product.full_clean()
    if cleaned_photo is not None:
        product.photo.save(cleaned_photo.name or "photo.jpg", cleaned_photo, save=False)
    with removed_if_failed(product.photo.name):
        product.save()
    record(
        actor=by,
        action="surveillance.product_created",
        target=product,
        data={"values": snapshot(product, PRODUCT_FIELDS), "photo": bool(product.photo)},
    )
    return product


@contextmanager
def removed_if_failed(name: str | None) -> Iterator[None]:
    """A file just written is removed again when the save that should refer to it fails."""
    try:
        yield
    except BaseException:
        if name:
            default_storage.delete(name)
        raise


def replace_photo(record_with_photo: Product | Sample, *, upload: Any, by: User) -> None:
    """Store a checked photo on a product or a sample and log it; the previous file is removed
    once the transaction commits, the new one if the save fails."""
    cleaned = clean_photo(upload)
    previous = record_with_photo.photo.name
    record_with_photo.photo.save(cleaned.name or "photo.jpg", cleaned, save=False)
    with removed_if_failed(record_with_photo.photo.name):
        record_with_photo.save(update_fields=["photo", "updated_at"])
        record(
            actor=by,
            action="surveillance.photo_set",
            target=record_with_photo,
            data={"name": record_with_photo.photo.name, "replaced": bool(previous)},
        )
    if previous:
        transaction.on_commit(lambda: default_storage.delete(previous))


@transaction.atomic
def set_product_photo(product: Product, *, upload: Any, by: User) -> Product:
    replace_photo(product, upload=upload, by=by)
    return product


def establishment_duplicates(
    *, province_id: int, name: str, tax_code: str = ""
) -> QuerySet[Organisation]:
    """Business organisations of the province with this tax code or this name, accents
    optional ("cua hang hoa phat" finds "Cửa hàng Hòa Phát")."""
    key = fold(clean_text(name, keep_newlines=False))
    # Organisation.search_key is "name | short name | alias | …", folded.
    condition = (
        Q(search_key=key)
        | Q(search_key__startswith=key + " |")
        | Q(search_key__endswith="| " + key)
        | Q(search_key__contains="| " + key + " |")
    )
    if tax_code.strip():
        condition |= Q(tax_code=tax_code.strip())
    return Organisation.objects.filter(
        condition, province_id=province_id, kind=Organisation.Kind.BUSINESS
    ).order_by("name")


def _check_channels(channels: Iterable[str]) -> list[str]:
    chosen = [c for c in dict.fromkeys(channels) if c]
    unknown = [c for c in chosen if c not in Establishment.Channel.values]
    if unknown:
        raise ValidationError({"channels": _("Kênh bán hàng không hợp lệ.")})
    return chosen


@transaction.atomic
def register_establishment(
    *,
    province: Province,
    by: User,
    organisation: Organisation | None = None,
    name: str = "",
    tax_code: str = "",
    address: str = "",
    commune: Commune | None = None,
    channels: Sequence[str] = (),
    volume: str = Establishment.Volume.SMALL,
    categories: Iterable[ProductCategory] = (),
    allow_similar_name: bool = False,
) -> Establishment:
    """The establishment of a business organisation, creating the organisation when it is new.

    A new organisation with the tax code of an existing one is refused; one with the same
    (accent-insensitive) name is refused unless `allow_similar_name` (the officer confirmed it
    is another business).
    """
    if organisation is None:
        if not name.strip():
            raise ValidationError({"name": _("Nhập tên cơ sở.")})
        same = establishment_duplicates(province_id=province.pk, name=name, tax_code=tax_code)
        by_tax = [o for o in same if tax_code.strip() and o.tax_code == tax_code.strip()]
        if by_tax:
            raise ValidationError(
                {
                    "tax_code": _("Mã số thuế %(code)s đã thuộc về “%(name)s”: hãy chọn cơ sở đó.")
                    % {"code": tax_code.strip(), "name": by_tax[0].name}
                }
            )
        exact = any(o.name == clean_text(name, keep_newlines=False).strip() for o in same)
        if same.exists() and (exact or not allow_similar_name):
            raise ValidationError(
                {
                    "name": _(
                        "Đã có cơ sở tên “%(name)s”. Chọn cơ sở đó, hoặc xác nhận đây là "
                        "một cơ sở khác."
                    )
                    % {"name": same.first().name}  # type: ignore[union-attr]
                }
            )
        organisation = create_organisation(
            name=clean_text(name, keep_newlines=False),
            kind=Organisation.Kind.BUSINESS,
            province=province,
            by=by,
            commune=commune,
            tax_code=tax_code.strip(),
            address=clean_text(address, keep_newlines=False),
        )
    elif organisation.kind not in INSPECTED_KINDS or organisation.province_id != province.pk:
        raise ValidationError(
            _("Cơ sở phải là một doanh nghiệp hoặc một tổ chức kiểm định, thử nghiệm của tỉnh.")
        )
    existing = Establishment.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    establishment = Establishment(
        organisation=organisation,
        province=province,
        commune=commune or organisation.commune,
        address=clean_text(address or organisation.address, keep_newlines=False),
        channels=_check_channels(channels),
        volume=volume,
    )
    establishment.full_clean()
    establishment.save()
    establishment.categories.set(list(categories))
    record(
        actor=by,
        action="surveillance.establishment_registered",
        target=establishment,
        data={"organisation": organisation.pk, "channels": establishment.channels},
        organisation_id=organisation.pk,
    )
    return establishment


@transaction.atomic
def update_establishment(
    establishment: Establishment,
    *,
    by: User,
    channels: Sequence[str],
    volume: str,
    categories: Iterable[ProductCategory],
    address: str = "",
    international_warning_matches: int = 0,
) -> Establishment:
    before = snapshot(
        establishment, ["channels", "volume", "address", "international_warning_matches"]
    )
    before_categories = sorted(establishment.categories.values_list("pk", flat=True))
    establishment.channels = _check_channels(channels)
    establishment.volume = volume
    establishment.address = clean_text(address, keep_newlines=False)
    establishment.international_warning_matches = international_warning_matches
    establishment.full_clean()
    establishment.save()
    chosen = list(categories)
    establishment.categories.set(chosen)
    after = snapshot(
        establishment, ["channels", "volume", "address", "international_warning_matches"]
    )
    record(
        actor=by,
        action="surveillance.establishment_updated",
        target=establishment,
        data={
            "before": before,
            "after": after,
            "categories": {"from": before_categories, "to": sorted(c.pk for c in chosen)},
        },
        organisation_id=establishment.organisation_id,
    )
    return establishment


CATEGORIES_FILE = Path(__file__).resolve().parent.parent / "data" / "categories.json"


@transaction.atomic
def load_categories() -> int:
    """The TĐC categories and their criteria from data/categories.json (migration 0002 loads
    the same file; this is for a database emptied since, e.g. by a browser test). Idempotent."""
    count = 0
    for row in json.loads(CATEGORIES_FILE.read_text(encoding="utf-8")):
        category, _created = ProductCategory.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "hs_prefix": row["hs_prefix"],
                "severity_weight": Decimal(row["severity_weight"]),
                "exposure": Decimal(row["exposure"]),
            },
        )
        for criterion in row["criteria"]:
            Criterion.objects.update_or_create(
                category=category,
                standard=criterion["standard"],
                name=criterion["name"],
                defaults={
                    "unit": criterion["unit"],
                    "limit_min": Decimal(criterion["limit_min"])
                    if "limit_min" in criterion
                    else None,
                    "limit_max": Decimal(criterion["limit_max"])
                    if "limit_max" in criterion
                    else None,
                    "method": criterion.get("method", ""),
                },
            )
        count += 1
    return count
