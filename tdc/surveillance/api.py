"""Market surveillance over JSON: published warnings (search, by barcode), and what users
change on the pages — products, establishments, testing bodies, survey programmes, samples and
results, inspections and their violations, warnings (draft, approve, publish, withdraw) — with
the same doors (`access.py`), capabilities and services as the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import Commune, Organisation, User
from tdc.surveillance import access, queries, services
from tdc.surveillance.models import (
    ConsumerWarning,
    Criterion,
    Establishment,
    Inspection,
    Product,
    ProductCategory,
    Sample,
    SurveyProgramme,
    TestResult,
    Violation,
)
from tdc.surveillance.rules.gtin import maybe_gtin14
from tdc.surveillance.services import explain
from tdc.surveillance.services.testing_bodies import register_testing_body, update_testing_body

router = Router(tags=["surveillance"])


class SurveillanceWarningOut(Schema):
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


@router.get("/warnings", response=list[SurveillanceWarningOut])
@paginate
def list_warnings(request: HttpRequest, q: str = "") -> QuerySet[ConsumerWarning]:
    """Published warnings, newest first; `q` searches name, brand or barcode, accents optional."""
    if len(q) > 100:
        raise HttpError(422, _("Từ khóa tìm kiếm quá dài (tối đa 100 ký tự)."))
    return queries.search_published_warnings(q) if q.strip() else queries.published_warnings()


@router.get("/warnings/by-gtin/{gtin}", response=list[SurveillanceWarningOut])
def warnings_for_barcode(request: HttpRequest, gtin: str) -> QuerySet[ConsumerWarning]:
    """Is there a warning for this barcode? An empty list means none."""
    code = maybe_gtin14(gtin[:20])
    if code is None:
        raise HttpError(
            422, _("Mã GTIN không hợp lệ (8, 12, 13 hoặc 14 chữ số, đúng số kiểm tra).")
        )
    return queries.warnings_for_gtin(code)


@router.get("/establishments", response=list[SurveillanceEstablishmentOut])
@paginate
def list_establishments(request: HttpRequest) -> QuerySet[Establishment]:
    return queries.establishments_visible_to(request.user).order_by("pk")


@router.get("/establishments/{pk}", response=SurveillanceEstablishmentOut)
def get_establishment(request: HttpRequest, pk: int) -> Establishment:
    return access.get_establishment_for_user(request.user, pk)


# --- Writes: the pages' doors and services ---------------------------------------------------

Line = Field(default="", max_length=300)


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise HttpError(401, _("Cần đăng nhập."))
    return user


@contextmanager
def _door() -> Iterator[None]:
    """The door's PermissionDenied as a JSON 403 with its Vietnamese reason."""
    try:
        yield
    except PermissionDenied as refused:
        raise HttpError(403, str(refused) or _("Bạn không có quyền làm việc này.")) from None


def _need(user: User, capability: Capability) -> None:
    if not can(user, capability):
        raise HttpError(403, _("Bạn không có quyền làm việc này."))


def _manager(request: HttpRequest) -> User:
    user = _user(request)
    _need(user, Capability.MANAGE_SURVEILLANCE)
    return user


def _category(code: str) -> ProductCategory:
    return get_object_or_404(ProductCategory, code=code)


def _commune(user: User, commune_id: int | None) -> Commune | None:
    if commune_id is None:
        return None
    with _door():
        province = access.managed_province(user)
    return get_object_or_404(Commune, pk=commune_id, province=province)


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
    user = _manager(request)
    with _door():
        province = access.managed_province(user)
    values = payload.model_dump()
    values["category"] = _category(values["category"])
    product = services.create_product(province=province, by=user, **values)
    return Status(201, product)


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


def _categories(codes: list[str]) -> list[ProductCategory]:
    found = list(ProductCategory.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        raise HttpError(422, _("Có mã nhóm sản phẩm không tồn tại."))
    return found


@router.post("/establishments", response={201: SurveillanceEstablishmentOut})
def register_establishment(
    request: HttpRequest, payload: SurveillanceEstablishmentIn
) -> Status[Establishment]:
    """A new establishment; refused when the tax code or the name (accents optional) is
    already known, unless `allow_similar_name` confirms another business of the same name."""
    user = _manager(request)
    with _door():
        province = access.managed_province(user)
    values = payload.model_dump(exclude={"commune_id", "categories"})
    establishment = services.register_establishment(
        province=province,
        by=user,
        commune=_commune(user, payload.commune_id),
        categories=_categories(payload.categories),
        **values,
    )
    return Status(201, establishment)


@router.patch("/establishments/{pk}", response=SurveillanceEstablishmentOut)
def update_establishment(
    request: HttpRequest, pk: int, payload: SurveillanceEstablishmentPatch
) -> Establishment:
    user = _manager(request)
    with _door():
        establishment = access.get_establishment_to_change(user, pk)
    values = payload.model_dump(exclude={"categories"})
    return services.update_establishment(
        establishment, by=user, categories=_categories(payload.categories), **values
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
    user = _manager(request)
    with _door():
        province = access.managed_province(user)
    values = payload.model_dump(exclude={"commune_id"})
    establishment = register_testing_body(
        province=province, by=user, commune=_commune(user, payload.commune_id), **values
    )
    return Status(201, establishment.organisation)


@router.put("/testing-bodies/{pk}", response=SurveillanceTestingBodyOut)
def edit_testing_body(
    request: HttpRequest, pk: int, payload: SurveillanceTestingBodyIn
) -> Organisation:
    user = _manager(request)
    with _door():
        body = access.get_testing_body_to_change(user, pk)
    values = payload.model_dump(exclude={"commune_id"})
    update_testing_body(body, by=user, commune=_commune(user, payload.commune_id), **values)
    return access.get_testing_body_for_user(user, pk)


class SurveillanceProgrammeIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=300)
    categories: list[str] = Field(min_length=1, max_length=20)
    planned_samples: int = Field(default=20, ge=1, le=10000)
    area: str = Line
    executor: str = Line


class SurveillanceProgrammeOut(Schema):
    id: int
    year: int
    title: str
    planned_samples: int
    area: str
    executor: str
    categories: list[str]

    @staticmethod
    def resolve_categories(obj: SurveyProgramme) -> list[str]:
        return [c.code for c in obj.categories.all()]


@router.get("/programmes", response=list[SurveillanceProgrammeOut])
@paginate
def list_programmes(request: HttpRequest) -> QuerySet[SurveyProgramme]:
    return queries.programmes_visible_to(request.user).prefetch_related("categories").order_by("pk")


@router.post("/programmes", response={201: SurveillanceProgrammeOut})
def create_programme(
    request: HttpRequest, payload: SurveillanceProgrammeIn
) -> Status[SurveyProgramme]:
    user = _manager(request)
    with _door():
        province = access.managed_province(user)
    values = payload.model_dump(exclude={"categories"})
    programme = services.create_programme(
        province=province, by=user, categories=_categories(payload.categories), **values
    )
    return Status(201, programme)


class SurveillanceSampleIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    product_id: int
    establishment_id: int
    sampled_on: dt.date
    place: str = Line
    price: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=0)
    lot: str = Field(default="", max_length=100)
    lab: str = Line


class SurveillanceResultOut(Schema):
    criterion: str
    standard: str
    measured: str
    unit: str
    uncertainty: str
    method: str
    conforming: bool

    @staticmethod
    def resolve_criterion(obj: TestResult) -> str:
        return obj.criterion.name

    @staticmethod
    def resolve_standard(obj: TestResult) -> str:
        return obj.criterion.standard

    @staticmethod
    def resolve_measured(obj: TestResult) -> str:
        return obj.measured_text


class SurveillanceSampleOut(Schema):
    id: int
    code: str
    programme_id: int
    product_id: int
    establishment_id: int
    sampled_on: dt.date
    place: str
    lot: str
    lab: str
    verdict: str
    results: list[SurveillanceResultOut]

    @staticmethod
    def resolve_results(obj: Sample) -> list[TestResult]:
        return list(obj.results.select_related("criterion").order_by("pk"))


@router.get("/samples", response=list[SurveillanceSampleOut])
@paginate
def list_samples(request: HttpRequest) -> QuerySet[Sample]:
    """Samples the user may see (a business: those bought from it)."""
    return queries.samples_visible_to(request.user).order_by("pk")


@router.get("/samples/{pk}", response=SurveillanceSampleOut)
def get_sample(request: HttpRequest, pk: int) -> Sample:
    return access.get_sample_for_user(request.user, pk)


@router.post("/programmes/{pk}/samples", response={201: SurveillanceSampleOut})
def record_sample(request: HttpRequest, pk: int, payload: SurveillanceSampleIn) -> Status[Sample]:
    user = _manager(request)
    with _door():
        programme = access.get_programme_to_change(user, pk)
        establishment = access.establishments_to_pick(user).get(pk=payload.establishment_id)
    product = get_object_or_404(
        queries.products_visible_to(user).filter(province=programme.province),
        pk=payload.product_id,
    )
    values = payload.model_dump(exclude={"product_id", "establishment_id"})
    sample = services.record_sample(
        programme, product=product, establishment=establishment, by=user, **values
    )
    return Status(201, sample)


class SurveillanceResultIn(Schema):
    criterion_id: int
    measured: str = Field(min_length=1, max_length=40, description="0,12 · <0,01 · KPH")
    unit: str = Field(min_length=1, max_length=30)
    uncertainty: str = Field(default="", max_length=40)
    method: str = Field(default="", max_length=200)


@router.post("/samples/{pk}/results", response={201: SurveillanceSampleOut})
def record_result(request: HttpRequest, pk: int, payload: SurveillanceResultIn) -> Status[Sample]:
    """One criterion's result; the sample's verdict is computed, never typed."""
    user = _manager(request)
    with _door():
        sample = access.get_sample_to_change(user, pk)
    criterion = get_object_or_404(
        Criterion, pk=payload.criterion_id, category_id=sample.product.category_id
    )
    values = payload.model_dump(exclude={"criterion_id"})
    services.record_result(sample, criterion=criterion, by=user, **values)
    sample.refresh_from_db()
    return Status(201, sample)


class SurveillanceStaffWarningOut(Schema):
    id: int
    reference: str
    status: str
    title: str
    risk_level: str
    product_id: int
    sample_id: int | None
    hazard: str
    measures: str
    where_sold: str
    published_at: dt.datetime | None


class SurveillanceWarningDraftIn(Schema):
    hazard: str = Field(min_length=1, max_length=4000)
    measures: str = Field(default="", max_length=4000)
    title: str = Field(default="", max_length=300)


class SurveillanceReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


@router.get("/managed-warnings", response=list[SurveillanceStaffWarningOut])
@paginate
def list_managed_warnings(request: HttpRequest) -> QuerySet[ConsumerWarning]:
    """Every warning of the officer's province, drafts included (the staff's list)."""
    return queries.warnings_visible_to(request.user).order_by("pk")


@router.post("/samples/{pk}/warning", response={201: SurveillanceStaffWarningOut})
def draft_warning(
    request: HttpRequest, pk: int, payload: SurveillanceWarningDraftIn
) -> Status[ConsumerWarning]:
    """Draft a warning from a non-conforming sample."""
    user = _manager(request)
    with _door():
        sample = access.get_sample_to_change(user, pk)
    warning = services.draft_warning_from_sample(sample, by=user, **payload.model_dump())
    return Status(201, warning)


@router.post("/managed-warnings/{pk}/approve", response=SurveillanceStaffWarningOut)
def approve_warning(request: HttpRequest, pk: int) -> ConsumerWarning:
    """Approve a draft: `APPROVE_SURVEILLANCE`, and not the officer who drafted it."""
    user = _user(request)
    _need(user, Capability.APPROVE_SURVEILLANCE)
    with _door():
        warning = access.get_warning_to_approve(user, pk)
    return services.approve_warning(warning, by=user)


@router.post("/managed-warnings/{pk}/publish", response=SurveillanceStaffWarningOut)
def publish_warning(request: HttpRequest, pk: int) -> ConsumerWarning:
    user = _manager(request)
    with _door():
        warning = access.get_warning_to_change(user, pk)
    return services.publish_warning(warning, by=user)


@router.post("/managed-warnings/{pk}/withdraw", response=SurveillanceStaffWarningOut)
def withdraw_warning(
    request: HttpRequest, pk: int, payload: SurveillanceReasonIn
) -> ConsumerWarning:
    user = _manager(request)
    with _door():
        warning = access.get_warning_to_change(user, pk)
    return services.withdraw_warning(warning, by=user, reason=payload.reason)


class SurveillanceViolationOut(Schema):
    description: str
    legal_basis: str
    fine_amount: Decimal | None
    decision_number: str


class SurveillanceInspectionOut(Schema):
    id: int
    establishment_id: int
    kind: str
    status: str
    inspected_on: dt.date
    team: str
    findings: str
    corrective_measures: str
    follow_up_on: dt.date | None
    violations: list[SurveillanceViolationOut]

    @staticmethod
    def resolve_violations(obj: Inspection) -> list[Violation]:
        return list(obj.violations.order_by("pk"))


class SurveillanceInspectionIn(Schema):
    establishment_id: int
    inspected_on: dt.date
    team: str = Field(min_length=1, max_length=500)
    kind: Inspection.Kind = Inspection.Kind.PLANNED


class SurveillanceInspectionResultIn(Schema):
    findings: str = Field(min_length=1, max_length=4000)
    checked_labels: bool = False
    checked_marks: bool = False
    instrument_ids: list[int] = Field(default_factory=list, max_length=200)
    sample_ids: list[int] = Field(default_factory=list, max_length=200)
    corrective_measures: str = Field(default="", max_length=4000)
    follow_up_on: dt.date | None = None


class SurveillanceViolationIn(Schema):
    description: str = Field(min_length=1, max_length=2000)
    legal_basis: str = Field(min_length=1, max_length=300)
    fine_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=0)
    decision_number: str = Field(default="", max_length=60)


@router.get("/inspections", response=list[SurveillanceInspectionOut])
@paginate
def list_inspections(request: HttpRequest) -> QuerySet[Inspection]:
    """Inspections the user may see (a business: its own)."""
    return queries.inspections_visible_to(request.user).order_by("pk")


@router.get("/inspections/{pk}", response=SurveillanceInspectionOut)
def get_inspection(request: HttpRequest, pk: int) -> Inspection:
    return access.get_inspection_for_user(request.user, pk)


@router.post("/inspections", response={201: SurveillanceInspectionOut})
def schedule_inspection(
    request: HttpRequest, payload: SurveillanceInspectionIn
) -> Status[Inspection]:
    user = _manager(request)
    with _door():
        establishment = access.establishments_to_pick(user).get(pk=payload.establishment_id)
    inspection = services.schedule_inspection(
        establishment,
        inspected_on=payload.inspected_on,
        team=payload.team,
        kind=payload.kind,
        by=user,
    )
    return Status(201, inspection)


@router.post("/inspections/{pk}/result", response=SurveillanceInspectionOut)
def record_inspection_result(
    request: HttpRequest, pk: int, payload: SurveillanceInspectionResultIn
) -> Inspection:
    """What was checked and found; instruments are picked from the register by id."""
    user = _manager(request)
    with _door():
        inspection = access.get_inspection_to_change(user, pk)
    samples = list(
        queries.samples_visible_to(user).filter(
            pk__in=payload.sample_ids, establishment=inspection.establishment
        )
    )
    if len(samples) != len(set(payload.sample_ids)):
        raise HttpError(422, _("Có mẫu không thuộc cơ sở được kiểm tra."))
    values = payload.model_dump(exclude={"sample_ids"})
    return services.record_inspection_result(inspection, by=user, samples=samples, **values)


@router.post("/inspections/{pk}/violations", response={201: SurveillanceInspectionOut})
def add_violation(
    request: HttpRequest, pk: int, payload: SurveillanceViolationIn
) -> Status[Inspection]:
    user = _manager(request)
    with _door():
        inspection = access.get_inspection_to_change(user, pk)
    services.add_violation(inspection, by=user, **payload.model_dump())
    return Status(201, inspection)
