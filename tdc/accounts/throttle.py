"""Limits on the doors into an account: password sign-in and password reset.

Sign-in failures are counted by django-axes per user name *and* address (five lock the pair,
settings.AXES_*). That does not stop a spray — a few passwords tried against many users from
many addresses — so failures are also counted per user name across all addresses, with a
higher limit. Password-reset requests are counted in the audit log, where they are recorded
anyway: per client address, and per account for the e-mails actually sent.
"""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from tdc.accounts.models import User
from tdc.core import clients
from tdc.core.models import AuditEvent

LOGIN_WINDOW = dt.timedelta(minutes=15)
RESET_WINDOW = dt.timedelta(hours=1)
RESET_REQUESTED = "auth.password_reset_requested"
RESET_SENT = "auth.password_reset_sent"


def login_failures_per_username() -> int:
    """Failures, from any address, that lock a user name for everybody until the window ends."""
    return int(getattr(settings, "LOGIN_FAILURES_PER_USERNAME", 20))


def reset_requests_per_address() -> int:
    return int(getattr(settings, "PASSWORD_RESETS_PER_ADDRESS", 5))


def reset_emails_per_account() -> int:
    return int(getattr(settings, "PASSWORD_RESET_EMAILS_PER_ACCOUNT", 3))


def client_address(request: HttpRequest) -> str | None:
    """The client's address, as every throttle and the login lockout see it."""
    return clients.client_address(request)


def recent_login_failures(username: str) -> int:
    """Failed sign-ins with this user name in the last window, from every address."""
    since = timezone.now() - LOGIN_WINDOW
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return int(total or 0)


def username_is_locked(username: str) -> bool:
    return recent_login_failures(username) >= login_failures_per_username()


def recent_reset_requests(address: str | None) -> int:
    since = timezone.now() - RESET_WINDOW
    events = AuditEvent.objects.filter(action=RESET_REQUESTED, occurred_at__gte=since)
    if address is None:
        return events.filter(ip_address__isnull=True).count()
    return events.filter(ip_address=address).count()


def reset_requests_exceeded(address: str | None) -> bool:
    return recent_reset_requests(address) >= reset_requests_per_address()


def may_send_reset_email(user: User) -> bool:
    since = timezone.now() - RESET_WINDOW
    sent = AuditEvent.objects.filter(
        action=RESET_SENT,
        occurred_at__gte=since,
        target_type=User._meta.label_lower,
        target_id=str(user.pk),
    ).count()
    return sent < reset_emails_per_account()
