"""TBT notifications over JSON (token required); a business's alert subscriptions and TBT
enquiries, and the enquiry point's answers, through the same services and doors as the pages
(404 for "missing" and "not yours")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.capabilities import Capability
from tdc.accounts.models import Organisation, User
from tdc.standards import services
from tdc.standards.access import (
    can_answer,
    enquiries_for_user,
    get_enquiry_for_user,
    get_subscription_for_user,
    subscribable_organisations,
    subscriptions_for_user,
)
from tdc.standards.api.common import caller
from tdc.standards.models import Enquiry, Notification, Subscription
from tdc.standards.queries import filter_notifications

router = Router(tags=["standards"])


class TbtNotificationOut(Schema):
    id: int
    symbol: str
    kind: str
    member: str
    title: str
    hs: list[str]
    ics: list[str]
    comment_deadline: dt.date | None
    summary_vi: str


@router.get("/notifications", response=list[TbtNotificationOut])
@paginate
def list_notifications(
    request: HttpRequest,
    q: str = "",
    member: str = "",
    hs: str = "",
    ics: str = "",
    open_only: bool = False,
) -> QuerySet[Notification]:
    return filter_notifications(
        text=q[:200],
        member=member[:10],
        hs=hs[:12],
        ics=ics[:20],
        open_only=open_only,
        today=timezone.localdate(),
    )


class TbtSubscriptionIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field(..., min_length=3, max_length=254)
    hs_prefixes: list[str] = Field(default_factory=list, max_length=50)
    ics_prefixes: list[str] = Field(default_factory=list, max_length=50)
    markets: list[str] = Field(default_factory=list, max_length=50)
    keywords: list[str] = Field(default_factory=list, max_length=50)
    include_standard_changes: bool = True
    # An officer subscribing for a business names it; a business user subscribes for itself.
    organisation_id: int | None = Field(None, ge=1, le=2**63 - 1)


class TbtSubscriptionOut(Schema):
    id: int
    organisation_id: int
    name: str
    email: str
    hs_prefixes: list[str]
    ics_prefixes: list[str]
    markets: list[str]
    keywords: list[str]
    include_standard_changes: bool
    is_active: bool


class TbtEnquiryIn(Schema):
    subject: str = Field(..., min_length=1, max_length=300)
    question: str = Field(..., min_length=1, max_length=10000)
    market: str = Field("", max_length=100)


class TbtEnquiryAnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=20000)
    publish: bool = False
    faq_question: str = Field("", max_length=10000)
    faq_answer: str = Field("", max_length=20000)


class TbtEnquiryOut(Schema):
    id: int
    subject: str
    question: str
    market: str
    status: str
    received_on: dt.date
    due_on: dt.date
    answer: str
    answered_on: dt.date | None
    is_published: bool


def _criteria(payload: TbtSubscriptionIn) -> dict[str, Any]:
    return payload.dict(exclude={"organisation_id"})


def _subscriber(user: User, organisation_id: int | None) -> Organisation:
    """The business the subscription is for: one the officer may act for, or the user's own."""
    choices = subscribable_organisations(user)
    if choices is not None:
        return get_object_or_404(choices, pk=organisation_id or 0)
    if user.organisation is None or organisation_id not in (None, user.organisation_id):
        raise PermissionDenied(_("Không có quyền thực hiện thao tác này."))
    return user.organisation


@router.get("/subscriptions", response=list[TbtSubscriptionOut])
@paginate
def list_subscriptions(request: HttpRequest) -> QuerySet[Subscription]:
    return subscriptions_for_user(request.user).order_by("-is_active", "name", "pk")


@router.post("/subscriptions", response={201: TbtSubscriptionOut})
def create_subscription(request: HttpRequest, payload: TbtSubscriptionIn) -> Status[Subscription]:
    user = caller(request, Capability.SUBSCRIBE_TO_ALERTS)
    organisation = _subscriber(user, payload.organisation_id)
    return Status(
        201, services.create_subscription(organisation, values=_criteria(payload), by=user)
    )


@router.put("/subscriptions/{pk}", response=TbtSubscriptionOut)
def update_subscription(request: HttpRequest, pk: int, payload: TbtSubscriptionIn) -> Subscription:
    user = caller(request, Capability.SUBSCRIBE_TO_ALERTS)
    subscription = get_subscription_for_user(user, pk)
    return services.update_subscription(subscription, values=_criteria(payload), by=user)


@router.post("/subscriptions/{pk}/stop", response=TbtSubscriptionOut)
def stop_subscription(request: HttpRequest, pk: int) -> Subscription:
    """Stop receiving the digest (as the signed link in each e-mail does). Idempotent."""
    user = caller(request, Capability.SUBSCRIBE_TO_ALERTS)
    return services.unsubscribe(get_subscription_for_user(user, pk), by=user)


@router.get("/enquiries", response=list[TbtEnquiryOut])
@paginate
def list_enquiries(request: HttpRequest) -> QuerySet[Enquiry]:
    return enquiries_for_user(request.user).order_by("-received_on", "-pk")


@router.post("/enquiries", response={201: TbtEnquiryOut})
def ask_enquiry(request: HttpRequest, payload: TbtEnquiryIn) -> Status[Enquiry]:
    """A business asks the TBT enquiry point; the answer is due in 5 working days."""
    user = caller(request, Capability.ASK_TBT_ENQUIRIES)
    return Status(201, services.ask_enquiry(**payload.dict(), by=user))


@router.post("/enquiries/{pk}/answer", response=TbtEnquiryOut)
def answer_enquiry(request: HttpRequest, pk: int, payload: TbtEnquiryAnswerIn) -> Enquiry:
    """The enquiry point answers; publishing in the FAQ needs the anonymised wording."""
    user = caller(request, Capability.ANSWER_TBT_ENQUIRIES)
    enquiry = get_enquiry_for_user(user, pk)
    if not can_answer(user, enquiry):
        raise PermissionDenied(_("Không có quyền thực hiện thao tác này."))
    return services.answer_enquiry(enquiry, by=user, **payload.dict())
