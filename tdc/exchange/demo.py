"""Demo of the exchange: the Ministry's system as an OAuth client with read scopes, two
webhook subscribers that never reach outside this machine, and a few deliveries in history.

Idempotent (`make run` loads it every time): the client and the subscribers are found by name,
and the demo events carry an `event_key`, so each is recorded once. Nothing is sent anywhere:
- "Cổng dữ liệu của Sở (bản trình diễn)" points at this machine (loopback), which every
  delivery refuses before connecting — its history shows the refusal and the back-off;
- "Hệ thống báo cáo của Bộ (tạm dừng)" is paused: its deliveries are held, to be replayed.
The events are real facts of the demo (reports DoST accepted, the instruments overdue today).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from tdc.accounts.models import Organisation, Role, User
from tdc.exchange.models import ApiClient, Delivery, Subscription
from tdc.exchange.services import (
    attempt_delivery,
    issue_client,
    pause_subscription,
    record_event,
)

CLIENT_NAME = "Hệ thống thông tin quốc gia về tiêu chuẩn, đo lường, chất lượng (Bộ KH&CN)"
CLIENT_SCOPES = ["metrology:read", "national:read", "opendata:read", "plans:read"]
LOOPBACK = "Cổng dữ liệu của Sở (bản trình diễn)"
PAUSED = "Hệ thống báo cáo của Bộ (tạm dừng)"
EVENTS = ["plans.report_accepted", "plans.synthesis_finalised", "metrology.instruments_overdue"]


def _subscription(name: str, url: str, admin: User) -> Subscription:
    """Found by name, else created as the administrator would — the address is stored as
    given (the creation page refuses loopback; every delivery refuses it again)."""
    found = Subscription.objects.filter(name=name).first()
    if found is not None:
        return found
    return Subscription.objects.create(
        name=name,
        url=url,
        secret="whsec_demo-" + timezone.now().strftime("%Y%m%d%H%M%S"),
        event_types=EVENTS,
        owner_email="ketnoi.tdc@example.org",
        allow_intranet=True,
        created_by=admin,
    )


def load(out: Any) -> None:
    admin = User.objects.filter(username="quantri").first()
    ministry = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).first()
    if admin is None or ministry is None:
        out.write("Exchange: no demo administrator or Ministry, skipped.\n")
        return
    with transaction.atomic():
        if not ApiClient.objects.filter(name=CLIENT_NAME).exists():
            issue_client(
                name=CLIENT_NAME,
                organisation=ministry,
                role=Role.MINISTRY_VIEWER,
                scopes=CLIENT_SCOPES,
                by=admin,
                contact_email="httt.quocgia@example.org",
            )
        loopback = _subscription(LOOPBACK, "http://127.0.0.1:9/tdc/su-kien", admin)
        paused = _subscription(PAUSED, "http://127.0.0.1:9/bo/su-kien", admin)
        if paused.status != Subscription.Status.PAUSED:
            pause_subscription(
                paused, by=admin, reason="Bản trình diễn: chờ Bộ cung cấp địa chỉ nhận."
            )
    _history(out, loopback)


def _history(out: Any, loopback: Subscription) -> None:
    from tdc.plans.models import ProgressReport

    accepted = ProgressReport.objects.filter(state=ProgressReport.State.ACCEPTED).order_by("pk")
    recorded: list[int] = []
    for report in accepted[:3]:
        recorded += record_event(
            "plans.report_accepted",
            {
                "event_key": f"demo:report:{report.pk}",
                "report_id": report.pk,
                "assignment_id": report.assignment_id,
                "period_id": report.period_id,
                "version": report.version,
            },
        )
    # The first attempt of each (the worker would make it): refused, as every later one.
    for delivery_id in Delivery.objects.filter(
        pk__in=recorded, subscription=loopback, attempts=0
    ).values_list("pk", flat=True):
        attempt_delivery(delivery_id)
    out.write(f"Exchange: 1 OAuth client, 2 subscribers, {Delivery.objects.count()} deliveries.\n")
