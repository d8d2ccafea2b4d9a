"""Reads of the exchange."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from tdc.exchange.models import ApiClient, Delivery, Subscription
from tdc.exchange.oauth import token_checksum


def api_clients() -> QuerySet[ApiClient]:
    return ApiClient.objects.select_related("user", "user__organisation").order_by(
        "revoked_at", "name", "pk"
    )


def client_for_access_token(token: str) -> tuple[ApiClient, str] | None:
    """The active client behind an OAuth access token, with the token's scopes; None when the
    token is unknown, expired, or its client revoked."""
    from oauth2_provider.models import AccessToken

    access = (
        AccessToken.objects.select_related("application__tdc_client__user")
        .filter(token_checksum=token_checksum(token))
        .first()
    )
    if access is None or access.is_expired() or access.application is None:
        return None
    client = getattr(access.application, "tdc_client", None)
    if client is None or not client.is_active or not client.user.is_active:
        return None
    return client, access.scope


def subscriptions() -> QuerySet[Subscription]:
    return Subscription.objects.annotate(
        pending=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.PENDING)),
        held=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.HELD)),
        delivered=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.DELIVERED)),
    ).order_by("name", "pk")


def deliveries_of(subscription: Subscription) -> QuerySet[Delivery]:
    return subscription.deliveries.order_by("-occurred_at", "-pk")
