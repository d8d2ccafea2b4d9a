"""Subscriptions, the in-app alerts and the signed one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.standards import services
from tdc.standards.access import (
    alert_organisation_for,
    get_subscription_for_user,
    subscribable_organisations,
    subscriptions_for_user,
)
from tdc.standards.forms import SubscriptionForm
from tdc.standards.models import Subscription
from tdc.standards.queries import digests_of
from tdc.standards.services.alerts import subscription_from_token


@capability_required(Capability.SUBSCRIBE_TO_ALERTS)
def subscription_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "standards/subscription_list.html",
        {"subscriptions": subscriptions_for_user(request.user).order_by("-is_active", "name")},
    )


def _initial(subscription: Subscription) -> dict[str, object]:
    return {
        "name": subscription.name,
        "email": subscription.email,
        "hs_prefixes": ", ".join(subscription.hs_prefixes),
        "ics_prefixes": ", ".join(subscription.ics_prefixes),
        "markets": ", ".join(subscription.markets),
        "keywords": ", ".join(subscription.keywords),
        "include_standard_changes": subscription.include_standard_changes,
        "organisation": subscription.organisation_id,
    }


@capability_required(Capability.SUBSCRIBE_TO_ALERTS)
def subscription_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = subscribable_organisations(request.user)
    initial = {"email": request.user.email, "include_standard_changes": True}
    form = SubscriptionForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation = form.organisation() or request.user.organisation
        if organisation is None:
            raise Http404
        try:
            services.create_subscription(organisation, values=form.values(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã đăng ký nhận cảnh báo."))
            return redirect("standards:subscription_list")
    return render(request, "standards/subscription_form.html", {"form": form, "subscription": None})


@capability_required(Capability.SUBSCRIBE_TO_ALERTS)
def subscription_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    subscription = get_subscription_for_user(request.user, pk)
    form = SubscriptionForm(request.POST or None, initial=_initial(subscription))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_subscription(subscription, values=form.values(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu đăng ký."))
            return redirect("standards:subscription_list")
    return render(
        request, "standards/subscription_form.html", {"form": form, "subscription": subscription}
    )


@require_POST
@capability_required(Capability.SUBSCRIBE_TO_ALERTS)
def subscription_stop(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    subscription = get_subscription_for_user(request.user, pk)
    services.unsubscribe(subscription, by=request.user)
    messages.success(request, _("Đã ngừng nhận cảnh báo “%(name)s”.") % {"name": subscription.name})
    return redirect("standards:subscription_list")


@capability_required(Capability.SUBSCRIBE_TO_ALERTS)
def alert_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = alert_organisation_for(request.user)
    digests = list(digests_of(organisation)[:30]) if organisation is not None else []
    return render(
        request, "standards/alert_list.html", {"digests": digests, "organisation": organisation}
    )


@csrf_exempt  # the signed token is the credential (RFC 8058 one-click POST from mail clients)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = subscription_from_token(token)
    if subscription is None:
        raise Http404
    if request.method == "POST":
        services.unsubscribe(subscription)
        return render(request, "standards/unsubscribed.html", {"subscription": subscription})
    return render(request, "standards/unsubscribe.html", {"subscription": subscription})
