"""Market surveillance over JSON: published warnings (search, by barcode) and the
establishments a user may see with their scores — the same doors and queries as the pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from tdc.surveillance import access, queries
from tdc.surveillance.models import ConsumerWarning, Establishment
from tdc.surveillance.rules.gtin import maybe_gtin14
from tdc.surveillance.services import explain

router = Router(tags=["surveillance"])


class WarningOut(Schema):
    reference: str
    title: str
    risk_level: str
    product_name: str
    brand: str
    gtin: str
    hazard: str
    measures: str
    where_sold: str
    published_at: dt.datetime | None

    @staticmethod
    def resolve_product_name(obj: ConsumerWarning) -> str:
        return obj.product.name

    @staticmethod
    def resolve_brand(obj: ConsumerWarning) -> str:
        return obj.product.brand


class TermOut(Schema):
    key: str
    label: str
    points: int
    maximum: int
    explanation: str


class EstablishmentOut(Schema):
    id: int
    name: str
    tax_code: str
    channels: list[str]
    score: int | None
    risk_category: str
    triggers: list[str]
    score_terms: list[TermOut]

    @staticmethod
    def resolve_name(obj: Establishment) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_tax_code(obj: Establishment) -> str:
        return obj.organisation.tax_code

    @staticmethod
    def resolve_score_terms(obj: Establishment) -> list[dict[str, object]]:
        explained = explain(obj)
        return [] if explained is None else [vars(term) for term in explained.terms]


@router.get("/warnings", response=list[WarningOut])
@paginate
def list_warnings(request: HttpRequest, q: str = "") -> QuerySet[ConsumerWarning]:
    """Published warnings, newest first; `q` searches name, brand or barcode, accents optional."""
    if len(q) > 100:
        raise HttpError(422, _("Từ khóa tìm kiếm quá dài (tối đa 100 ký tự)."))
    return queries.search_published_warnings(q) if q.strip() else queries.published_warnings()


@router.get("/warnings/by-gtin/{gtin}", response=list[WarningOut])
def warnings_for_barcode(request: HttpRequest, gtin: str) -> QuerySet[ConsumerWarning]:
    """Is there a warning for this barcode? An empty list means none."""
    code = maybe_gtin14(gtin[:20])
    if code is None:
        raise HttpError(
            422, _("Mã GTIN không hợp lệ (8, 12, 13 hoặc 14 chữ số, đúng số kiểm tra).")
        )
    return queries.warnings_for_gtin(code)


@router.get("/establishments", response=list[EstablishmentOut])
@paginate
def list_establishments(request: HttpRequest) -> QuerySet[Establishment]:
    return queries.establishments_visible_to(request.user).order_by("pk")


@router.get("/establishments/{pk}", response=EstablishmentOut)
def get_establishment(request: HttpRequest, pk: int) -> Establishment:
    return access.get_establishment_for_user(request.user, pk)
