"""The exchange demo: the Ministry's client with read scopes, two subscribers that never reach
outside this machine (one refused on loopback, one paused), deliveries of real demo events —
and loaded twice, the same."""

from __future__ import annotations

import io

import pytest

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.exchange import demo
from tdc.exchange.models import ApiClient, Delivery, Subscription
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, sent_report

pytestmark = pytest.mark.django_db


def test_the_demo_client_subscribers_and_deliveries_load_once(
    dost, agency, reporter, officer, ministry, settings
):
    settings.EXCHANGE_ALLOW_LOOPBACK = False  # as in production: loopback is refused
    UserFactory(username="quantri", organisation=dost, roles=[Role.SYSTEM_ADMIN])
    plan = make_plan(dost, [{"number": "1.1", "content": "Tuyên truyền", "leads": [agency]}])
    assign_plan(plan)
    report = sent_report(plan, agency, reporter, officer=officer)

    out = io.StringIO()
    demo.load(out)
    demo.load(out)

    client = ApiClient.objects.get()
    assert (client.name, client.scopes, client.user.organisation) == (
        demo.CLIENT_NAME, demo.CLIENT_SCOPES, ministry,
    )  # fmt: skip
    assert all(scope.endswith(":read") for scope in client.scopes)
    statuses = dict(Subscription.objects.values_list("name", "status"))
    assert statuses == {demo.LOOPBACK: "active", demo.PAUSED: "paused"}
    deliveries = Delivery.objects.order_by("subscription__name")
    assert [(d.subscription.name, d.status, d.attempts) for d in deliveries] == [
        (demo.LOOPBACK, "pending", 1),  # refused before connecting, retried later
        (demo.PAUSED, "held", 0),
    ]
    refused = deliveries[0]
    assert refused.error == "Không được gửi tới chính máy chủ (địa chỉ loopback)."
    assert refused.payload["report_id"] == report.pk
    assert out.getvalue().count("Exchange: 1 OAuth client, 2 subscribers, 2 deliveries.") == 2
