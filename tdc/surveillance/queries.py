"""Reads of market surveillance: who sees what (the common rule, narrowed), the public warning
search, product notices by GTIN, the hit rate, priorities and the metrics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.urls import reverse

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Organisation
from tdc.accounts.permissions import Reach, restrict, scope_for
from tdc.core.metrics import MetricScope
from tdc.core.products import ProductNotice
from tdc.core.text import fold
from tdc.surveillance.models import (
    ConsumerWarning,
    Establishment,
    Inspection,
    InspectionPlan,
    PlanItem,
    Product,
    ProductCategory,
    RiskAssessment,
    RiskLevel,
    Sample,
    SurveyProgramme,
    Violation,
)
from tdc.surveillance.rules.gtin import maybe_gtin14
from tdc.surveillance.rules.priority import Priority, priority

M = TypeVar("M", bound=Model)


def _province_wide(queryset: QuerySet[M], user: AnyUser) -> QuerySet[M]:
    """Province-level records (programmes, plans, drafts): officers, leadership, the Ministry and
    administrators by the common rule; a business reaches none of them."""
    if not can(user, Capability.VIEW_SURVEILLANCE):
        return queryset.none()
    if scope_for(user).reach == Reach.OWN:
        return queryset.none()
    return restrict(queryset, user, organisation_field="province", province_field="province")


def establishments_visible_to(user: AnyUser) -> QuerySet[Establishment]:
    """Officers their province's; a business its own establishment only."""
    if not can(user, Capability.VIEW_SURVEILLANCE):
        return Establishment.objects.none()
    return restrict(
        Establishment.objects.select_related("organisation", "commune"),
        user,
        organisation_field="organisation",
        province_field="province",
    )


def samples_visible_to(user: AnyUser) -> QuerySet[Sample]:
    if not can(user, Capability.VIEW_SURVEILLANCE):
        return Sample.objects.none()
    return restrict(
        Sample.objects.select_related("product", "establishment__organisation", "programme"),
        user,
        organisation_field="establishment__organisation",
        province_field="province",
    )


def inspections_visible_to(user: AnyUser) -> QuerySet[Inspection]:
    if not can(user, Capability.VIEW_SURVEILLANCE):
        return Inspection.objects.none()
    return restrict(
        Inspection.objects.select_related("establishment__organisation"),
        user,
        organisation_field="establishment__organisation",
        province_field="province",
    )


def testing_bodies_visible_to(user: AnyUser) -> QuerySet[Organisation]:
    """The testing bodies of the officer's province (a business sees none), with the
    establishment record through which they are inspected."""
    return _province_wide(
        Organisation.objects.filter(kind=Organisation.Kind.TESTING_BODY)
        .select_related("commune", "establishment")
        .order_by("name"),
        user,
    )


def products_visible_to(user: AnyUser) -> QuerySet[Product]:
    return _province_wide(Product.objects.select_related("category"), user)


def programmes_visible_to(user: AnyUser) -> QuerySet[SurveyProgramme]:
    return _province_wide(SurveyProgramme.objects.all(), user)


def assessments_visible_to(user: AnyUser) -> QuerySet[RiskAssessment]:
    return _province_wide(RiskAssessment.objects.select_related("product"), user)


def warnings_visible_to(user: AnyUser) -> QuerySet[ConsumerWarning]:
    return _province_wide(ConsumerWarning.objects.select_related("product"), user)


def plans_visible_to(user: AnyUser) -> QuerySet[InspectionPlan]:
    return _province_wide(InspectionPlan.objects.all(), user)


def categories() -> QuerySet[ProductCategory]:
    return ProductCategory.objects.order_by("name")


def search(queryset: QuerySet[M], text: str, field: str = "search_key") -> QuerySet[M]:
    words = fold(text).split()
    for word in words[:8]:
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


# --- The public side ---------------------------------------------------------------------


def published_warnings() -> QuerySet[ConsumerWarning]:
    return ConsumerWarning.objects.published().select_related("product", "product__category")


def search_published_warnings(text: str) -> QuerySet[ConsumerWarning]:
    """By name, brand or barcode, accents optional; a valid GTIN matches by barcode exactly."""
    warnings = published_warnings()
    gtin = maybe_gtin14(text) if text.strip() else None
    if gtin is not None:
        return warnings.filter(gtin=gtin)
    return search(warnings, text)


def warnings_for_gtin(gtin14: str) -> QuerySet[ConsumerWarning]:
    return published_warnings().filter(gtin=gtin14)


def product_notices_for(gtin14: str) -> list[ProductNotice]:
    """The provider registered with `tdc.core.products`: published warnings for the GTIN."""
    return [
        ProductNotice(
            kind="warning",
            title=w.title,
            url=reverse("surveillance:public_warning", args=[w.reference]),
            issued_on=w.published_at.date() if w.published_at else None,
            serious=w.risk_level in (RiskLevel.SERIOUS, RiskLevel.HIGH),
            source="Sở Khoa học và Công nghệ",
        )
        for w in warnings_for_gtin(gtin14)
    ]


# --- Plans, inspections, hit rate ----------------------------------------------------------


def plan_items(plan: InspectionPlan) -> QuerySet[PlanItem]:
    return plan.items.select_related("establishment__organisation", "establishment__commune")


def plan_items_visible_to(user: AnyUser) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(plan__in=plans_visible_to(user)).select_related("establishment")


def violations_of(inspection: Inspection) -> QuerySet[Violation]:
    return inspection.violations.all()


@dataclass(frozen=True)
class HitRate:
    year: int
    category: str
    inspected: int
    with_violations: int

    @property
    def rate(self) -> Decimal | None:
        if not self.inspected:
            return None
        return (Decimal(100) * self.with_violations / self.inspected).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def hit_rates(province_id: int) -> list[HitRate]:
    """Per plan year and predicted category: inspections done and those finding violations."""
    has_violation = Exists(Violation.objects.filter(inspection=OuterRef("pk")))
    rows = (
        Inspection.objects.filter(
            province_id=province_id, status=Inspection.Status.DONE, plan_item__isnull=False
        )
        .annotate(hit=has_violation)
        .values("plan_item__plan__year", "plan_item__risk_category")
        .annotate(n=Count("pk"), hits=Count("pk", filter=Q(hit=True)))
        .order_by("plan_item__plan__year", "plan_item__risk_category")
    )
    return [
        HitRate(r["plan_item__plan__year"], r["plan_item__risk_category"], r["n"], r["hits"])
        for r in rows
    ]


def category_priorities(province_id: int, *, year: int) -> list[Priority]:
    """Priorities for `year` from the three years before it, highest first."""
    start, end = dt.date(year - 3, 1, 1), dt.date(year - 1, 12, 31)
    tested = {
        r["product__category_id"]: (r["failed"], r["tested"])
        for r in Sample.objects.filter(province_id=province_id, sampled_on__range=(start, end))
        .exclude(verdict=Sample.Verdict.PENDING)
        .values("product__category_id")
        .annotate(
            tested=Count("pk"), failed=Count("pk", filter=Q(verdict=Sample.Verdict.NON_CONFORMING))
        )
        .order_by()
    }
    signals = {
        r["product__category_id"]: r["n"]
        for r in ConsumerWarning.objects.filter(
            province_id=province_id,
            status=ConsumerWarning.Status.PUBLISHED,
            published_at__date__range=(start, end),
        )
        .values("product__category_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = [
        priority(
            category_id=c.pk,
            name=c.name,
            severity_weight=c.severity_weight,
            failed=tested.get(c.pk, (0, 0))[0],
            tested=tested.get(c.pk, (0, 0))[1],
            exposure=c.exposure,
            signals=signals.get(c.pk, 0),
        )
        for c in ProductCategory.objects.all()
    ]
    return sorted(rows, key=lambda p: (-p.value, p.name))


# --- Metrics --------------------------------------------------------------------------------


def _in_scope(queryset: QuerySet[M], scope: MetricScope, field: str = "province_id") -> QuerySet[M]:
    return queryset if scope.province_id is None else queryset.filter(**{field: scope.province_id})


def products_surveyed(scope: MetricScope) -> Decimal | None:
    """Distinct products sampled in the period."""
    samples = _in_scope(Sample.objects.filter(sampled_on__range=(scope.start, scope.end)), scope)
    return Decimal(samples.values("product_id").distinct().count())


def warnings_handled_share(scope: MetricScope) -> Decimal | None:
    """% of the warnings drafted in the period that have been published (or withdrawn after)."""
    drafted = _in_scope(
        ConsumerWarning.objects.filter(created_at__date__range=(scope.start, scope.end)), scope
    )
    total = drafted.count()
    if not total:
        return None
    handled = drafted.filter(
        status__in=[ConsumerWarning.Status.PUBLISHED, ConsumerWarning.Status.WITHDRAWN]
    ).count()
    return (Decimal(100) * handled / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def inspections_done_share(scope: MetricScope) -> Decimal | None:
    """% of the establishments in the approved plans of the period's years that were inspected."""
    items = _in_scope(
        PlanItem.objects.filter(
            plan__status=InspectionPlan.Status.APPROVED,
            plan__year__range=(scope.start.year, scope.end.year),
            is_removed=False,
        ),
        scope,
        "plan__province_id",
    )
    planned = items.count()
    if not planned:
        return None
    done = items.filter(inspections__status=Inspection.Status.DONE).distinct().count()
    return (Decimal(100) * done / planned).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def establishments_inspected(scope: MetricScope, category: str | None = None) -> Decimal | None:
    done = _in_scope(
        Inspection.objects.filter(
            status=Inspection.Status.DONE, inspected_on__range=(scope.start, scope.end)
        ),
        scope,
    )
    if category is not None:
        done = done.filter(establishment__risk_category=category)
    return Decimal(done.values("establishment_id").distinct().count())
