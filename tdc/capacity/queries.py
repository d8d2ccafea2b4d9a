"""Reads for the capacity registers, and the figures the targets compute from.

Every figure takes a province (None: the whole country) and a closed period and counts
records exactly; the metric registry (`tdc.capacity.metrics`) exposes them to the plans.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum

from tdc.accounts.models import Organisation, Province
from tdc.accounts.queries import organisations_of_province
from tdc.capacity.models import (
    AgencyQuality,
    Audience,
    Award,
    Course,
    Equipment,
    Event,
    EventAttendance,
    MeasurementStandard,
    Official,
    Participant,
    Programme,
    QualityAudit,
)
from tdc.core.metrics import MetricScope
from tdc.core.text import fold

REMIND_DAYS = 30  # calibration due within this many days is "soon"

# The bodies of the state administration whose ISO 9001 status the plans follow.
STATE_AGENCY_KINDS = (
    Organisation.Kind.PROVINCIAL_COMMITTEE,
    Organisation.Kind.DOST,
    Organisation.Kind.DEPARTMENT,
    Organisation.Kind.COMMUNE_COMMITTEE,
)


def share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _in_province(queryset: QuerySet, scope: MetricScope, field: str = "province_id") -> QuerySet:  # type: ignore[type-arg]
    if scope.province_id is None:
        return queryset
    return queryset.filter(**{field: scope.province_id})


def courses_in(scope: MetricScope) -> QuerySet[Course]:
    """Courses held (started) in the period; curricula are counted apart."""
    return _in_province(
        Course.objects.filter(starts_on__range=(scope.start, scope.end)).exclude(
            kind=Course.Kind.CURRICULUM
        ),
        scope,
    )


def participants_in(scope: MetricScope) -> QuerySet[Participant]:
    return Participant.objects.filter(course__in=courses_in(scope))


def courses_held(scope: MetricScope) -> Decimal:
    return Decimal(courses_in(scope).count())


def curricula_count(scope: MetricScope) -> Decimal:
    curricula = Course.objects.filter(
        kind=Course.Kind.CURRICULUM, starts_on__lte=scope.end, ends_on__gte=scope.start
    )
    return Decimal(_in_province(curricula, scope).count())


def participants_total(scope: MetricScope, audience: str | None = None) -> Decimal:
    participants = participants_in(scope)
    if audience is not None:
        participants = participants.filter(audience=audience)
    return Decimal(participants.count())


def participants_by_audience(scope: MetricScope) -> dict[str, int]:
    counts = Counter(dict(participants_in(scope).values_list("audience").annotate(n=Count("pk"))))
    return {value: counts.get(value, 0) for value in Audience.values}


def active_businesses(province_id: int | None) -> QuerySet[Organisation]:
    """The businesses on record and active (accounts' list of the province's organisations)."""
    if province_id is not None:
        return organisations_of_province(province_id).filter(kind=Organisation.Kind.BUSINESS)
    ids: list[int] = []
    for code in Province.objects.values_list("pk", flat=True):
        ids.extend(
            organisations_of_province(code)
            .filter(kind=Organisation.Kind.BUSINESS)
            .values_list("pk", flat=True)
        )
    return Organisation.objects.filter(pk__in=ids)


def businesses_trained_share(scope: MetricScope) -> Decimal | None:
    """Of the active businesses on record, the share with at least one person trained in the
    period (a participant whose organisation is that business)."""
    businesses = active_businesses(scope.province_id)
    trained = (
        participants_in(scope)
        .filter(organisation__in=businesses)
        .values("organisation_id")
        .distinct()
        .count()
    )
    return share(trained, businesses.count())


def trained_officials(scope: MetricScope) -> QuerySet[Official]:
    """Officials on the roster who attended a course in the period (same organisation and
    same name, accent- and case-insensitive)."""
    officials = _in_province(Official.objects.filter(is_active=True), scope)
    attended = set(
        participants_in(scope)
        .filter(organisation__isnull=False)
        .values_list("organisation_id", "name_key")
    )
    ids = [
        pk
        for pk, organisation_id, name_key in officials.values_list(
            "pk", "organisation_id", "name_key"
        )
        if (organisation_id, name_key) in attended
    ]
    return officials.filter(pk__in=ids)


def officials_trained_share(scope: MetricScope) -> Decimal | None:
    officials = _in_province(Official.objects.filter(is_active=True), scope)
    return share(trained_officials(scope).count(), officials.count())


def events_in(scope: MetricScope, kind: str | None = None) -> QuerySet[Event]:
    events = _in_province(Event.objects.filter(held_on__range=(scope.start, scope.end)), scope)
    return events.filter(kind=kind) if kind else events


def forums_held(scope: MetricScope) -> Decimal:
    return Decimal(events_in(scope, Event.Kind.FORUM).count())


def events_held(scope: MetricScope) -> Decimal:
    return Decimal(events_in(scope).count())


def event_participants(scope: MetricScope, audience: str | None = None) -> Decimal:
    """People who took part in the events held in the period (of one audience type, or all)."""
    lines = EventAttendance.objects.filter(event__in=events_in(scope))
    if audience is not None:
        lines = lines.filter(audience=audience)
    return Decimal(lines.aggregate(n=Sum("count"))["n"] or 0)


def event_participants_by_audience(scope: MetricScope) -> dict[str, int]:
    counts = dict(
        EventAttendance.objects.filter(event__in=events_in(scope))
        .values_list("audience")
        .annotate(n=Sum("count"))
    )
    return {value: counts.get(value, 0) for value in Audience.values}


def equipment_bought(scope: MetricScope) -> Decimal:
    """Units bought in the period (a batch of five test kits counts five)."""
    items = _in_province(Equipment.objects.filter(bought_on__range=(scope.start, scope.end)), scope)
    return Decimal(items.aggregate(n=Sum("quantity"))["n"] or 0)


def equipment_cost(scope: MetricScope) -> Decimal:
    items = _in_province(Equipment.objects.filter(bought_on__range=(scope.start, scope.end)), scope)
    return Decimal(items.aggregate(n=Sum("cost"))["n"] or 0)


def programmes_under_way(scope: MetricScope) -> Decimal:
    """Programmes carried out during the period: started by its end, not ended before it."""
    programmes = Programme.objects.exclude(status=Programme.Status.PLANNED).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=scope.start), starts_on__lte=scope.end
    )
    return Decimal(_in_province(programmes, scope).count())


def _state_agencies(scope: MetricScope) -> QuerySet[Organisation]:
    agencies = Organisation.objects.filter(is_active=True, kind__in=STATE_AGENCY_KINDS)
    return _in_province(agencies, scope)


def _applied(scope: MetricScope) -> QuerySet[AgencyQuality]:
    return AgencyQuality.objects.filter(
        Q(applied_on__isnull=True) | Q(applied_on__lte=scope.end),
        organisation__in=_state_agencies(scope),
        iso_status__in=AgencyQuality.APPLIED_STATUSES,
    )


def iso_applied_agencies(scope: MetricScope) -> Decimal:
    return Decimal(_applied(scope).count())


def iso_applied_share(scope: MetricScope) -> Decimal | None:
    return share(_applied(scope).count(), _state_agencies(scope).count())


def awards_decided(scope: MetricScope) -> Decimal:
    awards = Award.objects.filter(decided_on__range=(scope.start, scope.end))
    return Decimal(_in_province(awards, scope).count())


# --- Lists and pages --------------------------------------------------------------------------


def search_courses(courses: QuerySet[Course], text: str) -> QuerySet[Course]:
    for word in fold(text).split():
        courses = courses.filter(search_key__contains=word)
    return courses


def with_participant_counts(courses: QuerySet[Course]) -> QuerySet[Course]:
    return (
        courses.select_related("organiser")
        .annotate(participant_count=Count("participants"))
        .order_by("-starts_on", "-id")
    )


def inspectors_with_certificates(
    officials: QuerySet[Official], *, today: dt.date
) -> list[dict[str, Any]]:
    """Each inspector, with the latest certificate from an inspection course and whether it
    is still valid today."""
    inspectors = list(officials.filter(is_inspector=True).select_related("organisation"))
    keys = {(o.organisation_id, o.name_key) for o in inspectors}
    latest: dict[tuple[int, str], Participant] = {}
    certificates = (
        Participant.objects.filter(
            course__kind=Course.Kind.INSPECTION,
            organisation_id__in={k[0] for k in keys},
        )
        .exclude(certificate_number="")
        .select_related("course")
        .order_by("course__ends_on")
    )
    for participant in certificates:
        key = (participant.organisation_id or 0, participant.name_key)
        if key in keys:
            latest[key] = participant
    rows: list[dict[str, Any]] = []
    for official in inspectors:
        certificate = latest.get((official.organisation_id, official.name_key))
        expires = certificate.certificate_expires_on if certificate else None
        rows.append(
            {
                "official": official,
                "certificate": certificate,
                "expires_on": expires,
                "is_valid": certificate is not None and (expires is None or expires >= today),
            }
        )
    return rows


def due_for_calibration(
    items: QuerySet[Equipment] | QuerySet[MeasurementStandard],
    *,
    today: dt.date,
    days: int = REMIND_DAYS,
) -> QuerySet:  # type: ignore[type-arg]
    return items.filter(calibration_due_on__lte=today + dt.timedelta(days=days)).order_by(
        "calibration_due_on"
    )


def traceability_chain(standard: MeasurementStandard) -> list[MeasurementStandard]:
    """The standard, then each higher one it is traced to, up to the top (national)."""
    chain = [standard]
    seen = {standard.pk}
    step = standard.traced_to
    while step is not None and step.pk not in seen:
        chain.append(step)
        seen.add(step.pk)
        step = step.traced_to
    return chain


def courses_per_year(courses: QuerySet[Course]) -> list[tuple[int, int]]:
    counts = Counter(
        day.year
        for day in courses.exclude(kind=Course.Kind.CURRICULUM).values_list("starts_on", flat=True)
    )
    return sorted(counts.items())


def events_of_report(report_id: int) -> QuerySet[Event]:
    """The events a progress report points at (for the plans' report page and synthesis)."""
    return Event.objects.filter(report_links__report_id=report_id).select_related("organiser")


def with_last_internal_audit(qualities: QuerySet[AgencyQuality]) -> QuerySet[AgencyQuality]:
    """Each agency's record with its latest internal audit (`last_audit_on`, `last_findings`,
    `last_nonconformities`) and how many audits its history holds (`audit_count`)."""
    latest = QualityAudit.objects.filter(
        quality=OuterRef("pk"), kind=QualityAudit.Kind.INTERNAL
    ).order_by("-held_on", "-id")
    return qualities.annotate(
        last_audit_on=Subquery(latest.values("held_on")[:1]),
        last_findings=Subquery(latest.values("findings")[:1]),
        last_nonconformities=Subquery(latest.values("nonconformities")[:1]),
        audit_count=Count("audits", distinct=True),
    )
