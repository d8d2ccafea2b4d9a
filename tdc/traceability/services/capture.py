"""Capture of EPCIS documents (the API, the producers' form and the lot import all end here),
named queries of the EPCIS interface, and public page scans."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.core.audit import record
from tdc.core.changes import change_tokens, replace_change_token
from tdc.core.events import publish
from tdc.traceability.epcis import CheckedEvent, DocumentCheck, check_document
from tdc.traceability.epcis.cbv import bare_word
from tdc.traceability.gs1 import IdentifierError, canonical_epc, parse_digital_link
from tdc.traceability.models import Capture, Event, EventEpc, NamedQuery, PageScan


class DocumentRejected(ValidationError):
    """A document refused whole; `messages` lists every reason."""


@dataclass(frozen=True)
class CaptureResult:
    capture: Capture
    new_events: list[Event]


def capturing_organisation(user: User) -> Organisation:
    """The business whose events a user captures: always the user's own organisation."""
    organisation = user.organisation
    if organisation is None or organisation.province_id is None:
        raise ValidationError(_("Tài khoản chưa thuộc một doanh nghiệp trong tỉnh."))
    return organisation


def capture_document(raw: bytes | str, *, by: User, source: str = "api") -> CaptureResult:
    """Validate an EPCIS document and store its events, all or nothing (see `store_checked`)."""
    check = check_document(raw)
    if not check.accepted:
        raise DocumentRejected(check.reasons)
    return store_checked(check, by=by, source=source)


def _keys(canonical: str) -> tuple[str, str, str]:
    if "/01/" not in canonical:
        return "", "", ""
    try:
        link = parse_digital_link(canonical)
    except IdentifierError:
        return "", "", ""
    return link.gtin, link.lot, link.serial


def _epc_rows(event: Event, checked: CheckedEvent) -> list[EventEpc]:
    rows = []
    for role, value in checked.epcs:
        canonical = canonical_epc(value)
        gtin, lot, serial = _keys(canonical)
        rows.append(
            EventEpc(
                province_id=event.province_id,
                event=event,
                role=role[:20],
                epc=canonical[:300],
                gtin=gtin,
                lot=lot,
                serial=serial,
            )
        )
    return rows


@transaction.atomic
def store_checked(check: DocumentCheck, *, by: User, source: str) -> CaptureResult:
    """Store an accepted document's events for the user's business.

    Idempotent by event hash: an event already stored is not stored again. An error declaration
    (the stored event restated with `errorDeclaration`) marks the stored event as declared in
    error — only its own business may do so; a document that tries for another business's
    event is refused whole.
    """
    owner = capturing_organisation(by)
    province_id = int(owner.province_id or 0)  # capturing_organisation refuses no province
    hashes = [e.event_hash for e in check.events]
    stored = {
        row["event_hash"]: row
        for row in Event.objects.filter(event_hash__in=hashes).values(
            "id", "province_id", "owner_id", "event_hash", "error_declared_at", "body"
        )
    }
    refusals = [
        _("sự kiện %(n)s: khai báo lỗi cho sự kiện của doanh nghiệp khác") % {"n": n}
        for n, checked in enumerate(check.events, start=1)
        if checked.error_declared_at is not None
        and checked.event_hash in stored
        and stored[checked.event_hash]["owner_id"] != owner.pk
    ]
    if refusals:
        raise DocumentRejected(refusals)
    now = timezone.now()
    capture = Capture.objects.create(
        owner=owner,
        province_id=province_id,
        created_by=by,
        event_count=len(check.events),
        source=source,
    )
    new: list[tuple[Event, CheckedEvent]] = []
    declared = 0
    for checked in check.events:
        known = stored.get(checked.event_hash)
        if known is not None:
            if checked.error_declared_at is not None and known["error_declared_at"] is None:
                body = dict(known["body"])
                body["errorDeclaration"] = checked.body["errorDeclaration"]
                Event.objects.filter(id=known["id"], province_id=known["province_id"]).update(
                    error_declared_at=checked.error_declared_at, body=body
                )
                declared += 1
            continue
        new.append((_event_row(checked, capture, owner, now), checked))
    events = Event.objects.bulk_create([event for event, _checked in new])
    EventEpc.objects.bulk_create(
        [
            row
            for event, (_e, checked) in zip(events, new, strict=True)
            for row in _epc_rows(event, checked)
        ]
    )
    public_pages_changed()
    capture.new_count = len(events)
    capture.declared_count = declared
    capture.save(update_fields=["new_count", "declared_count"])
    record(
        actor=by,
        action="traceability.captured",
        target=None,
        data={
            "capture": str(capture.pk),
            "events": capture.event_count,
            "new": capture.new_count,
            "declared_in_error": declared,
            "source": source,
        },
        organisation_id=owner.pk,
    )
    publish(
        "traceability.events_captured",
        {
            "capture_id": str(capture.pk),
            "organisation_id": owner.pk,
            "province_id": province_id,
            "events": capture.event_count,
            "new_events": capture.new_count,
        },
    )
    return CaptureResult(capture=capture, new_events=events)


def _event_row(
    checked: CheckedEvent, capture: Capture, owner: Organisation, now: dt.datetime
) -> Event:
    return Event(
        province_id=capture.province_id,
        owner=owner,
        capture=capture,
        event_hash=checked.event_hash,
        event_id=checked.declared_event_id[:300],
        type=checked.type,
        event_time=checked.event_time,
        time_zone_offset=checked.time_zone_offset,
        record_time=now,
        action=checked.action,
        biz_step=bare_word("bizStep", checked.biz_step)[:200],
        disposition=bare_word("disposition", checked.disposition)[:200],
        read_point=canonical_epc(checked.read_point)[:300],
        biz_location=canonical_epc(checked.biz_location)[:300],
        body=checked.body,
        prefixes=checked.prefixes,
        error_declared_at=checked.error_declared_at,
    )


PAGES_CHANGES = "traceability.public_pages"


def page_version() -> str:
    """The change token every producer's write replaces: the key of the public pages' cache.
    Read from the database (`tdc.core.changes`), so a write made in any process shows on the
    next request in every other (the resolver reads it with the notices' token, in one query)."""
    return change_tokens(PAGES_CHANGES)[0]


def public_pages_changed() -> None:
    """Forget the cached public pages: the token is replaced inside the writer's transaction,
    so it moves on with the commit and a rollback leaves the pages cached as they were."""
    replace_change_token(PAGES_CHANGES)


# Scans of public pages are counted in memory and written in batches: a write (and its WAL
# flush) on every scan of the busiest public page would cost more than the page itself. A
# process that dies loses at most its unwritten batch — statistics, not records.
SCAN_FLUSH_EVERY = 50
SCAN_FLUSH_SECONDS = 30.0
_scans: Counter[tuple[str, dt.date]] = Counter()
_scans_lock = threading.Lock()
_last_flush = [time.monotonic()]


def count_page_scan(gtin: str, *, day: dt.date | None = None) -> None:
    """One more visit of a product's public page (no cookie, no address, no visitor)."""
    today = day or timezone.localdate()
    with _scans_lock:
        _scans[(gtin, today)] += 1
        due = (
            sum(_scans.values()) >= SCAN_FLUSH_EVERY
            or time.monotonic() - _last_flush[0] >= SCAN_FLUSH_SECONDS
        )
    if due:
        flush_page_scans()


def flush_page_scans() -> None:
    """Write the counted scans (the metrics call it before they count)."""
    with _scans_lock:
        pending = dict(_scans)
        _scans.clear()
        _last_flush[0] = time.monotonic()
    for (gtin, day), count in pending.items():
        with transaction.atomic():
            updated = PageScan.objects.filter(gtin=gtin, day=day).update(count=F("count") + count)
            if not updated:
                scan, created = PageScan.objects.select_for_update().get_or_create(
                    gtin=gtin, day=day, defaults={"count": count}
                )
                if not created:
                    PageScan.objects.filter(pk=scan.pk).update(count=F("count") + count)


@transaction.atomic
def save_named_query(user: User, *, name: object, parameters: object) -> NamedQuery:
    """Save a named query of the EPCIS interface; its parameters are checked as a query is."""
    from tdc.traceability.queries import filter_events

    if not isinstance(parameters, dict) or not all(isinstance(k, str) for k in parameters):
        raise ValidationError(_("query phải là một đối tượng {tham số: giá trị}."))
    cleaned: dict[str, list[str]] = {}
    for key, value in parameters.items():
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str | int | float) for v in values):
            raise ValidationError(_("Giá trị của “%(key)s” phải là chuỗi.") % {"key": key})
        cleaned[key] = [str(v) for v in values]
    filter_events(Event.objects.none(), cleaned)
    named = NamedQuery(owner=user, name=str(name or ""), parameters=cleaned)
    named.full_clean(validate_constraints=False)
    named.save()
    return named
