"""A business's product master and places over JSON: the overview's and the product page's
reads (the door: `products_visible_to`, `places_of`), and the writes of the product and place
forms through the same services (`create_product`, `update_product`, `create_place`)."""

# No `from __future__ import annotations`: ninja's @paginate reads the Query[...] schema
# of a list's signature at import time.
import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.core.uploads import check_upload
from tdc.traceability import access, queries, services
from tdc.traceability.api.common import aware, manager, reader
from tdc.traceability.forms import IMAGE_LIMITS
from tdc.traceability.models import Place, Product

router = Router()


class TraceabilityProductOut(Schema):
    id: int
    gtin: str = Field(description="GTIN-14")
    name: str
    brand: str
    category: str
    description: str
    published: bool = Field(description="shown on the public page /01/{gtin}")
    owner_id: int
    owner_name: str
    province_id: int
    has_image: bool
    public_path: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_owner_name(obj: Product) -> str:
        return obj.owner.name

    @staticmethod
    def resolve_has_image(obj: Product) -> bool:
        return bool(obj.image)

    @staticmethod
    def resolve_public_path(obj: Product) -> str:
        return obj.public_path()


class TraceabilityProductQuery(Schema):
    q: str = Field("", max_length=100, description="name, brand or part of the GTIN")
    published: bool | None = None
    owner_id: int | None = Field(None, description="one business (officers)")
    updated_after: dt.datetime | None = Field(None, description="changed after this time")


class TraceabilityProductIn(Schema):
    gtin: str = Field(max_length=20, description="8, 12, 13 or 14 digits, check digit right")
    name: str = Field(min_length=1, max_length=200)
    brand: str = Field("", max_length=120)
    category: str = Field("", max_length=120)
    description: str = Field("", max_length=2000)
    published: bool = True


class TraceabilityProductPatchIn(Schema):
    """Only the fields sent change; `published: false` takes the product off the public page
    (the product form's "Công khai" box)."""

    name: str | None = Field(None, min_length=1, max_length=200)
    brand: str | None = Field(None, max_length=120)
    category: str | None = Field(None, max_length=120)
    description: str | None = Field(None, max_length=2000)
    published: bool | None = None


class TraceabilityPlaceOut(Schema):
    id: int
    code: str
    name: str
    address: str
    gln: str
    identifier: str = Field(description="the GLN as an EPC URN, or the private identifier")
    created_at: dt.datetime
    updated_at: dt.datetime


class TraceabilityPlaceQuery(Schema):
    updated_after: dt.datetime | None = Field(None, description="changed after this time")


class TraceabilityPlaceIn(Schema):
    code: str = Field(min_length=1, max_length=40, description="lower case, digits, hyphens")
    name: str = Field(min_length=1, max_length=200)
    address: str = Field("", max_length=300)
    gln: str = Field("", max_length=20, description="13 digits, or empty")


# --- Products ----------------------------------------------------------------------------


@router.get("/products", response=list[TraceabilityProductOut])
@paginate
def list_products(
    request: HttpRequest, filters: Query[TraceabilityProductQuery]
) -> QuerySet[Product]:
    """The products the token's user sees (a business its own, an officer the province's, the
    Ministry all), by name."""
    user = reader(request)
    return queries.filter_products(
        access.products_visible_to(user),
        q=filters.q,
        published=filters.published,
        owner_id=filters.owner_id,
        updated_after=aware(filters.updated_after),
    )


@router.get("/products/{pk}", response=TraceabilityProductOut)
def get_product(request: HttpRequest, pk: int) -> Product:
    return access.get_product_for_user(reader(request), pk)


@router.post("/products", response={201: TraceabilityProductOut})
def create_product(request: HttpRequest, payload: TraceabilityProductIn) -> Status[Product]:
    """Add a product of the token's business (its GTIN not yet registered by anyone)."""
    user = manager(request)
    return Status(201, services.create_product(user, **payload.dict()))


@router.patch("/products/{pk}", response=TraceabilityProductOut)
def update_product(request: HttpRequest, pk: int, payload: TraceabilityProductPatchIn) -> Product:
    user = manager(request)
    product = access.get_product_to_change(user, pk)
    values = payload.dict(exclude_unset=True)
    emptied = sorted(name for name, value in values.items() if value is None)
    if emptied:
        raise ValidationError(
            _("Không thể để trống (null): %(fields)s.") % {"fields": ", ".join(emptied)}
        )
    return services.update_product(product, by=user, **values)


@router.post("/products/{pk}/image", response=TraceabilityProductOut)
def upload_product_image(request: HttpRequest, pk: int, file: File[UploadedFile]) -> Product:
    """The product's photo (multipart `file`; JPEG, PNG…, 2 MB at most, as on the form)."""
    user = manager(request)
    product = access.get_product_to_change(user, pk)
    check_upload(file, IMAGE_LIMITS)
    image = forms.ImageField().clean(file)
    return services.update_product(product, by=user, image=image)


# --- Places ------------------------------------------------------------------------------


@router.get("/places", response=list[TraceabilityPlaceOut])
@paginate
def list_places(request: HttpRequest, filters: Query[TraceabilityPlaceQuery]) -> QuerySet[Place]:
    """The token's business's places, by name (as on its places page)."""
    user = manager(request)
    return queries.filter_places(access.places_of(user), updated_after=aware(filters.updated_after))


@router.get("/places/{pk}", response=TraceabilityPlaceOut)
def get_place(request: HttpRequest, pk: int) -> Place:
    return get_object_or_404(access.places_of(manager(request)), pk=pk)


@router.post("/places", response={201: TraceabilityPlaceOut})
def create_place(request: HttpRequest, payload: TraceabilityPlaceIn) -> Status[Place]:
    """Add a place; without a GLN the platform gives it a private identifier."""
    user = manager(request)
    return Status(201, services.create_place(user, **payload.dict()))
