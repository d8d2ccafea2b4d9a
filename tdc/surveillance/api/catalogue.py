"""Products, establishments (with their risk score) and testing bodies."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.models import Organisation
from tdc.surveillance import access, queries, services
from tdc.surveillance.api.common import Line, categories, category, commune, load, recording
from tdc.surveillance.models import Establishment, Product
from tdc.surveillance.services import explain
from tdc.surveillance.services.testing_bodies import register_testing_body, update_testing_body

router = Router(tags=["surveillance"])


class SurveillanceScoreTermOut(Schema):
    key: str
    label: str
    points: int
    maximum: int
    explanation: str


class SurveillanceEstablishmentOut(Schema):
    id: int
    name: str
    tax_code: str
    channels: list[str]
    score: int | None
    risk_category: str
    triggers: list[str]
    score_terms: list[SurveillanceScoreTermOut]

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


@router.get("/establishments", response=list[SurveillanceEstablishmentOut])
@paginate
def list_establishments(request: HttpRequest) -> QuerySet[Establishment]:
    return queries.establishments_visible_to(request.user).order_by("pk")


@router.get("/establishments/{pk}", response=SurveillanceEstablishmentOut)
def get_establishment(request: HttpRequest, pk: int) -> Establishment:
    return access.get_establishment_for_user(request.user, pk)


class SurveillanceProductIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    category: str = Field(max_length=40, description="mã nhóm sản phẩm TĐC, ví dụ do-choi-tre-em")
    brand: str = Field(default="", max_length=200)
    model: str = Field(default="", max_length=200)
    gtin: str = Field(default="", max_length=20)
    hs_code: str = Field(default="", max_length=12)
    manufacturer: str = Line
    importer: str = Line
    risk_class: Product.RiskClass = Product.RiskClass.MEDIUM


class SurveillanceProductOut(Schema):
    id: int
    name: str
    brand: str
    model: str
    gtin: str
    hs_code: str
    category: str
    manufacturer: str
    importer: str
    risk_class: str
    has_photo: bool

    @staticmethod
    def resolve_category(obj: Product) -> str:
        return obj.category.code

    @staticmethod
    def resolve_has_photo(obj: Product) -> bool:
        return bool(obj.photo)


@router.get("/products", response=list[SurveillanceProductOut])
@paginate
def list_products(request: HttpRequest) -> QuerySet[Product]:
    return queries.products_visible_to(request.user).order_by("pk")


@router.get("/products/{pk}", response=SurveillanceProductOut)
def get_product(request: HttpRequest, pk: int) -> Product:
    return access.get_product_for_user(request.user, pk)


@router.post("/products", response={201: SurveillanceProductOut})
def create_product(request: HttpRequest, payload: SurveillanceProductIn) -> Status[Product]:
    """Record a product (GTIN checked, once per province), as the product form does."""
    user, province = recording(request)
    values = payload.model_dump()
    values["category"] = category(values["category"])
    return Status(201, services.create_product(province=province, by=user, **values))


class SurveillanceEstablishmentIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    tax_code: str = Field(default="", max_length=20)
    address: str = Line
    commune_id: int | None = None
    channels: list[Establishment.Channel] = Field(default_factory=list, max_length=6)
    volume: Establishment.Volume = Establishment.Volume.SMALL
    categories: list[str] = Field(default_factory=list, max_length=20)
    allow_similar_name: bool = False


class SurveillanceEstablishmentPatch(Schema):
    channels: list[Establishment.Channel] = Field(max_length=6)
    volume: Establishment.Volume
    categories: list[str] = Field(default_factory=list, max_length=20)
    address: str = Line
    international_warning_matches: int = Field(default=0, ge=0, le=50)


@router.post("/establishments", response={201: SurveillanceEstablishmentOut})
def register_establishment(
    request: HttpRequest, payload: SurveillanceEstablishmentIn
) -> Status[Establishment]:
    """A new establishment; refused when the tax code or the name (accents optional) is
    already known, unless `allow_similar_name` confirms another business of the same name."""
    user, province = recording(request)
    establishment = services.register_establishment(
        province=province,
        by=user,
        commune=commune(user, payload.commune_id),
        categories=categories(payload.categories),
        **payload.model_dump(exclude={"commune_id", "categories"}),
    )
    return Status(201, establishment)


@router.patch("/establishments/{pk}", response=SurveillanceEstablishmentOut)
def update_establishment(
    request: HttpRequest, pk: int, payload: SurveillanceEstablishmentPatch
) -> Establishment:
    user, establishment = load(request, access.get_establishment_to_change, pk)
    values = payload.model_dump(exclude={"categories"})
    return services.update_establishment(
        establishment, by=user, categories=categories(payload.categories), **values
    )


class SurveillanceTestingBodyIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    short_name: str = Field(default="", max_length=100)
    tax_code: str = Field(default="", max_length=20)
    address: str = Line
    commune_id: int | None = None
    phone: str = Field(default="", max_length=30)
    email: str = Field(default="", max_length=254)


class SurveillanceTestingBodyOut(Schema):
    id: int
    name: str
    short_name: str
    tax_code: str
    address: str
    phone: str
    email: str
    establishment_id: int | None

    @staticmethod
    def resolve_establishment_id(obj: Organisation) -> int | None:
        establishment = getattr(obj, "establishment", None)
        return None if establishment is None else establishment.pk


@router.get("/testing-bodies", response=list[SurveillanceTestingBodyOut])
@paginate
def list_testing_bodies(request: HttpRequest) -> QuerySet[Organisation]:
    return queries.testing_bodies_visible_to(request.user)


@router.post("/testing-bodies", response={201: SurveillanceTestingBodyOut})
def create_testing_body(
    request: HttpRequest, payload: SurveillanceTestingBodyIn
) -> Status[Organisation]:
    user, province = recording(request)
    values = payload.model_dump(exclude={"commune_id"})
    establishment = register_testing_body(
        province=province, by=user, commune=commune(user, payload.commune_id), **values
    )
    return Status(201, establishment.organisation)


@router.put("/testing-bodies/{pk}", response=SurveillanceTestingBodyOut)
def edit_testing_body(
    request: HttpRequest, pk: int, payload: SurveillanceTestingBodyIn
) -> Organisation:
    user, body = load(request, access.get_testing_body_to_change, pk)
    values = payload.model_dump(exclude={"commune_id"})
    update_testing_body(body, by=user, commune=commune(user, payload.commune_id), **values)
    return access.get_testing_body_for_user(user, pk)
