import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from tdc.complaints.models import Complaint
from tdc.complaints.tests.factories import ComplaintFactory
from tdc.surveillance import services
from tdc.surveillance.models import Establishment, Inspection, RiskLevel, Sample
from tdc.surveillance.tests.factories import (
    AssessmentFactory,
    EstablishmentFactory,
    InspectionFactory,
    SampleFactory,
    ViolationFactory,
    WarningFactory,
    category,
)


def _terms(establishment):
    establishment.refresh_from_db()
    explained = services.explain(establishment)
    assert explained is not None
    assert explained.total == establishment.score  # the stored inputs rebuild the stored score
    return {t.key: t.points for t in explained.terms}


def test_a_quiet_small_stall_scores_low(province):
    stall = EstablishmentFactory(organisation__province=province, channels=["stall"])
    stall.categories.add(category("vang-trang-suc"))

    services.score_establishments(province.pk)

    assert _terms(stall) == {
        "hazard": 8,
        "reach": 4,
        "history": 6,
        "reports": 0,
        "surveys": 0,
        "warnings": 0,
    }
    assert (stall.score, stall.risk_category, stall.triggers) == (18, "D", [])


def test_the_seller_of_a_failing_sample_scores_higher(province):
    seller = EstablishmentFactory(organisation__province=province, channels=["shop"])
    other = EstablishmentFactory(organisation__province=province, channels=["shop"])
    SampleFactory(
        programme__province=province, establishment=seller, verdict=Sample.Verdict.NON_CONFORMING
    )
    SampleFactory(
        programme__province=province, establishment=other, verdict=Sample.Verdict.CONFORMING
    )
    seller.categories.add(category())
    other.categories.add(category())

    services.score_establishments(province.pk)

    # toys: one failing of two tested → smoothed (1+1)/(2+5) = 28.6 % × 15 = 4.3 (+5 own)
    assert _terms(seller)["surveys"] == 9
    assert _terms(other)["surveys"] == 4
    assert seller.score > other.score


def test_history_credible_reports_and_warnings_count(province):
    shop = EstablishmentFactory(
        organisation__province=province, organisation__name="Sạp cá cô Ba", channels=["stall"]
    )
    done = InspectionFactory(establishment=shop, status=Inspection.Status.DONE)
    ViolationFactory(inspection=done)
    ViolationFactory(inspection=done)
    ComplaintFactory(
        province=province,
        business_name="Sạp cá cô Ba",
        status=Complaint.Status.ACCEPTED,
        category=Complaint.Category.COUNTERFEIT,
    )
    ComplaintFactory(
        province=province,
        business_name="sap ca co ba",
        status=Complaint.Status.REJECTED,
        rejection_reason=Complaint.RejectionReason.INSUFFICIENT,
    )  # not credible
    sample = SampleFactory(programme__province=province, establishment=shop)
    WarningFactory(product=sample.product, status="published", published_at=timezone.now())

    services.score_establishments(province.pk)

    terms = _terms(shop)
    assert (terms["history"], terms["reports"], terms["warnings"]) == (14, 5, 5)
    assert shop.triggers == []


def test_hard_triggers_come_from_serious_risks_and_measurement_fraud_reports(province):
    shop = EstablishmentFactory(organisation__province=province, organisation__name="Cân Đức Phát")
    sample = SampleFactory(programme__province=province, establishment=shop)
    AssessmentFactory(product=sample.product, level=RiskLevel.SERIOUS)
    ComplaintFactory(
        province=province,
        business_name="Cân Đức Phát",
        status=Complaint.Status.VERIFYING,
        category=Complaint.Category.MEASUREMENT_FRAUD,
    )

    services.score_establishments(province.pk)

    shop.refresh_from_db()
    assert shop.triggers == [
        "Bán sản phẩm có rủi ro nghiêm trọng trên địa bàn tỉnh.",
        "Có phản ánh đáng tin cậy về gian lận đo lường.",
    ]


def test_old_history_is_forgotten_after_three_years(province):
    shop = EstablishmentFactory(organisation__province=province)
    old = InspectionFactory(
        establishment=shop,
        status=Inspection.Status.DONE,
        inspected_on=timezone.localdate() - dt.timedelta(days=4 * 366),
    )
    ViolationFactory(inspection=old)

    services.score_establishments(province.pk)

    assert _terms(shop)["history"] == 6  # counts as never inspected


def test_scoring_touches_only_the_province(province, other_province):
    here = EstablishmentFactory(organisation__province=province)
    there = EstablishmentFactory(organisation__province=other_province)

    assert services.score_establishments(province.pk) == 1

    there.refresh_from_db()
    here.refresh_from_db()
    assert (here.score is not None, there.score) == (True, None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based path is PostgreSQL's")
def test_the_set_based_score_agrees_with_the_rules_term_by_term(province):
    """One UPDATE on PostgreSQL, the Python rules elsewhere: the same scores from the same data."""
    shops = []
    for n in range(24):
        shop = EstablishmentFactory(
            organisation__province=province,
            organisation__name=f"Cơ sở {n}",
            channels=[["stall"], ["shop", "online"], ["multi_province"], []][n % 4],
            volume=["small", "medium", "large"][n % 3],
            international_warning_matches=n % 3,
        )
        shop.categories.add(category(["do-choi-tre-em", "vang-trang-suc", "thep-xay-dung"][n % 3]))
        for k in range(n % 4):
            sample = SampleFactory(
                programme__province=province,
                establishment=shop,
                verdict=Sample.Verdict.NON_CONFORMING if (n + k) % 3 == 0 else "conforming",
            )
            if n % 5 == 0:
                AssessmentFactory(product=sample.product, level=RiskLevel.SERIOUS)
            if n % 7 == 0:
                WarningFactory(
                    product=sample.product, status="published", published_at=timezone.now()
                )
        if n % 2:
            done = InspectionFactory(establishment=shop, status=Inspection.Status.DONE)
            for _v in range(n % 4):
                ViolationFactory(inspection=done)
        if n % 6 == 0:
            ComplaintFactory(
                province=province, business_name=f"Cơ sở {n}", status=Complaint.Status.ACCEPTED
            )
        shops.append(shop)

    services.score_establishments(province.pk, in_sql=False)
    in_python = {e.pk: (e.score, e.risk_category, e.triggers) for e in Establishment.objects.all()}
    services.score_establishments(province.pk, in_sql=True)
    in_sql = {e.pk: (e.score, e.risk_category, e.triggers) for e in Establishment.objects.all()}

    assert in_sql == in_python
    assert len({score for score, _c, _t in in_sql.values()}) > 5
    for shop in shops:
        _terms(shop)  # the stored inputs rebuild the stored score
