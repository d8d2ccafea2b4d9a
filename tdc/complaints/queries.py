"""Reads: who sees which complaints, routing, duplicates and statistics. No identity here."""

from __future__ import annotations

import datetime as dt
import statistics as pystats
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from rapidfuzz import fuzz

from tdc.accounts.capabilities import Capability, can, roles_with
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.accounts.permissions import restrict
from tdc.accounts.queries import dost_of_province
from tdc.complaints.deadlines import policy
from tdc.complaints.models import (
    HANDLED_STATUSES,
    OPEN_STATUSES,
    Attachment,
    Complaint,
    ComplaintQuerySet,
    IdentityDisclosureRequest,
    Message,
    RoutingRule,
)
from tdc.core.text import fold

# Who may do what is `tdc.accounts.capabilities`; this alias stays for callers that still
# ask by roles (the export view).


def _base() -> ComplaintQuerySet:
    return Complaint.objects.select_related("province", "commune", "organisation", "assignee")


def complaints_visible_to(user: AnyUser) -> ComplaintQuerySet:
    """Complaints routed to the user's organisation; a DoST officer sees the province's."""
    if not can(user, Capability.VIEW_COMPLAINTS):
        return Complaint.objects.none()
    return cast(
        ComplaintQuerySet,
        restrict(_base(), user, organisation_field="organisation", province_field="province"),
    )


def complaints_changeable_by(user: AnyUser) -> ComplaintQuerySet:
    if not can(user, Capability.HANDLE_COMPLAINTS):
        return Complaint.objects.none()
    return cast(
        ComplaintQuerySet,
        restrict(
            _base(),
            user,
            action="change",
            organisation_field="organisation",
            province_field="province",
        ),
    )


def filter_complaints(
    complaints: ComplaintQuerySet,
    *,
    q: str = "",
    status: str = "",
    category: str = "",
    track: str = "",
    overdue: bool = False,
    mine: User | None = None,
    today: dt.date | None = None,
) -> ComplaintQuerySet:
    key = fold(q)
    for word in key.split():
        complaints = complaints.filter(search_key__contains=word)
    if status == "open":
        complaints = complaints.open()
    elif status:
        complaints = complaints.filter(status=status)
    if category:
        complaints = complaints.filter(category=category)
    if track:
        complaints = complaints.filter(track=track)
    if overdue:
        complaints = complaints.overdue(today or timezone.localdate())
    if mine is not None:
        complaints = complaints.filter(assignee=mine)
    return complaints


def open_counts_for(user: AnyUser, *, today: dt.date) -> dict[str, int]:
    visible = complaints_visible_to(user)
    return visible.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        new=Count("pk", filter=Q(status=Complaint.Status.RECEIVED)),
        overdue=Count("pk", filter=Q(pk__in=visible.overdue(today).values("pk"))),
    )


def public_timeline(complaint: Complaint) -> QuerySet[Message]:
    """What the citizen sees: updates, the handler's questions and their own replies."""
    return (
        complaint.messages.exclude(kind=Message.Kind.NOTE)
        .select_related("in_reply_to")
        .prefetch_related("attachments")
    )


def staff_timeline(complaint: Complaint) -> QuerySet[Message]:
    return complaint.messages.select_related("author").prefetch_related("attachments")


def open_questions(complaint: Complaint) -> QuerySet[Message]:
    return complaint.messages.filter(kind=Message.Kind.QUESTION, replies__isnull=True).order_by(
        "-created_at", "-id"
    )


def attachments_of(complaint: Complaint) -> QuerySet[Attachment]:
    return complaint.attachments.all()


def stored_attachment_count(complaint: Complaint) -> int:
    return complaint.attachments.count()


# --- Routing ----------------------------------------------------------------------------------


def route_for(*, category: str, province_id: int, commune_id: int | None) -> Organisation | None:
    """The responsible organisation: the most specific active rule, else the province's DoST."""
    rules = (
        RoutingRule.objects.filter(province_id=province_id)
        .filter(Q(commune_id=commune_id) | Q(commune__isnull=True))
        .filter(Q(category=category) | Q(category=""))
    )
    best: RoutingRule | None = None
    best_rank = -1
    for rule in rules.select_related("organisation"):
        if commune_id is None and rule.commune_id is not None:
            continue
        rank = (2 if rule.category else 0) + (1 if rule.commune_id else 0)
        if rank > best_rank and rule.organisation.is_active:
            best, best_rank = rule, rank
    if best is not None:
        return best.organisation
    return dost_of_province(province_id)


def routing_rules_of(province_id: int) -> QuerySet[RoutingRule]:
    return RoutingRule.objects.filter(province_id=province_id).select_related(
        "commune", "organisation"
    )


def routable_organisations(province_id: int) -> QuerySet[Organisation]:
    """Organisations that may handle reports: never a business (it may be the one reported)."""
    return (
        Organisation.objects.filter(province_id=province_id, is_active=True)
        .exclude(kind=Organisation.Kind.BUSINESS)
        .order_by("kind", "name")
    )


def assignable_users(complaint: Complaint) -> QuerySet[User]:
    """Active users of the responsible organisation who hold a handling role."""
    if complaint.organisation_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            organisation_id=complaint.organisation_id,
            is_active=True,
            role_grants__role__in=roles_with(Capability.HANDLE_COMPLAINTS),
        )
        .distinct()
        .order_by("full_name", "username")
    )


def heads_of(organisation_id: int) -> QuerySet[User]:
    """Who an overdue complaint is escalated to: the organisation's approving leaders."""
    return User.objects.filter(
        organisation_id=organisation_id,
        is_active=True,
        role_grants__role__in=roles_with(Capability.HEAD_COMPLAINT_HANDLING),
    ).distinct()


def handlers_of(organisation_id: int) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=organisation_id,
        is_active=True,
        role_grants__role__in=roles_with(Capability.HANDLE_COMPLAINTS),
    ).distinct()


def custodians_of(province_id: int) -> QuerySet[User]:
    return User.objects.filter(
        organisation__province_id=province_id,
        is_active=True,
        role_grants__role__in=roles_with(Capability.DECIDE_IDENTITY_DISCLOSURE),
    ).distinct()


def default_province() -> Province | None:
    """The province the report form starts on: `COMPLAINTS_DEFAULT_PROVINCE` (a code), else the
    one province with routing rules, else the one province with a DoST; None when unclear."""
    configured = getattr(settings, "COMPLAINTS_DEFAULT_PROVINCE", None)
    if configured:
        return Province.objects.filter(pk=int(configured)).first()
    for candidates in (
        RoutingRule.objects.values_list("province_id", flat=True),
        Organisation.objects.filter(
            kind=Organisation.Kind.DOST, province__isnull=False
        ).values_list("province_id", flat=True),
    ):
        provinces = list(candidates.order_by().distinct()[:2])
        if len(provinces) == 1:
            return Province.objects.filter(pk=provinces[0]).first()
    return None


def communes_of(province_id: int | None) -> QuerySet[Commune]:
    if not province_id:
        return Commune.objects.none()
    return Commune.objects.filter(province_id=province_id).order_by("name")


# --- Duplicates -------------------------------------------------------------------------------


def likely_duplicates(complaint: Complaint, among: QuerySet[Complaint]) -> list[Complaint]:
    """Same commune and category, a similar business name, within the duplicate window."""
    if not complaint.business_key or complaint.commune_id is None:
        return []
    window = dt.timedelta(days=policy().duplicate_window_days)
    candidates = (
        among.filter(
            commune_id=complaint.commune_id,
            category=complaint.category,
            duplicate_of__isnull=True,
            created_at__gte=complaint.created_at - window,
            created_at__lte=complaint.created_at + window,
        )
        .exclude(pk=complaint.pk)
        .exclude(business_key="")
    )
    return [
        other
        for other in candidates[:50]
        if fuzz.token_sort_ratio(other.business_key, complaint.business_key) >= 85
    ]


# --- Identity disclosure ------------------------------------------------------------------------


def disclosure_requests_for_custodian(user: AnyUser) -> QuerySet[IdentityDisclosureRequest]:
    if not isinstance(user, User) or not can(user, Capability.DECIDE_IDENTITY_DISCLOSURE):
        return IdentityDisclosureRequest.objects.none()
    if user.province_id is None:
        return IdentityDisclosureRequest.objects.none()
    return IdentityDisclosureRequest.objects.filter(
        complaint__province_id=user.province_id
    ).select_related("complaint", "requested_by", "decided_by")


def disclosure_requests_by(user: AnyUser) -> QuerySet[IdentityDisclosureRequest]:
    if not isinstance(user, User):
        return IdentityDisclosureRequest.objects.none()
    return IdentityDisclosureRequest.objects.filter(requested_by=user).select_related(
        "complaint", "decided_by"
    )


# --- Statistics --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    received: int
    handled: int
    on_time: int


@dataclass(frozen=True)
class ComplaintStatistics:
    received: int
    handled: int
    handled_on_time: int
    handled_share: Decimal | None
    on_time_share: Decimal | None
    median_handling_days: Decimal | None
    by_category: list[Row]
    by_month: list[Row]
    by_channel: list[Row] = field(default_factory=list)


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def complaints_in_scope(
    *, province_id: int | None, start: dt.date | None, end: dt.date | None
) -> QuerySet[Complaint]:
    complaints = Complaint.objects.all()
    if province_id is not None:
        complaints = complaints.filter(province_id=province_id)
    if start is not None:
        complaints = complaints.filter(created_at__date__gte=start)
    if end is not None:
        complaints = complaints.filter(created_at__date__lte=end)
    return complaints


def complaint_statistics(
    *, province_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> ComplaintStatistics:
    """Counts only: nothing here can point at a reporter."""
    complaints = complaints_in_scope(province_id=province_id, start=start, end=end)
    handled_q = Q(status__in=HANDLED_STATUSES)
    on_time_q = handled_q & Q(handled_on_time=True)
    totals = complaints.aggregate(
        received=Count("pk"),
        handled=Count("pk", filter=handled_q),
        on_time=Count("pk", filter=on_time_q),
    )
    durations = [
        (handled_at - created_at).total_seconds() / 86400
        for created_at, handled_at in complaints.filter(handled_q, handled_at__isnull=False)
        .values_list("created_at", "handled_at")
        .iterator()
        if handled_at is not None
    ]
    median = (
        Decimal(str(pystats.median(durations))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if durations
        else None
    )
    labels = dict(Complaint.Category.choices)
    by_category = [
        Row(
            key=row["category"],
            label=str(labels.get(row["category"], row["category"])),
            received=row["received"],
            handled=row["handled"],
            on_time=row["on_time"],
        )
        for row in complaints.order_by()
        .values("category")
        .annotate(
            received=Count("pk"),
            handled=Count("pk", filter=handled_q),
            on_time=Count("pk", filter=on_time_q),
        )
        .order_by("-received", "category")
    ]
    channels = dict(Complaint.Channel.choices)
    by_channel = [
        Row(
            key=row["channel"],
            label=str(channels.get(row["channel"], row["channel"])),
            received=row["received"],
            handled=row["handled"],
            on_time=row["on_time"],
        )
        for row in complaints.order_by()
        .values("channel")
        .annotate(
            received=Count("pk"),
            handled=Count("pk", filter=handled_q),
            on_time=Count("pk", filter=on_time_q),
        )
        .order_by("-received", "channel")
    ]
    by_month = [
        Row(
            key=f"{row['month']:%Y-%m}",
            label=f"{row['month']:%m/%Y}",
            received=row["received"],
            handled=row["handled"],
            on_time=row["on_time"],
        )
        for row in complaints.order_by()
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            received=Count("pk"),
            handled=Count("pk", filter=handled_q),
            on_time=Count("pk", filter=on_time_q),
        )
        .order_by("month")
    ]
    return ComplaintStatistics(
        received=totals["received"],
        handled=totals["handled"],
        handled_on_time=totals["on_time"],
        handled_share=_share(totals["handled"], totals["received"]),
        on_time_share=_share(totals["on_time"], totals["handled"]),
        median_handling_days=median,
        by_category=by_category,
        by_month=by_month,
        by_channel=by_channel,
    )


def provinces_with_complaints() -> QuerySet[Province]:
    return Province.objects.filter(complaints__isnull=False).distinct().order_by("name")


MEASUREMENT_CATEGORIES = (
    Complaint.Category.MEASUREMENT_FRAUD,
    Complaint.Category.FUEL_DISPENSER,
    Complaint.Category.UTILITY_METER,
    Complaint.Category.TAXIMETER,
)


def credible_reports_by_business(*, province_id: int, since: dt.date) -> dict[str, tuple[int, int]]:
    """For market surveillance's risk score: per reported business (its folded name), how many
    credible reports since `since` — accepted and being handled, or concluded with a violation
    confirmed — and how many of them are about measurement. Counts only: no text, no identity."""
    credible = Q(
        status__in=[
            Complaint.Status.ACCEPTED,
            Complaint.Status.ASSIGNED,
            Complaint.Status.VERIFYING,
        ]
    ) | Q(outcome=Complaint.Outcome.VIOLATION_CONFIRMED)
    rows = (
        Complaint.objects.filter(credible, province_id=province_id, created_at__date__gte=since)
        .exclude(business_key="")
        .values("business_key")
        .annotate(
            total=Count("pk"),
            measurement=Count("pk", filter=Q(category__in=MEASUREMENT_CATEGORIES)),
        )
        .order_by()
    )
    return {row["business_key"]: (row["total"], row["measurement"]) for row in rows}
