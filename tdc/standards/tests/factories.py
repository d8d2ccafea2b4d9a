from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tdc.accounts.tests.factories import UserFactory
from tdc.standards.models import Enquiry, Notification, Standard, Subscription


class StandardFactory(DjangoModelFactory[Standard]):
    class Meta:
        model = Standard

    number = factory.Sequence(lambda n: f"TCVN {9000 + n}:2020")
    title_vi = "Cà phê nhân"
    ics: Any = factory.LazyFunction(lambda: ["67.140.20"])

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Standard:
        standard: Standard = model_class(*args, **kwargs)
        standard.refresh_search()
        standard.save()
        return standard


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    symbol = factory.Sequence(lambda n: f"G/TBT/N/USA/{1000 + n}")
    base_symbol = factory.LazyAttribute(lambda o: "/".join(o.symbol.split("/")[:5]))
    member = factory.LazyAttribute(lambda o: o.symbol.split("/")[3])
    member_name = "United States of America"
    title = "Coffee labelling"
    hs: Any = factory.LazyFunction(lambda: ["090111"])
    ics: Any = factory.LazyFunction(lambda: ["67.140.20"])
    distributed_on = factory.LazyFunction(timezone.localdate)
    comment_deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Notification:
        notification: Notification = model_class(*args, **kwargs)
        notification.refresh_search()
        notification.save()
        return notification


class SubscriptionFactory(DjangoModelFactory[Subscription]):
    class Meta:
        model = Subscription

    name = "Cà phê"
    email = "xuatkhau@example.vn"
    created_by = factory.SubFactory(UserFactory)
    hs_prefixes: Any = factory.LazyFunction(lambda: ["0901"])


class EnquiryFactory(DjangoModelFactory[Enquiry]):
    class Meta:
        model = Enquiry

    subject = "Quy định ghi nhãn cà phê tại Hoa Kỳ"
    question = "Cà phê rang xuất khẩu sang Hoa Kỳ cần ghi nhãn những gì?"
    asked_by = factory.SubFactory(UserFactory)
    received_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
