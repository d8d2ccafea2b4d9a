"""The indicators API: read by whoever sees the plan, fed by the plan's TĐC officer."""

import datetime as dt

import pytest

from tdc.accounts.services import issue_api_token
from tdc.plans.models import IndicatorValue
from tdc.plans.services.indicators import create_indicator

API = "/api/v1/plans"

pytestmark = pytest.mark.usefixtures("before_the_deadline")


def auth(user):
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_indicators_are_read_by_everyone_in_the_province_and_fed_by_the_officer(
    client, plan, officer, reporter
):
    indicator = create_indicator(
        plan,
        by=officer,
        name="Tổ chức ít nhất 05 diễn đàn",
        unit="diễn đàn",
        comparator=">=",
        target_value=5,
        deadline=dt.date(2030, 12, 31),
        aggregation="cumulative",
    )
    value = {
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "value": "2",
        "source": "Báo cáo của Sở KH&CN",
    }

    assert (
        client.post(
            f"{API}/indicators/{indicator.pk}/values",
            value,
            content_type="application/json",
            **auth(reporter),
        ).status_code
        == 403
    )
    recorded = client.post(
        f"{API}/indicators/{indicator.pk}/values",
        value,
        content_type="application/json",
        **auth(officer),
    )
    listed = client.get(f"{API}/indicators/", **auth(reporter)).json()["items"]

    assert recorded.status_code == 200
    assert IndicatorValue.objects.get().source == "Báo cáo của Sở KH&CN"
    assert [(i["name"], i["actual"], i["status"]) for i in listed] == [
        ("Tổ chức ít nhất 05 diễn đàn", "2.00", "on_track")
    ]
