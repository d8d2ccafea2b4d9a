"""The door of the exchange pages: the administrator only (404 for a record out of reach is
moot: every record is the administrator's)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from tdc.exchange.models import ApiClient, Delivery, Subscription


def get_client(pk: int) -> ApiClient:
    return get_object_or_404(ApiClient.objects.select_related("user"), pk=pk)


def get_subscription(pk: int) -> Subscription:
    return get_object_or_404(Subscription, pk=pk)


def get_delivery(pk: int) -> Delivery:
    return get_object_or_404(Delivery.objects.select_related("subscription"), pk=pk)
