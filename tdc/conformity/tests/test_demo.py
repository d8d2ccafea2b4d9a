"""The standards and conformity demo: loaded twice without change."""

from __future__ import annotations

import io

from tdc.accounts import demo as accounts_demo
from tdc.conformity import demo as conformity_demo
from tdc.conformity.models import Declaration
from tdc.standards import demo as standards_demo
from tdc.standards.models import Digest, Notification, Standard, Subscription


def test_the_demo_loads_once(db):
    accounts_demo.load(io.StringIO())
    for _ in range(2):
        standards_demo.load(io.StringIO())
        conformity_demo.load(io.StringIO())

    assert Standard.objects.count() == 7
    assert Notification.objects.count() == 3
    subscription = Subscription.objects.get()
    digest = Digest.objects.get()
    assert digest.subscription == subscription
    assert [n.symbol for n in digest.notifications.all()] == ["G/TBT/N/KOR/1230/Add.1"]
    assert sorted(Declaration.objects.values_list("status", flat=True)) == ["accepted", "submitted"]
    accepted = Declaration.objects.get(status="accepted")
    assert (accepted.gtin, accepted.standard.number) == ("08931234567897", "QCVN 4:2009/BKHCN")
