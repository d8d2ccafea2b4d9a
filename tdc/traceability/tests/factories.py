"""Factories for traceability: products, lots and places of a business, and captured events."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from tdc.accounts.models import User
from tdc.accounts.services import issue_api_token
from tdc.traceability.models import Lot, Place, Product
from tdc.traceability.services import CaptureResult, capture_document
from tdc.traceability.tests.epcis.documents import raw


class ProductFactory(DjangoModelFactory[Product]):
    class Meta:
        model = Product

    owner: Any = None
    province = factory.LazyAttribute(lambda o: o.owner.province)
    gtin = "08934588063060"
    name = "Xoài cát Hòa Lộc"
    brand = "Vườn Cam Lâm"
    category = "Trái cây tươi"


class LotFactory(DjangoModelFactory[Lot]):
    class Meta:
        model = Lot

    product: Any = None
    number = "L2611"


class PlaceFactory(DjangoModelFactory[Place]):
    class Meta:
        model = Place

    owner: Any = None
    code = "vuon-1"
    name = "Vườn xoài Cam Lâm"


def auth(user: User) -> dict[str, str]:
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def captured(user: User, *events: dict[str, Any]) -> CaptureResult:
    return capture_document(raw(*events), by=user)
