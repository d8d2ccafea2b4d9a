from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from tdc.accounts.models import Commune, Organisation
from tdc.accounts.tests.factories import OrganisationFactory, ProvinceFactory
from tdc.metrology import services
from tdc.metrology.models import Instrument, InstrumentType, Verification

FUEL = "cot-do-xang-dau"  # 12 months
TAXIMETER = "taximet"  # 18 months
WATER = "dong-ho-do-nuoc-lanh-co-khi"  # 60 months
TAPE = "thuoc-cuon"  # initial verification only


class CommuneFactory(DjangoModelFactory[Commune]):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 90000 + n)
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    codename = factory.LazyAttribute(lambda c: f"c{c.code}")
    division_type = "phường"
    province = factory.SubFactory(ProvinceFactory)
    search_key = factory.LazyAttribute(lambda c: c.name.lower())


def kind(code: str) -> InstrumentType:
    return InstrumentType.objects.get(code=code)


def verification_body(
    province: Any, name: str = "Trung tâm Kỹ thuật TĐC Khánh Hòa"
) -> Organisation:
    existing = Organisation.objects.filter(name=name, province=province).first()
    if existing:
        return existing
    return OrganisationFactory(
        name=name,
        short_name="Trung tâm TĐC",
        kind=Organisation.Kind.TESTING_BODY,
        province=province,
    )


def instrument(
    owner: Organisation,
    commune: Commune,
    *,
    code: str = FUEL,
    serial: str = "CX-001",
    status: str = Instrument.Status.IN_USE,
    **values: Any,
) -> Instrument:
    return services.register_instrument(
        owner=owner,
        type=kind(code),
        serial=serial,
        commune=commune,
        status=status,
        by=None,
        **values,
    )


def verify(
    target: Instrument,
    on: dt.date,
    *,
    stamp: str = "",
    passed: bool = True,
    verifier: Organisation | None = None,
) -> Verification:
    return services.record_verification(
        target,
        by=None,
        verified_on=on,
        verifier=verifier or verification_body(target.province),
        result=Verification.Result.PASSED if passed else Verification.Result.FAILED,
        stamp_number=stamp,
        certificate_number=f"GCN-{stamp}" if stamp else "",
    )
