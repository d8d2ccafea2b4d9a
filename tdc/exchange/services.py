"""Writes of the exchange: API clients issued and revoked, subscriptions, deliveries.

Delivery: the event listener (`record_event`) writes one `Delivery` per subscriber of that
event type and enqueues its first attempt on the background worker; a failed attempt is
retried after `BACKOFF` (1 min, 5 min, 30 min, 2 h, then every 6 h); a subscriber whose
deliveries have failed for `PAUSE_AFTER` (a day) is paused, its waiting deliveries held, and
its owner told by e-mail. The administrator resumes it (held deliveries go out again) or
replays any delivery.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_id, generate_client_secret
from oauth2_provider.models import AccessToken, Application

from tdc.accounts.capabilities import CAPABILITY_ROLES, Capability, roles_with
from tdc.accounts.models import Organisation, User
from tdc.accounts.services import create_user
from tdc.core.audit import record
from tdc.core.events import Payload, event_types
from tdc.exchange import sending
from tdc.exchange.addresses import resolve_target
from tdc.exchange.models import ApiClient, Delivery, Subscription
from tdc.exchange.oauth import all_scopes

BACKOFF = [
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=6),
]
PAUSE_AFTER = dt.timedelta(days=1)
# A machine may act in any role but one that administers the platform or decides on revealing a
# reporter's identity.
_NEVER = roles_with(Capability.ADMINISTER_SYSTEM) | roles_with(
    Capability.DECIDE_IDENTITY_DISCLOSURE
)
CLIENT_ROLES = sorted(
    {role for roles in CAPABILITY_ROLES.values() for role in roles} - _NEVER, key=str
)


# --- API clients -----------------------------------------------------------------------------


def _check_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = sorted(set(scopes))
    unknown = [s for s in chosen if s not in all_scopes()]
    if unknown:
        raise ValidationError({"scopes": _("Phạm vi không tồn tại: %s") % ", ".join(unknown)})
    if not chosen:
        raise ValidationError({"scopes": _("Cần chọn ít nhất một phạm vi.")})
    return chosen


@transaction.atomic
def issue_client(
    *,
    name: str,
    organisation: Organisation,
    role: str,
    scopes: Iterable[str],
    by: User,
    contact_email: str = "",
) -> tuple[ApiClient, str]:
    """A new client and its secret (shown once: only its hash is stored)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Cần nhập tên hệ thống.")})
    if role not in CLIENT_ROLES:
        raise ValidationError({"role": _("Vai trò này không giao cho hệ thống kết nối.")})
    chosen = _check_scopes(scopes)
    base = slugify(name)[:40] or "he-thong"
    username = f"api-{base}-{secrets.token_hex(3)}"
    user = create_user(
        username=username,
        password=None,  # never logs in on the pages
        organisation=organisation,
        roles=[role],
        by=by,
        full_name=_("Hệ thống kết nối: %(name)s") % {"name": name},
    )
    secret = generate_client_secret()
    application = Application(
        name=name[:255],
        client_id=generate_client_id(),
        client_secret=secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        user=user,
    )
    application.full_clean()
    application.save()
    client = ApiClient(
        name=name,
        application=application,
        client_id=application.client_id,
        user=user,
        scopes=chosen,
        contact_email=contact_email.strip(),
        created_by=by,
    )
    client.full_clean()
    client.save()
    record(
        actor=by,
        action="api_client.issued",
        target=client,
        data={"scopes": chosen, "role": role, "organisation": organisation.pk},
    )
    return client, secret


@transaction.atomic
def revoke_client(client: ApiClient, *, by: User) -> ApiClient:
    """Revoke at once: tokens deleted, the OAuth application deleted, the account disabled."""
    if client.revoked_at is not None:
        return client
    if client.application is not None:
        AccessToken.objects.filter(application=client.application).delete()
        client.application.delete()
    client.application = None
    client.revoked_at = timezone.now()
    client.save(update_fields=["application", "revoked_at"])
    User.objects.filter(pk=client.user_id).update(is_active=False)
    record(actor=by, action="api_client.revoked", target=client)
    return client


def record_client_call(client: ApiClient, *, method: str, path: str, scope: str | None) -> None:
    """The audit line of one call: the client's name, what it asked for."""
    with transaction.atomic():
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
        record(
            actor=client.user,
            action="api_client.call",
            target=client,
            data={"client": client.name, "method": method, "path": path[:300], "scope": scope},
        )


# --- Subscriptions ---------------------------------------------------------------------------


def _check_event_types(chosen: Iterable[str]) -> list[str]:
    known = {t.name for t in event_types()}
    names = sorted(set(chosen))
    if not names:
        raise ValidationError({"event_types": _("Cần chọn ít nhất một loại sự kiện.")})
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValidationError(
            {"event_types": _("Loại sự kiện không tồn tại: %s") % ", ".join(unknown)}
        )
    return names


@transaction.atomic
def create_subscription(
    *,
    name: str,
    url: str,
    event_types: Iterable[str],
    owner_email: str,
    by: User,
    allow_intranet: bool = False,
) -> tuple[Subscription, str]:
    """A new subscription and its signing secret (shown once to the administrator)."""
    url = url.strip()
    resolve_target(url, allow_intranet=allow_intranet)  # refused addresses never saved
    secret = "whsec_" + secrets.token_urlsafe(32)
    subscription = Subscription(
        name=name.strip(),
        url=url,
        secret=secret,
        event_types=_check_event_types(event_types),
        owner_email=owner_email.strip(),
        allow_intranet=allow_intranet,
        created_by=by,
    )
    subscription.full_clean()
    subscription.save()
    record(
        actor=by,
        action="subscription.created",
        target=subscription,
        data={"url": url, "event_types": subscription.event_types, "intranet": allow_intranet},
    )
    return subscription, secret


@transaction.atomic
def pause_subscription(subscription: Subscription, *, by: User | None, reason: str) -> None:
    Subscription.objects.filter(pk=subscription.pk).update(
        status=Subscription.Status.PAUSED, paused_reason=reason[:300]
    )
    subscription.deliveries.filter(status=Delivery.Status.PENDING).update(
        status=Delivery.Status.HELD, next_attempt_at=None
    )
    record(actor=by, action="subscription.paused", target=subscription, data={"reason": reason})


@transaction.atomic
def resume_subscription(subscription: Subscription, *, by: User) -> int:
    """Active again; the held deliveries go out now. Returns how many."""
    now = timezone.now()
    Subscription.objects.filter(pk=subscription.pk).update(
        status=Subscription.Status.ACTIVE, paused_reason="", failing_since=None
    )
    held = list(
        subscription.deliveries.filter(status=Delivery.Status.HELD).values_list("pk", flat=True)
    )
    Delivery.objects.filter(pk__in=held).update(status=Delivery.Status.PENDING, next_attempt_at=now)
    record(actor=by, action="subscription.resumed", target=subscription, data={"held": len(held)})
    _enqueue_after_commit(held)
    return len(held)


@transaction.atomic
def delete_subscription(subscription: Subscription, *, by: User) -> None:
    record(actor=by, action="subscription.deleted", target=subscription)
    subscription.delete()


# --- Deliveries ------------------------------------------------------------------------------


def _enqueue_after_commit(ids: list[int]) -> None:
    from tdc.exchange.jobs import deliver

    def go() -> None:
        for pk in ids:
            deliver.enqueue(delivery_id=pk)

    transaction.on_commit(go)


EVENT_NAMESPACE = uuid.UUID("5f0b1d5e-9c57-4a53-9a38-2f3c1bd0e818")


def record_event(name: str, payload: Payload) -> list[int]:
    """The listener of `tdc.core.events`: one delivery per subscriber, first attempt queued.

    A payload with an `event_key` (e.g. "province 56, 01/12/2026" for a daily announcement)
    has a deterministic event id, so a job that runs twice announces it once."""
    now = timezone.now()
    key = payload.get("event_key")
    event_id = uuid.uuid5(EVENT_NAMESPACE, f"{name}:{key}") if key else uuid.uuid4()
    if key and Delivery.objects.filter(event_id=event_id).exists():
        return []
    with transaction.atomic():
        subscribers = [
            s for s in Subscription.objects.order_by("pk") if name in (s.event_types or [])
        ]
        deliveries = Delivery.objects.bulk_create(
            [
                Delivery(
                    subscription=s,
                    event_id=event_id,
                    event_type=name,
                    payload=dict(payload),
                    occurred_at=now,
                    status=(
                        Delivery.Status.PENDING
                        if s.status == Subscription.Status.ACTIVE
                        else Delivery.Status.HELD
                    ),
                    next_attempt_at=now if s.status == Subscription.Status.ACTIVE else None,
                )
                for s in subscribers
            ]
        )
        ids = [d.pk for d in deliveries if d.status == Delivery.Status.PENDING]
        _enqueue_after_commit(ids)
    return ids


def body_of(delivery: Delivery) -> bytes:
    envelope = {
        "id": str(delivery.event_id),
        "type": delivery.event_type,
        "occurred_at": delivery.occurred_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, sort_keys=True).encode("utf-8")


def backoff_after(attempts: int) -> dt.timedelta:
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


_SECRETISH = re.compile(r"(whsec_|tdc_)[A-Za-z0-9_-]+")


def attempt_delivery(delivery_id: int, *, now: dt.datetime | None = None) -> bool:
    """One attempt (the worker's job). Idempotent: a delivered or held one is left alone."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("subscription")
            .filter(pk=delivery_id, status=Delivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return False
        subscription = delivery.subscription
        now = now or timezone.now()
        body = body_of(delivery)
        try:
            target = resolve_target(subscription.url, allow_intranet=subscription.allow_intranet)
        except ValidationError as refused:
            outcome = sending.Outcome(status=None, body="", error=" ".join(refused.messages))
        else:
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "TDC-Webhooks/1",
                "X-TDC-Event": delivery.event_type,
                "X-TDC-Delivery": str(delivery.event_id),
                "X-TDC-Signature": sending.signature(
                    subscription.secret, int(now.timestamp()), body
                ),
            }
            outcome = sending.post(target, body, headers)
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.response_status = outcome.status
        delivery.response_body = _SECRETISH.sub("[…]", outcome.body)
        delivery.error = outcome.error
        if outcome.ok:
            delivery.status = Delivery.Status.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            Subscription.objects.filter(pk=subscription.pk).update(failing_since=None)
        else:
            delivery.next_attempt_at = now + backoff_after(delivery.attempts)
            if subscription.failing_since is None:
                Subscription.objects.filter(pk=subscription.pk).update(failing_since=now)
        delivery.save()
    if not outcome.ok:
        pause_if_failing_for_a_day(subscription.pk, now=now)
    return outcome.ok


def pause_if_failing_for_a_day(subscription_id: int, *, now: dt.datetime) -> bool:
    subscription = Subscription.objects.filter(
        pk=subscription_id,
        status=Subscription.Status.ACTIVE,
        failing_since__lte=now - PAUSE_AFTER,
    ).first()
    if subscription is None:
        return False
    reason = _("Gửi không thành công liên tục từ %(since)s.") % {
        "since": timezone.localtime(subscription.failing_since).strftime("%H:%M %d/%m/%Y")
    }
    pause_subscription(subscription, by=None, reason=reason)
    send_mail(
        subject=_("[TĐC] Tạm dừng gửi sự kiện tới %(name)s") % {"name": subscription.name},
        message=_(
            "Hệ thống TĐC không gửi được sự kiện tới %(url)s trong hơn một ngày, nên đã tạm "
            'dừng đăng ký "%(name)s". %(reason)s\n\nCác sự kiện chưa gửi được giữ lại; khi '
            "máy nhận hoạt động trở lại, đề nghị quản trị viên TĐC tiếp tục đăng ký để gửi bù."
        )
        % {"url": subscription.url, "name": subscription.name, "reason": reason},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[subscription.owner_email],
    )
    return True


def due_deliveries(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def replay_delivery(delivery: Delivery, *, by: User) -> Delivery:
    """The administrator sends a delivery again (same event id, a fresh signature)."""
    if delivery.subscription.status != Subscription.Status.ACTIVE:
        raise ValidationError(_("Đăng ký đang tạm dừng: hãy tiếp tục đăng ký trước khi gửi lại."))
    delivery.status = Delivery.Status.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])
    record(actor=by, action="delivery.replayed", target=delivery)
    _enqueue_after_commit([delivery.pk])
    return delivery
