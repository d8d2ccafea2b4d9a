from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.core import events
from tdc.core.models import AuditEvent
from tdc.core.products import product_notices
from tdc.surveillance import services
from tdc.surveillance.models import ConsumerWarning, RiskLevel, Sample
from tdc.surveillance.rules.matrix import Step
from tdc.surveillance.tests.factories import ProductFactory, SampleFactory


@pytest.fixture
def second_officer(dost):
    return UserFactory(username="kiemtra.tdc", organisation=dost, roles=[Role.TDC_OFFICER])


@pytest.fixture
def failing_sample(province):
    product = ProductFactory(province=province, name="Xe đẩy đồ chơi sơn đỏ", gtin="08934567000048")
    return SampleFactory(
        programme__province=province,
        product=product,
        verdict=Sample.Verdict.NON_CONFORMING,
        establishment__organisation__name="Cửa hàng Đồ chơi Hoa Sen",
        establishment__address="12 Trần Phú",
    )


def test_a_warning_is_drafted_from_a_failing_sample_with_where_it_was_sold(failing_sample, officer):
    warning = services.draft_warning_from_sample(failing_sample, by=officer, hazard="Chì vượt mức.")

    assert warning.status == ConsumerWarning.Status.DRAFT
    assert warning.title == "Cảnh báo: Xe đẩy đồ chơi sơn đỏ không bảo đảm chất lượng"
    assert warning.where_sold == "Cửa hàng Đồ chơi Hoa Sen, 12 Trần Phú"
    assert (warning.risk_level, warning.gtin) == (RiskLevel.MEDIUM, "08934567000048")


def test_the_warning_takes_the_sample_latest_risk_level(failing_sample, officer):
    services.assess_risk(
        failing_sample.product,
        hazard="Chì",
        steps=[Step("Trẻ ngậm", Decimal("0.5"))],
        severity=4,
        sample=failing_sample,
        by=officer,
    )

    warning = services.draft_warning_from_sample(failing_sample, by=officer, hazard="Chì.")

    assert warning.risk_level == RiskLevel.SERIOUS


def test_a_conforming_sample_gets_no_warning(officer):
    with pytest.raises(ValidationError):
        services.draft_warning_from_sample(SampleFactory(), by=officer, hazard="x")


def test_a_serious_assessment_drafts_a_warning_and_a_low_one_does_not(province, officer):
    product = ProductFactory(province=province)
    serious = services.assess_risk(
        product, hazard="Chì", steps=[Step("a", Decimal("0.5"))], severity=4, by=officer
    )
    low = services.assess_risk(
        product, hazard="Xước", steps=[Step("a", Decimal("0.0000001"))], severity=1, by=officer
    )

    warning = services.draft_warning_from_assessment(serious, by=officer)

    assert (warning.assessment, warning.hazard) == (serious, "Chì")
    with pytest.raises(ValidationError):
        services.draft_warning_from_assessment(low, by=officer)


def test_approval_needs_a_second_officer_then_publishing_announces_it(
    failing_sample, officer, second_officer, django_capture_on_commit_callbacks, request
):
    received = []
    saved = list(events._LISTENERS)
    events.add_listener(lambda name, payload: received.append((name, dict(payload))))
    request.addfinalizer(lambda: events._LISTENERS.__setitem__(slice(None), saved))
    warning = services.draft_warning_from_sample(failing_sample, by=officer, hazard="Chì.")

    with pytest.raises(ValidationError) as error:
        services.approve_warning(warning, by=officer)
    assert error.value.messages == ["Người lập dự thảo không tự duyệt cảnh báo của mình."]

    services.approve_warning(warning, by=second_officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_warning(warning, by=officer)

    warning.refresh_from_db()
    assert warning.status == ConsumerWarning.Status.PUBLISHED
    assert received[-1] == (
        "surveillance.warning_published",
        {
            "warning": warning.reference,
            "province": warning.province_id,
            "gtin": "08934567000048",
            "risk_level": "medium",
            "title": warning.title,
        },
    )
    assert list(
        AuditEvent.objects.filter(target_id=str(warning.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "surveillance.warning_drafted",
        "surveillance.warning_approved",
        "surveillance.warning_published",
    ]


def test_only_published_warnings_are_product_notices(failing_sample, officer, second_officer):
    warning = services.draft_warning_from_sample(failing_sample, by=officer, hazard="Chì.")
    assert product_notices("08934567000048") == []

    services.approve_warning(warning, by=second_officer)
    assert product_notices("08934567000048") == []
    services.publish_warning(warning, by=officer)

    notices = product_notices("08934567000048")
    assert [(n.kind, n.title, n.url) for n in notices] == [
        ("warning", warning.title, f"/giam-sat/canh-bao/{warning.reference}/")
    ]


def test_publishing_needs_approval_and_withdrawing_needs_a_reason(
    failing_sample, officer, second_officer
):
    warning = services.draft_warning_from_sample(failing_sample, by=officer, hazard="Chì.")
    with pytest.raises(ValidationError):
        services.publish_warning(warning, by=officer)
    services.approve_warning(warning, by=second_officer)
    with pytest.raises(ValidationError):
        services.approve_warning(warning, by=second_officer)
    services.publish_warning(warning, by=officer)

    with pytest.raises(ValidationError):
        services.withdraw_warning(warning, by=officer, reason="  ")
    services.withdraw_warning(warning, by=officer, reason="Cơ sở đã thu hồi toàn bộ lô hàng")

    assert warning.status == ConsumerWarning.Status.WITHDRAWN
    assert product_notices("08934567000048") == []
    with pytest.raises(ValidationError):
        services.withdraw_warning(warning, by=officer, reason="lần nữa")
