"""Routing rules through the API (/api/v1/complaints/routing-rules/…): which organisation
handles which category in which area. Read by everyone who works on complaints (of their own
province; national viewers name one), changed by the province's DoST officers — the same
checks as the routing page (`can_view_routing`, `can_manage_routing`)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from tdc.accounts.models import Commune, Province, User
from tdc.complaints.access import can_manage_routing, can_see_every_province, can_view_routing
from tdc.complaints.forms import MAX_ID
from tdc.complaints.models import Complaint, RoutingRule
from tdc.complaints.queries import default_province, routable_organisations, routing_rules_of
from tdc.complaints.services import delete_routing_rule, save_routing_rule

router = Router(tags=["complaints"])


class ComplaintRoutingRuleOut(Schema):
    id: int
    province_id: int
    commune_id: int | None
    category: str
    organisation_id: int
    organisation_name: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation_name(obj: RoutingRule) -> str:
        return obj.organisation.name


class ComplaintRoutingRuleIn(Schema):
    """`category` empty: every category; `commune_id` null: the whole province."""

    category: str = ""
    commune_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    organisation_id: int = Field(ge=1, le=MAX_ID)
    province_id: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="Only for national accounts."
    )


def _province(request: HttpRequest, province_id: int | None) -> Province:
    user = request.user
    if not can_view_routing(user):
        raise PermissionDenied
    own = user.province_id if isinstance(user, User) else None
    if not can_see_every_province(user):
        found = Province.objects.filter(pk=own or 0).first()
    elif province_id is not None:
        found = Province.objects.filter(pk=province_id).first()
    else:  # as the page: a national account starts on its own, else the form's default
        found = (Province.objects.filter(pk=own).first() if own else None) or default_province()
    if found is None:
        raise Http404
    return found


def _save(
    request: HttpRequest, rule: RoutingRule | None, payload: ComplaintRoutingRuleIn
) -> RoutingRule:
    province = rule.province if rule is not None else _province(request, payload.province_id)
    user: User = request.user  # type: ignore[assignment]
    if not can_manage_routing(user, province.pk):
        raise PermissionDenied
    if payload.category and payload.category not in Complaint.Category.values:
        raise ValidationError({"category": "Lĩnh vực không hợp lệ."})
    commune = None
    if payload.commune_id is not None:
        commune = Commune.objects.filter(pk=payload.commune_id, province=province).first()
        if commune is None:
            raise ValidationError({"commune": "Xã, phường không thuộc tỉnh."})
    organisation = routable_organisations(province.pk).filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise ValidationError(
            {"organisation": "Cơ quan xử lý phải là cơ quan nhà nước trong tỉnh."}
        )
    return save_routing_rule(
        rule,
        province=province,
        commune=commune,
        category=payload.category,
        organisation=organisation,
        by=user,
    )


def _rule(request: HttpRequest, pk: int) -> RoutingRule:
    rule = RoutingRule.objects.select_related("province", "organisation").filter(pk=pk).first()
    if rule is None:
        raise Http404
    if _province(request, rule.province_id).pk != rule.province_id:  # the list's door
        raise Http404
    return rule


@router.get("/routing-rules/", response=list[ComplaintRoutingRuleOut])
def list_routing_rules(
    request: HttpRequest, province_id: int | None = None
) -> QuerySet[RoutingRule]:
    """The rules of the caller's province (a national account names `province_id`)."""
    return routing_rules_of(_province(request, province_id).pk).order_by("category", "pk")


@router.post("/routing-rules/", response={201: ComplaintRoutingRuleOut})
def create_routing_rule(
    request: HttpRequest, payload: ComplaintRoutingRuleIn
) -> Status[RoutingRule]:
    return Status(201, _save(request, None, payload))


@router.put("/routing-rules/{int:pk}", response=ComplaintRoutingRuleOut)
def update_routing_rule(
    request: HttpRequest, pk: int, payload: ComplaintRoutingRuleIn
) -> RoutingRule:
    return _save(request, _rule(request, pk), payload)


@router.delete("/routing-rules/{int:pk}", response={204: None})
def remove_routing_rule(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    user: User = request.user  # type: ignore[assignment]
    if not can_manage_routing(user, rule.province_id):
        raise PermissionDenied
    delete_routing_rule(rule, by=user)
    return HttpResponse(status=204)
