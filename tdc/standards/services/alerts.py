"""Alert subscriptions and the daily digest (in the app and by e-mail).

The digest is idempotent: one `Digest` per subscription and day (a unique constraint), holding
what arrived since the subscription's previous digest; e-mails are claimed one by one
(`emailed_at`), so running the job twice, or two workers at once, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.core.audit import record
from tdc.standards import ics as ics_codes
from tdc.standards.matching import Criteria, Matcher, keyword_key
from tdc.standards.models import Digest, Notification, StandardChange, Subscription

UNSUBSCRIBE_SALT = "tdc.standards.unsubscribe"
SUBSCRIPTION_FIELDS = [
    "name",
    "email",
    "hs_prefixes",
    "ics_prefixes",
    "markets",
    "keywords",
    "include_standard_changes",
]


def normalise_criteria(values: dict[str, Any]) -> dict[str, Any]:
    """Lists as the matcher reads them; ValidationError names a wrong code."""
    hs = [ics_codes.hs_digits(code) for code in values.get("hs_prefixes", [])]
    bad_hs = [
        code
        for code, digits in zip(values.get("hs_prefixes", []), hs, strict=True)
        if len(digits) < 2
    ]
    if bad_hs:
        raise ValidationError(
            _("Mã HS phải có ít nhất 2 chữ số: %(codes)s") % {"codes": ", ".join(bad_hs)}
        )
    ics = [code.strip() for code in values.get("ics_prefixes", []) if code.strip()]
    bad_ics = [code for code in ics if not ics_codes.is_known(code)]
    if bad_ics:
        raise ValidationError(_("Mã ICS không tồn tại: %(codes)s") % {"codes": ", ".join(bad_ics)})
    markets = [m.strip().upper() for m in values.get("markets", []) if m.strip()]
    keywords = [k for k in (keyword_key(k) for k in values.get("keywords", [])) if k]
    if not (hs or ics or markets or keywords):
        raise ValidationError(
            _("Hãy chọn ít nhất một mã HS, mã ICS, thị trường hoặc từ khóa để nhận cảnh báo.")
        )
    return {
        **values,
        "hs_prefixes": list(dict.fromkeys(hs)),
        "ics_prefixes": list(dict.fromkeys(ics)),
        "markets": list(dict.fromkeys(markets)),
        "keywords": list(dict.fromkeys(keywords)),
    }


@transaction.atomic
def create_subscription(
    organisation: Organisation, *, values: dict[str, Any], by: User
) -> Subscription:
    subscription = Subscription(
        organisation=organisation, created_by=by, **normalise_criteria(values)
    )
    subscription.full_clean()
    subscription.save()
    record(
        actor=by,
        action="standards.subscription_created",
        target=subscription,
        organisation_id=organisation.pk,
    )
    return subscription


@transaction.atomic
def update_subscription(
    subscription: Subscription, *, values: dict[str, Any], by: User
) -> Subscription:
    from tdc.core.audit import edit_with_audit

    edit_with_audit(
        subscription,
        by=by,
        fields=[*SUBSCRIPTION_FIELDS, "is_active"],
        values={**normalise_criteria(values), "is_active": True},
        action="standards.subscription_updated",
        organisation_id=subscription.organisation_id,
    )
    if subscription.unsubscribed_at is not None:
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def subscription_from_token(token: str) -> Subscription | None:
    """The subscription a signed unsubscribe link names, or None for a forged link."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Subscription.objects.filter(pk=pk).first()


@transaction.atomic
def unsubscribe(subscription: Subscription, *, by: User | None = None) -> Subscription:
    """Stop a subscription (from the signed link or the business's page). Idempotent."""
    if not subscription.is_active:
        return subscription
    subscription.is_active = False
    subscription.unsubscribed_at = timezone.now()
    subscription.save(update_fields=["is_active", "unsubscribed_at", "updated_at"])
    record(
        actor=by,
        action="standards.unsubscribed",
        target=subscription,
        organisation_id=subscription.organisation_id,
    )
    return subscription


def criteria_of(subscription: Subscription) -> Criteria:
    return Criteria(
        pk=subscription.pk,
        hs=tuple(subscription.hs_prefixes),
        ics=tuple(subscription.ics_prefixes),
        markets=frozenset(subscription.markets),
        keywords=tuple(subscription.keywords),
    )


@dataclass
class DigestRun:
    digests: int = 0
    notifications: int = 0
    emails: int = 0


def build_digests(*, day: dt.date) -> DigestRun:
    """Create today's digests: for each active subscription without one, the notifications and
    standard changes that arrived since its previous digest and match it."""
    run = DigestRun()
    subscriptions = list(
        Subscription.objects.filter(is_active=True)
        .exclude(digests__day=day)
        .annotate(last_digest=Max("digests__created_at"))
        .values_list(
            "pk",
            "created_at",
            "last_digest",
            "hs_prefixes",
            "ics_prefixes",
            "markets",
            "keywords",
            "include_standard_changes",
        )
    )
    if not subscriptions:
        return run
    since = {pk: last or created for pk, created, last, *_rest in subscriptions}
    earliest = min(since.values())
    matcher = Matcher(
        Criteria(
            pk=pk,
            hs=tuple(hs),
            ics=tuple(ics),
            markets=frozenset(markets),
            keywords=tuple(keywords),
        )
        for pk, _created, _last, hs, ics, markets, keywords, _changes in subscriptions
    )
    wants_changes = {row[0] for row in subscriptions if row[7]}
    notes: dict[int, list[int]] = defaultdict(list)
    for pk, created_at, member, hs, ics, text in Notification.objects.filter(
        created_at__gt=earliest
    ).values_list("pk", "created_at", "member", "hs", "ics", "search_key"):
        for sub in matcher.for_notification(member=member, hs=hs, ics=ics, text=text):
            if created_at > since[sub]:
                notes[sub].append(pk)
    changes: dict[int, list[int]] = defaultdict(list)
    for pk, created_at, hs, ics, number, body in StandardChange.objects.filter(
        created_at__gt=earliest
    ).values_list(
        "pk",
        "created_at",
        "standard__hs",
        "standard__ics",
        "standard__search_number",
        "standard__search_body",
    ):
        for sub in matcher.for_standard(hs=hs, ics=ics, text=f"{number} {body}"):
            if sub in wants_changes and created_at > since[sub]:
                changes[sub].append(pk)
    wanted = sorted(set(notes) | set(changes))
    with transaction.atomic():
        try:
            created = Digest.objects.bulk_create(
                [Digest(subscription_id=pk, day=day) for pk in wanted]
            )
        except IntegrityError:
            # Another worker built today's digests at the same moment: theirs stand.
            return run
        # Tens of thousands of link rows: written as plain rows, not model instances.
        _link(Digest.notifications.through._meta.db_table, "notification_id", created, notes)
        _link(Digest.standard_changes.through._meta.db_table, "standardchange_id", created, changes)
    run.digests = len(created)
    run.notifications = sum(len(v) for v in notes.values())
    return run


def _link(table: str, column: str, digests: list[Digest], items: dict[int, list[int]]) -> None:
    rows = [(d.pk, item) for d in digests for item in items[d.subscription_id]]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                f"INSERT INTO {table} (digest_id, {column}) VALUES (%s, %s)",  # noqa: S608
                rows[start : start + 5000],
            )


def unsubscribe_url(subscription: Subscription) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return base + reverse("standards:unsubscribe", args=[unsubscribe_token(subscription)])


def send_digest_emails(*, day: dt.date) -> int:
    """E-mail each of the day's digests not yet e-mailed; each is claimed before it is sent."""
    pending = list(
        Digest.objects.filter(day=day, emailed_at__isnull=True)
        .select_related("subscription__organisation")
        .prefetch_related("notifications", "standard_changes__standard")
    )
    sent = 0
    with get_connection() as connection:
        for digest in pending:
            claimed = Digest.objects.filter(pk=digest.pk, emailed_at__isnull=True).update(
                emailed_at=timezone.now()
            )
            if not claimed:
                continue
            subscription = digest.subscription
            link = unsubscribe_url(subscription)
            context = {
                "digest": digest,
                "subscription": subscription,
                "notifications": list(digest.notifications.all()),
                "changes": list(digest.standard_changes.all()),
                "unsubscribe_url": link,
                "site_url": getattr(settings, "SITE_URL", "").rstrip("/"),
            }
            message = EmailMultiAlternatives(
                subject=_("Bản tin cảnh báo TBT ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")},
                body=render_to_string("standards/email/digest.txt", context),
                to=[subscription.email],
                headers={
                    "List-Unsubscribe": f"<{link}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
                connection=connection,
            )
            message.send()
            sent += 1
    return sent


def run_daily_digest(*, day: dt.date | None = None) -> DigestRun:
    """The periodic job's body: build the day's digests, then e-mail them."""
    day = day or timezone.localdate()
    run = build_digests(day=day)
    run.emails = send_digest_emails(day=day)
    return run
