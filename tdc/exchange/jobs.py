"""Background work of the exchange: one delivery attempt, the retry sweep, the pause sweep."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tdc.exchange import services
from tdc.exchange.models import Subscription


@task()
def deliver(*, delivery_id: int) -> bool:
    return services.attempt_delivery(delivery_id)


@task()
def retry_due_deliveries() -> int:
    """Attempt every delivery whose back-off has run out (periodic, every minute)."""
    due = services.due_deliveries()
    for pk in due:
        services.attempt_delivery(pk)
    return len(due)


@task()
def pause_failing_subscriptions() -> int:
    now = timezone.now()
    ids = Subscription.objects.filter(
        status=Subscription.Status.ACTIVE, failing_since__isnull=False
    ).values_list("pk", flat=True)
    return sum(services.pause_if_failing_for_a_day(pk, now=now) for pk in ids)
