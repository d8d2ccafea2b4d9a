"""Reads of the conformity app: the public register, the officers' queue, warnings, figures."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from tdc.conformity.models import Declaration
from tdc.conformity.services import normalise_gtin, warnings_due
from tdc.core.products import ProductNotice
from tdc.core.text import fold

PUBLIC_SOURCE = "Sở Khoa học và Công nghệ"


def public_declarations() -> QuerySet[Declaration]:
    """The public register: accepted declarations only (never drafts, pending or refused)."""
    return Declaration.objects.filter(status=Declaration.Status.ACCEPTED).select_related(
        "organisation", "standard"
    )


def search_register(text: str) -> QuerySet[Declaration]:
    """By business, product, GTIN or receipt number, accents ignored."""
    found = public_declarations()
    text = text.strip()
    if not text:
        return found.order_by("-decided_on", "-pk")
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) in (8, 12, 13, 14) and digits == text.replace(" ", ""):
        try:
            return found.filter(gtin=normalise_gtin(digits)).order_by("-decided_on")
        except ValidationError:  # a wrong check digit simply finds nothing
            return found.none()
    for word in fold(text).split()[:10]:
        found = found.filter(search_key__contains=word)
    return found.order_by("-decided_on", "-pk")


def queue(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    return declarations.filter(status=Declaration.Status.SUBMITTED).order_by("due_on", "pk")


def current_warnings(declaration: Declaration, today: dt.date) -> list[str]:
    from tdc.conformity.services import _warning_message

    return [_warning_message(declaration, kind, today) for kind in warnings_due(declaration, today)]


def notices_for_gtin(gtin14: str) -> list[ProductNotice]:
    """The provider for the public product page: accepted declarations for this GTIN."""
    from django.urls import reverse

    return [
        ProductNotice(
            kind="declaration",
            title=f"{d.get_kind_display()} {d.standard.number} — số {d.receipt_number}",
            url=reverse("conformity:register_detail", args=[d.pk]),
            issued_on=d.decided_on,
            source=PUBLIC_SOURCE,
        )
        for d in public_declarations().filter(gtin=gtin14)
    ]


def processed_on_time_share(
    *, start: dt.date, end: dt.date, province_id: int | None
) -> tuple[int, int]:
    """(decided on time, decided) among declarations decided in the period."""
    decided = Declaration.objects.filter(
        decided_on__range=(start, end), due_on__isnull=False
    ).exclude(status=Declaration.Status.DRAFT)
    if province_id is not None:
        decided = decided.filter(organisation__province_id=province_id)
    pairs = list(decided.values_list("decided_on", "due_on"))
    return sum(1 for d, due in pairs if d is not None and due is not None and d <= due), len(pairs)
