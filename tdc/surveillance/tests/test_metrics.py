import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tdc.core.metrics import MetricScope, compute_metric, metrics_matching
from tdc.core.registry import nav_for
from tdc.surveillance.models import ConsumerWarning, Inspection, InspectionPlan
from tdc.surveillance.tests.factories import (
    EstablishmentFactory,
    InspectionFactory,
    PlanItemFactory,
    SampleFactory,
    WarningFactory,
)


def _year(province, year=2026):
    return MetricScope(
        province_id=province.pk, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )


def test_products_surveyed_counts_distinct_products_sampled_in_the_period(province):
    first = SampleFactory(programme__province=province, sampled_on=dt.date(2026, 3, 1))
    SampleFactory(programme=first.programme, product=first.product, sampled_on=dt.date(2026, 4, 1))
    SampleFactory(programme=first.programme, sampled_on=dt.date(2026, 5, 1))
    SampleFactory(programme=first.programme, sampled_on=dt.date(2025, 5, 1))

    assert compute_metric("surveillance.products_surveyed", _year(province)) == Decimal(2)


def test_warnings_handled_share(province):
    assert compute_metric("surveillance.warnings_handled_share", _year(province, 2026)) is None
    WarningFactory(product__province=province, status=ConsumerWarning.Status.PUBLISHED)
    WarningFactory(product__province=province, status=ConsumerWarning.Status.DRAFT)
    WarningFactory(product__province=province, status=ConsumerWarning.Status.WITHDRAWN)
    year = timezone.localdate().year

    assert compute_metric("surveillance.warnings_handled_share", _year(province, year)) == Decimal(
        "66.7"
    )


def test_inspections_done_against_the_approved_plan(province):
    item = PlanItemFactory(
        plan__province=province, plan__year=2026, plan__status=InspectionPlan.Status.APPROVED
    )
    PlanItemFactory(plan=item.plan)
    PlanItemFactory(plan=item.plan, is_removed=True)
    InspectionFactory(
        establishment=item.establishment,
        plan_item=item,
        status=Inspection.Status.DONE,
        inspected_on=dt.date(2026, 6, 1),
    )

    assert compute_metric("surveillance.inspections_done_share", _year(province)) == Decimal("50.0")


def test_establishments_inspected_by_category(province):
    a = EstablishmentFactory(organisation__province=province, risk_category="A")
    c = EstablishmentFactory(organisation__province=province, risk_category="C")
    for shop in (a, a, c):
        InspectionFactory(
            establishment=shop, status=Inspection.Status.DONE, inspected_on=dt.date(2026, 6, 1)
        )

    scope = _year(province)
    assert compute_metric("surveillance.establishments_inspected", scope) == Decimal(2)
    assert compute_metric("surveillance.establishments_inspected_a", scope) == Decimal(1)
    assert compute_metric("surveillance.establishments_inspected_b", scope) == Decimal(0)


def test_plan_targets_find_the_metrics_by_their_wording():
    def keys(text):
        return [m.key for m in metrics_matching(text)][:1]

    assert keys("Hằng năm thực hiện khảo sát chất lượng ít nhất 20 sản phẩm, hàng hóa") == [
        "surveillance.products_surveyed"
    ]
    assert keys("100% cảnh báo hàng hóa không bảo đảm chất lượng được xử lý") == [
        "surveillance.warnings_handled_share"
    ]
    assert keys("Hoàn thành 100% kế hoạch thanh tra, kiểm tra hằng năm") == [
        "surveillance.inspections_done_share"
    ]


def test_the_menu_offers_surveillance_to_those_who_may_see_it(officer, custodian, client):
    assert "surveillance:overview" in [e["name"] for e in nav_for(officer)]
    assert "surveillance:overview" not in [e["name"] for e in nav_for(custodian)]
