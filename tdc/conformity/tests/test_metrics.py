from __future__ import annotations

import pytest
from django.utils import timezone

from tdc.conformity import services
from tdc.conformity.tests.factories import filed
from tdc.core.metrics import MetricScope, compute_metric, metrics_matching

pytestmark = pytest.mark.django_db


def test_declarations_processed_on_time(business_user, officer, province):
    services.accept_declaration(filed(business_user), by=officer)
    today = timezone.localdate()
    scope = MetricScope(province_id=province.code, start=today, end=today)
    assert compute_metric("conformity.processed_on_time_share", scope) == 100
    empty = MetricScope(
        province_id=province.code,
        start=today.replace(year=today.year - 1),
        end=today.replace(year=today.year - 1),
    )
    assert compute_metric("conformity.processed_on_time_share", empty) is None


def test_plan_targets_find_the_figures_by_their_wording():
    keys = {
        m.key
        for m in metrics_matching(
            "100% hồ sơ công bố hợp chuẩn, hợp quy được tiếp nhận và xử lý đúng hạn"
        )
    }
    assert "conformity.processed_on_time_share" in keys
    assert [m.key for m in metrics_matching("Duy trì hoạt động thông báo, hỏi đáp TBT")][:1] == [
        "standards.enquiries_on_time_share"
    ]
    assert "standards.businesses_reached" in {
        m.key
        for m in metrics_matching("Cảnh báo về hàng rào kỹ thuật trong thương mại cho doanh nghiệp")
    }
    assert "standards.projects_issued" in {
        m.key for m in metrics_matching("Xây dựng quy chuẩn kỹ thuật địa phương về nước sạch")
    }
