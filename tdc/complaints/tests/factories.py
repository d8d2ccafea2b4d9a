from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tdc.accounts.models import Commune, Organisation
from tdc.accounts.tests.factories import OrganisationFactory, ProvinceFactory
from tdc.complaints.models import Complaint, RoutingRule
from tdc.core.text import fold
from tdc.core.workdays import add_working_days


class CommuneFactory(DjangoModelFactory[Commune]):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 22000 + n)
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    codename = factory.LazyAttribute(lambda c: fold(c.name).replace(" ", "_"))
    division_type = "phường"
    province = factory.SubFactory(ProvinceFactory)
    search_key = factory.LazyAttribute(lambda c: fold(c.name))


class ComplaintFactory(DjangoModelFactory[Complaint]):
    """A complaint made directly (no identity, no receipt): for tests of handling and access."""

    class Meta:
        model = Complaint

    reference = factory.Sequence(lambda n: f"PA26-T{n:05d}")
    category = Complaint.Category.MEASUREMENT_FRAUD
    province = factory.SubFactory(ProvinceFactory)
    commune = factory.SubFactory(CommuneFactory, province=factory.SelfAttribute("..province"))
    business_name = "Sạp cá cô Ba"
    business_key = factory.LazyAttribute(lambda c: fold(c.business_name))
    address = "Chợ Đầm"
    description = "Cân điện tử cân thiếu khoảng 100 gam mỗi ki-lô-gam."
    organisation = factory.SubFactory(
        OrganisationFactory, province=factory.SelfAttribute("..province")
    )
    acknowledge_due = factory.LazyFunction(lambda: add_working_days(timezone.localdate(), 3, []))
    search_key = factory.LazyAttribute(
        lambda c: fold(f"{c.reference} {c.business_name} {c.address}")
    )


class RoutingRuleFactory(DjangoModelFactory[RoutingRule]):
    class Meta:
        model = RoutingRule

    province = factory.SubFactory(ProvinceFactory)
    commune = None
    category = ""
    organisation = factory.SubFactory(
        OrganisationFactory, province=factory.SelfAttribute("..province")
    )


def make_organisation(**values: Any) -> Organisation:
    """A typed shortcut (factory-boy's stubs cannot say what a factory returns)."""
    return OrganisationFactory(**values)


def make_complaint(**values: Any) -> Complaint:
    return ComplaintFactory(**values)
