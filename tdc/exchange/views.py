"""The administrator's pages: systems allowed to call the API, and event subscriptions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.events import event_types
from tdc.exchange import access, queries, services
from tdc.exchange.forms import ClientForm, SubscriptionForm


def _apply_errors(form: ClientForm | SubscriptionForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for one in errors:
                form.add_error(target, one.message % (one.params or {}))
    else:
        for message in error.messages:
            form.add_error("url" if "url" in form.fields else None, message)


@capability_required(Capability.MANAGE_API_CLIENTS)
def client_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = services.issue_client(
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                scopes=form.cleaned_data["scopes"],
                contact_email=form.cleaned_data["contact_email"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            issued = {"client": client, "secret": secret}
            form = ClientForm()
    return render(
        request,
        "exchange/client_list.html",
        {"clients": queries.api_clients(), "form": form, "issued": issued},
    )


@require_POST
@capability_required(Capability.MANAGE_API_CLIENTS)
def client_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    client = services.revoke_client(access.get_client(pk), by=request.user)
    messages.success(request, _("Đã thu hồi quyền truy cập của %(name)s.") % {"name": client.name})
    return redirect("exchange:client_list")


@capability_required(Capability.MANAGE_EVENT_SUBSCRIPTIONS)
def subscription_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = services.create_subscription(
                name=form.cleaned_data["name"],
                url=form.cleaned_data["url"],
                event_types=form.cleaned_data["event_types"],
                owner_email=form.cleaned_data["owner_email"],
                allow_intranet=form.cleaned_data["allow_intranet"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            created = {"subscription": subscription, "secret": secret}
            form = SubscriptionForm()
    labels = {t.name: t.label for t in event_types()}
    return render(
        request,
        "exchange/subscription_list.html",
        {
            "subscriptions": queries.subscriptions(),
            "form": form,
            "created": created,
            "labels": labels,
        },
    )


@capability_required(Capability.MANAGE_EVENT_SUBSCRIPTIONS)
def subscription_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    subscription = access.get_subscription(pk)
    return render(
        request,
        "exchange/subscription_detail.html",
        {
            "subscription": subscription,
            "deliveries": queries.deliveries_of(subscription)[:200],
        },
    )


@require_POST
@capability_required(Capability.MANAGE_EVENT_SUBSCRIPTIONS)
def subscription_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    subscription = access.get_subscription(pk)
    if action == "pause":
        services.pause_subscription(
            subscription, by=request.user, reason=_("Quản trị viên tạm dừng.")
        )
        messages.success(request, _("Đã tạm dừng gửi sự kiện."))
    elif action == "resume":
        held = services.resume_subscription(subscription, by=request.user)
        messages.success(
            request, _("Đã tiếp tục gửi; %(n)s sự kiện giữ lại được gửi bù.") % {"n": held}
        )
    else:  # "delete": the only other value the URL conf passes
        services.delete_subscription(subscription, by=request.user)
        messages.success(request, _("Đã xóa đăng ký."))
        return redirect("exchange:subscription_list")
    return redirect("exchange:subscription_detail", pk=pk)


@require_POST
@capability_required(Capability.MANAGE_EVENT_SUBSCRIPTIONS)
def delivery_replay(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delivery = access.get_delivery(pk)
    try:
        services.replay_delivery(delivery, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã đưa sự kiện vào hàng đợi gửi lại."))
    return redirect("exchange:subscription_detail", pk=delivery.subscription_id)
