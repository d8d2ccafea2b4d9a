"""Reads of the instrument register: who sees what, overdue lists, the dashboard, stamps."""

# SQL here is assembled from constants; values always go as parameters.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Sum

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Commune, Organisation, User
from tdc.accounts.permissions import restrict
from tdc.core.metrics import MetricScope
from tdc.metrology.models import (
    DueDayTally,
    DueMonthTally,
    ImportJob,
    Instrument,
    InstrumentTally,
    InstrumentType,
    Verification,
    add_months,
)

IN_USE = Instrument.Status.IN_USE
SOON_DAYS = 30
PAGE_SIZE = 25


def commune_officer_commune_id(user: AnyUser) -> int | None:
    """The commune a commune officer watches over (their committee's commune), if any."""
    organisation = getattr(user, "organisation", None)
    if not can(user, Capability.SEE_COMMUNE_INSTRUMENTS) or organisation is None:
        return None
    commune_id: int | None = organisation.commune_id
    return commune_id


def instruments_visible_to(user: AnyUser) -> QuerySet[Instrument]:
    """The common rule (own organisation, province, country), plus, for a commune officer,
    every instrument installed in their commune: watching the commune is their job.
    """
    instruments = Instrument.objects.all()
    allowed = restrict(instruments, user, organisation_field="owner", province_field="province")
    commune_id = commune_officer_commune_id(user)
    if commune_id is not None:
        return instruments.filter(Q(pk__in=allowed.values("pk")) | Q(commune_id=commune_id))
    return allowed


def verifications_visible_to(user: AnyUser) -> QuerySet[Verification]:
    """The verifications of exactly the instruments `instruments_visible_to(user)` gives, by
    the verification's own columns where they suffice: its province (a copy of its
    instrument's, kept equal by the key to the register), so that a province's or the
    country's feed is one range of the verifications' own index, not a semi-join with the
    register."""
    verifications = Verification.objects.all()
    allowed = restrict(
        verifications, user, organisation_field="instrument__owner", province_field="province"
    )
    commune_id = commune_officer_commune_id(user)
    if commune_id is not None:
        return verifications.filter(
            Q(pk__in=allowed.values("pk")) | Q(instrument__commune_id=commune_id)
        )
    return allowed


def instruments_changeable_by(user: AnyUser) -> QuerySet[Instrument]:
    return restrict(
        Instrument.objects.all(),
        user,
        action="change",
        organisation_field="owner",
        province_field="province",
    )


def with_labels(instruments: QuerySet[Instrument]) -> QuerySet[Instrument]:
    return instruments.select_related("type", "owner", "commune")


def filter_instruments(
    instruments: QuerySet[Instrument],
    *,
    today: dt.date,
    due: str = "",
    commune_id: int | None = None,
    owner_id: int | None = None,
    type_id: int | None = None,
    status: str = "",
    serial: str = "",
    soon_days: int = SOON_DAYS,
) -> QuerySet[Instrument]:
    """Narrow a list; `due` is "overdue" (in use, due before today), "soon" (due within
    `soon_days`), "failed" (in use although its last verification failed: not fit for use)
    or "" (all). Each combination is served by one partial index."""
    if commune_id:
        instruments = instruments.filter(commune_id=commune_id)
    if owner_id:
        instruments = instruments.filter(owner_id=owner_id)
    if type_id:
        instruments = instruments.filter(type_id=type_id)
    if serial:
        instruments = instruments.filter(serial__istartswith=serial.strip())
    if due == "overdue":
        instruments = instruments.filter(status=IN_USE, next_due__lt=today)
    elif due == "failed":
        instruments = instruments.filter(status=IN_USE, last_result=Instrument.Result.FAILED)
    elif due == "soon":
        instruments = instruments.filter(
            status=IN_USE,
            next_due__gte=today,
            next_due__lte=today + dt.timedelta(days=soon_days),
        )
    elif status:
        instruments = instruments.filter(status=status)
    return instruments.order_by("next_due", "id")


@dataclass(frozen=True)
class InstrumentPage:
    """A count and one page of a list: what every list page and export header shows."""

    count: int
    number: int
    per_page: int
    items: list[Instrument]

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1


def instrument_page(
    instruments: QuerySet[Instrument], *, number: int = 1, per_page: int = PAGE_SIZE
) -> InstrumentPage:
    """Count plus one page: two indexed queries (the page with its labels joined)."""
    count = instruments.count()
    number = max(1, min(number, max(1, -(-count // per_page))))
    start = (number - 1) * per_page
    items = list(with_labels(instruments)[start : start + per_page])
    return InstrumentPage(count=count, number=number, per_page=per_page, items=items)


def verifications_of(instrument: Instrument) -> QuerySet[Verification]:
    return instrument.verifications.select_related("verifier").order_by("-verified_on", "-id")


def cycle_months_on(instrument_type: InstrumentType, day: dt.date) -> int | None:
    """The type's cycle under the rule in force on `day` (the earliest rule before it began)."""
    versions = list(instrument_type.versions.order_by("valid_from"))
    if not versions:
        return instrument_type.cycle_months
    chosen = versions[0]
    for version in versions:
        if version.valid_from <= day:
            chosen = version
    return chosen.cycle_months


def verification_bodies() -> QuerySet[Organisation]:
    """Who may be named as the verifier of a verification: the active testing bodies."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.TESTING_BODY, is_active=True
    ).order_by("name")


def active_types() -> QuerySet[InstrumentType]:
    return InstrumentType.objects.filter(is_active=True).order_by("name")


def types_with_versions() -> QuerySet[InstrumentType]:
    return InstrumentType.objects.prefetch_related("versions").order_by("name")


# --- The province dashboard: roll-ups only ---------------------------------------------------


@dataclass(frozen=True)
class CommuneRow:
    commune_id: int
    name: str
    total: int
    in_use: int
    overdue: int
    soon: int


@dataclass(frozen=True)
class Dashboard:
    total: int
    by_status: dict[str, int]
    overdue: int
    soon: int
    communes: list[CommuneRow]
    types: list[tuple[str, int]]
    failed: int = 0  # in use although the last verification failed: not fit for use
    due_by_month: list[tuple[dt.date, int]] = field(default_factory=list)


# Overdue ("o": month buckets before this month, day buckets of this month before today) and
# soon due ("s") in-use instruments per commune, in one round trip.
_DUE_SQL = (
    "SELECT 'o', commune_id, sum(n) FROM metrology_duemonthtally WHERE province_id = %s "
    "AND month < %s AND n > 0 GROUP BY commune_id UNION ALL "
    "SELECT 'o', commune_id, sum(n) FROM metrology_duedaytally WHERE province_id = %s "
    "AND due_on >= %s AND due_on < %s AND n > 0 GROUP BY commune_id UNION ALL "
    "SELECT 's', commune_id, sum(n) FROM metrology_duedaytally WHERE province_id = %s "
    "AND due_on >= %s AND due_on <= %s AND n > 0 GROUP BY commune_id"
)
# Counts per commune × status, and of in-use instruments per type, in one round trip.
_TALLY_SQL = (
    "SELECT commune_id, NULL, status, sum(n) FROM metrology_instrumenttally "
    "WHERE province_id = %s GROUP BY commune_id, status UNION ALL "
    "SELECT NULL, type_id, status, sum(n) FROM metrology_instrumenttally "
    "WHERE province_id = %s AND status = %s GROUP BY type_id, status"
)


def _due_counts(
    province_id: int, today: dt.date, *, soon_days: int
) -> tuple[dict[int, int], dict[int, int]]:
    """Overdue and soon-due in-use instruments per commune, from the month and day buckets."""
    first = today.replace(day=1)
    found: dict[str, dict[int, int]] = {"o": {}, "s": {}}
    with connection.cursor() as cursor:
        cursor.execute(
            _DUE_SQL,
            [
                province_id,
                first,
                province_id,
                first,
                today,
                province_id,
                today,
                today + dt.timedelta(days=soon_days),
            ],
        )
        for kind, commune_id, n in cursor.fetchall():
            counts = found[kind]
            counts[commune_id] = counts.get(commune_id, 0) + int(n)
    return found["o"], found["s"]


def province_dashboard(
    province_id: int, *, today: dt.date, soon_days: int = SOON_DAYS
) -> Dashboard:
    """Counts by status, commune, type and due state for a province, read from the roll-ups."""
    by_status = dict.fromkeys(Instrument.Status.values, 0)
    per_commune: dict[int, list[int]] = {}
    type_counts: dict[int, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(_TALLY_SQL, [province_id, province_id, IN_USE.value])
        tallies = cursor.fetchall()
    for commune_id, type_id, status, total in tallies:
        n = int(total)
        if commune_id is None:  # in use, per type
            type_counts[type_id] = type_counts.get(type_id, 0) + n
            continue
        by_status[status] += n
        counts = per_commune.setdefault(commune_id, [0, 0])
        counts[0] += n
        if status == IN_USE:
            counts[1] += n
    overdue, soon = _due_counts(province_id, today, soon_days=soon_days)
    ids = {c for c, v in per_commune.items() if v[0]} | set(overdue) | set(soon)
    names = dict(Commune.objects.filter(code__in=ids).values_list("code", "name"))
    communes = sorted(
        (
            CommuneRow(
                commune_id=c,
                name=names.get(c, str(c)),
                total=per_commune.get(c, [0, 0])[0],
                in_use=per_commune.get(c, [0, 0])[1],
                overdue=overdue.get(c, 0),
                soon=soon.get(c, 0),
            )
            for c in ids
        ),
        key=lambda row: (-row.overdue, row.name),
    )
    type_names = dict(
        InstrumentType.objects.filter(pk__in=[t for t, n in type_counts.items() if n]).values_list(
            "pk", "name"
        )
    )
    types = sorted(
        ((type_names[t], n) for t, n in type_counts.items() if n), key=lambda item: -item[1]
    )
    return Dashboard(
        total=sum(by_status.values()),
        by_status=by_status,
        overdue=sum(overdue.values()),
        soon=sum(soon.values()),
        communes=communes,
        types=types,
        failed=Instrument.objects.filter(
            province_id=province_id, status=IN_USE, last_result=Instrument.Result.FAILED
        ).count(),
        due_by_month=due_by_month(province_id, today=today),
    )


def due_by_month(
    province_id: int, *, today: dt.date, months: int = 12
) -> list[tuple[dt.date, int]]:
    """In-use instruments falling due in this month and each of the next ones (roll-ups)."""
    first = today.replace(day=1)
    firsts = [add_months(first, i) for i in range(months)]
    counts = dict(
        DueMonthTally.objects.filter(
            province_id=province_id, month__gte=firsts[0], month__lte=firsts[-1], n__gt=0
        )
        .values_list("month")
        .annotate(total=Sum("n"))
    )
    return [(month, int(counts.get(month, 0))) for month in firsts]


def overdue_count(province_id: int | None, *, today: dt.date) -> int:
    """In-use instruments past their due date, from the roll-ups (None: the whole country)."""
    first = today.replace(day=1)
    months = DueMonthTally.objects.filter(month__lt=first)
    days = DueDayTally.objects.filter(due_on__gte=first, due_on__lt=today)
    if province_id is not None:
        months = months.filter(province_id=province_id)
        days = days.filter(province_id=province_id)
    total = (months.aggregate(n=Sum("n"))["n"] or 0) + (days.aggregate(n=Sum("n"))["n"] or 0)
    return int(total)


# --- Metrics -----------------------------------------------------------------------------------


def verified_on_time_share(scope: MetricScope) -> Decimal | None:
    """Of the verifications in the period that renewed an earlier one, the share done by the
    earlier one's due date (%). None when nothing was renewed in the period."""
    province_filter = "AND province_id = %s" if scope.province_id is not None else ""
    params: list[Any] = [scope.end]
    if scope.province_id is not None:
        params.append(scope.province_id)
    params += [scope.start, scope.end]
    sql = f"""
        SELECT count(*), coalesce(sum(CASE WHEN verified_on <= previous_due THEN 1 ELSE 0 END), 0)
        FROM (
            SELECT verified_on,
                   lag(next_due) OVER (PARTITION BY instrument_id ORDER BY verified_on) AS previous_due,
                   lag(id) OVER (PARTITION BY instrument_id ORDER BY verified_on) AS previous_id
            FROM metrology_verification
            WHERE verified_on <= %s {province_filter}
        ) renewals
        WHERE previous_id IS NOT NULL AND previous_due IS NOT NULL
          AND verified_on >= %s AND verified_on <= %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, on_time = cursor.fetchone()
    if not total:
        return None
    return (Decimal(on_time) * 100 / Decimal(total)).quantize(Decimal("0.1"))


def overdue_metric(scope: MetricScope) -> Decimal | None:
    today = dt.date.today()  # noqa: DTZ011  (a period end in the future means "as of today")
    return Decimal(overdue_count(scope.province_id, today=min(scope.end, today)))


# --- Public stamp look-up ---------------------------------------------------------------------

STAMP_SQL = (
    "SELECT stamp_number, verified_on, result, next_due, verifier_name, certificate_number, id, "
    "instrument_id, province_id FROM metrology_verification WHERE stamp_number = %s "
    "AND stamp_number <> ''"  # the partial unique index (PostgreSQL has no other on the stamp)
)
# The province is a literal here, so PostgreSQL plans against one partition only.
STAMP_INSTRUMENT_SQL = (
    "SELECT type_id, serial, status, last_verification_id, last_verified_on, last_result, "
    "last_stamp_number, commune_id FROM metrology_instrument WHERE province_id = %s AND id = %s"
)
NAMES_TTL = 300.0
_names: dict[str, Any] = {"loaded": -NAMES_TTL, "types": {}, "communes": {}}


def _names_of(type_id: int, commune_id: int) -> tuple[str, str]:
    """Type and commune names from a small per-process cache (refreshed every 5 minutes)."""
    now = time.monotonic()
    if (
        now - _names["loaded"] > NAMES_TTL
        or type_id not in _names["types"]
        or commune_id not in _names["communes"]
    ):
        _names["types"] = dict(InstrumentType.objects.values_list("pk", "name"))
        _names["communes"] = dict(Commune.objects.values_list("code", "name"))
        _names["loaded"] = now
    return _names["types"].get(type_id, ""), _names["communes"].get(commune_id, "")


STAMP_KEYS = (
    "stamp_number",
    "verified_on",
    "result",
    "next_due",
    "verifier_name",
    "certificate_number",
    "id",
    "instrument_id",
    "province_id",
)
INSTRUMENT_KEYS = (
    "instrument__type_id",
    "instrument__serial",
    "instrument__status",
    "instrument__last_verification_id",
    "instrument__last_verified_on",
    "instrument__last_result",
    "instrument__last_stamp_number",
    "instrument__commune_id",
)


def find_stamp(stamp_number: str) -> dict[str, Any] | None:
    """The verification behind a stamp (unique index) and the state of its instrument (its
    primary key within one partition): two single-row index reads."""
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL, [stamp_number.strip().upper()])
        row = cursor.fetchone()
        if row is None:
            return None
        found = dict(zip(STAMP_KEYS, row, strict=True))
        cursor.execute(STAMP_INSTRUMENT_SQL, [found["province_id"], found["instrument_id"]])
        found.update(zip(INSTRUMENT_KEYS, cursor.fetchone(), strict=True))
    type_name, commune_name = _names_of(
        found["instrument__type_id"], found["instrument__commune_id"]
    )
    found["instrument__type__name"] = type_name
    found["instrument__commune__name"] = commune_name
    for key in ("verified_on", "next_due", "instrument__last_verified_on"):
        if isinstance(found[key], str):  # SQLite hands dates back as text
            found[key] = dt.date.fromisoformat(found[key])
    return found


def stamp_verdict(found: dict[str, Any] | None, *, today: dt.date) -> str:
    """ "valid", "expired", "replaced", "failed", "withdrawn" or "not_found"."""
    if found is None:
        return "not_found"
    if found["result"] != Verification.Result.PASSED:
        return "failed"
    latest = found["instrument__last_verification_id"]
    if latest is not None and latest != found["id"]:
        return "failed" if found["instrument__last_result"] == "fail" else "replaced"
    if found["instrument__status"] != IN_USE:
        return "withdrawn"
    if found["next_due"] is not None and found["next_due"] < today:
        return "expired"
    return "valid"


# --- Imports ---------------------------------------------------------------------------------


def imports_of(user: User) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(created_by=user).order_by("-created_at", "-id")


def open_instrument_counts() -> list[dict[str, Any]]:
    """Open data: instruments per province, commune and type (counts only, from the
    roll-ups; no owner, no serial)."""
    rows = (
        InstrumentTally.objects.values(
            "province_id",
            "province__name",
            "commune_id",
            "commune__name",
            "type__code",
            "type__name",
        )
        .annotate(total=Sum("n"), in_use=Sum("n", filter=Q(status=IN_USE)))
        .filter(total__gt=0)
        .order_by("province__name", "commune__name", "type__name")
    )
    return [
        {
            "ma_tinh": row["province_id"],
            "tinh": row["province__name"],
            "ma_xa": row["commune_id"],
            "xa": row["commune__name"],
            "ma_loai": row["type__code"],
            "loai_phuong_tien_do": row["type__name"],
            "so_luong": row["total"],
            "dang_su_dung": row["in_use"] or 0,
        }
        for row in rows
    ]
