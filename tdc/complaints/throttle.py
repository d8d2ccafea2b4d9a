"""Rate limits for the public pages, counted in the database (shared by every worker).

A limit is a number of hits in a fixed window. Keys are HMACs of the scope and the address or
receipt, so neither an address nor a receipt hash is stored in the clear. Old windows are
pruned by `sendcomplaintreminders`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from tdc.complaints.models import Throttle
from tdc.core import clients


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    window: dt.timedelta


# The limits of the public pages. Generous for a person, tight for a script.
SUBMIT_PER_ADDRESS = Limit("submit:address", 5, dt.timedelta(hours=1))
LOOKUP_FAILURES_PER_ADDRESS = Limit("lookup-failed:address", 5, dt.timedelta(minutes=15))
LOOKUPS_PER_ADDRESS = Limit("lookup:address", 30, dt.timedelta(hours=1))
LOOKUPS_PER_RECEIPT = Limit("lookup:receipt", 20, dt.timedelta(hours=1))
REPLIES_PER_RECEIPT = Limit("reply:receipt", 10, dt.timedelta(hours=1))


def client_address(request: HttpRequest) -> str:
    """The throttle key of a request's client: `tdc.core.clients.client_address`, as for logins."""
    return clients.client_address(request) or "unknown"


def _key(limit: Limit, ident: str) -> str:
    message = f"{limit.scope}:{ident}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _window_start(limit: Limit, now: dt.datetime) -> dt.datetime:
    seconds = int(limit.window.total_seconds())
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def count(limit: Limit, ident: str) -> int:
    row = Throttle.objects.filter(
        key=_key(limit, ident), window_start=_window_start(limit, timezone.now())
    ).first()
    return row.count if row is not None else 0


def is_exceeded(limit: Limit, ident: str) -> bool:
    """True when the window already holds `limit.count` hits (without adding one)."""
    return count(limit, ident) >= limit.count


def hit(limit: Limit, ident: str) -> bool:
    """Count one hit; False when it goes over the limit."""
    key = _key(limit, ident)
    start = _window_start(limit, timezone.now())
    with transaction.atomic():
        updated = Throttle.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    Throttle.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:
                Throttle.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
    return count(limit, ident) <= limit.count


def prune(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    deleted, _ = Throttle.objects.filter(window_start__lt=timezone.now() - older_than).delete()
    return deleted
