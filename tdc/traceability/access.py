"""The door to traceability records: a business reaches its own products, lots, places and
events; officers read their province's; nobody changes another business's records. "Missing"
and "not yours" both answer 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.permissions import restrict
from tdc.traceability.models import Lot, LotImport, Place, Product


def products_visible_to(user: AnyUser) -> QuerySet[Product]:
    return restrict(
        Product.objects.select_related("owner"),
        user,
        organisation_field="owner",
        province_field="province",
    )


def products_changeable_by(user: AnyUser) -> QuerySet[Product]:
    """Only the business itself manages its products (officers read, never write)."""
    if not can(user, Capability.MANAGE_TRACEABLE_PRODUCTS):
        return Product.objects.none()
    return restrict(
        Product.objects.select_related("owner"),
        user,
        action="change",
        organisation_field="owner",
        province_field="province",
    ).filter(owner_id=getattr(user, "organisation_id", None))


def get_product_for_user(user: AnyUser, pk: int) -> Product:
    return get_object_or_404(products_visible_to(user), pk=pk)


def get_product_to_change(user: AnyUser, pk: int) -> Product:
    return get_object_or_404(products_changeable_by(user), pk=pk)


def lots_visible_to(user: AnyUser) -> QuerySet[Lot]:
    return Lot.objects.filter(product__in=products_visible_to(user)).select_related(
        "product", "product__owner"
    )


def get_lot_for_user(user: AnyUser, pk: int) -> Lot:
    return get_object_or_404(lots_visible_to(user), pk=pk)


def get_lot_to_change(user: AnyUser, pk: int) -> Lot:
    return get_object_or_404(
        Lot.objects.filter(product__in=products_changeable_by(user)).select_related("product"),
        pk=pk,
    )


def places_of(user: AnyUser) -> QuerySet[Place]:
    """The places of the user's own business (where its events happen)."""
    if not can(user, Capability.MANAGE_TRACEABLE_PRODUCTS):
        return Place.objects.none()
    return Place.objects.filter(owner_id=getattr(user, "organisation_id", None))


def get_lot_import_for_user(user: AnyUser, pk: int) -> LotImport:
    """A lot import of the user's own business (its error file names its rows)."""
    if not can(user, Capability.MANAGE_TRACEABLE_PRODUCTS):
        raise Http404
    return get_object_or_404(
        LotImport.objects.filter(owner_id=getattr(user, "organisation_id", None)), pk=pk
    )


def can_manage_traceability(user: AnyUser) -> bool:
    return can(user, Capability.MANAGE_TRACEABLE_PRODUCTS) and (
        getattr(user, "organisation_id", None) is not None
    )


def can_read_traceability(user: AnyUser) -> bool:
    return can(user, Capability.QUERY_EPCIS_EVENTS)
