from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from tdc.accounts.access import get_organisation_for_user
from tdc.accounts.models import Organisation
from tdc.accounts.queries import organisations_visible_to, search_organisations

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    aliases: list[str]
    kind: str
    province_id: int | None
    parent_id: int | None
    is_active: bool


@router.get("/", response=list[OrganisationOut])
@paginate
def list_organisations(request: HttpRequest, q: str = "", kind: str = "") -> QuerySet[Organisation]:
    organisations = search_organisations(organisations_visible_to(request.user), q)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


@router.get("/{pk}", response=OrganisationOut)
def get_organisation(request: HttpRequest, pk: int) -> Organisation:
    return get_organisation_for_user(request.user, pk)
