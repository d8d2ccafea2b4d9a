"""Declarations over JSON (read-only): the public register and the user's reach."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from tdc.conformity.access import declarations_for_user, get_declaration_for_user
from tdc.conformity.models import Declaration
from tdc.conformity.queries import search_register

router = Router(tags=["conformity"])


class DeclarationOut(Schema):
    id: int
    status: str
    kind: str
    product_name: str
    gtin: str
    standard: str
    organisation: str
    receipt_number: str | None
    submitted_on: dt.date | None
    due_on: dt.date | None
    decided_on: dt.date | None
    expires_on: dt.date | None

    @staticmethod
    def resolve_standard(obj: Declaration) -> str:
        return obj.standard.number

    @staticmethod
    def resolve_organisation(obj: Declaration) -> str:
        return obj.organisation.name


@router.get("/register", response=list[DeclarationOut])
@paginate
def register(request: HttpRequest, q: str = "") -> QuerySet[Declaration]:
    """Accepted declarations, by business, product, GTIN or receipt number."""
    return search_register(q[:200])


@router.get("/declarations", response=list[DeclarationOut])
@paginate
def list_declarations(request: HttpRequest, status: str = "") -> QuerySet[Declaration]:
    declarations = declarations_for_user(request.user).order_by("-updated_at", "-pk")
    if status:
        declarations = declarations.filter(status=status)
    return declarations


@router.get("/declarations/{pk}", response=DeclarationOut)
def get_declaration(request: HttpRequest, pk: int) -> Declaration:
    return get_declaration_for_user(request.user, pk)
