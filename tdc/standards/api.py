"""The catalogue and the TBT notifications over JSON (read-only, token required)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tdc.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from tdc.standards.models import Notification, Standard
from tdc.standards.queries import filter_notifications, search_standards

router = Router(tags=["standards"])


class StandardOut(Schema):
    id: int
    number: str
    kind: str
    title_vi: str
    title_en: str
    ics: list[str]
    hs: list[str]
    status: str
    replaced_by: str
    adoption: str
    issued_on: dt.date | None


class SearchOut(Schema):
    count: int
    items: list[StandardOut]


class TbtNotificationOut(Schema):
    id: int
    symbol: str
    kind: str
    member: str
    title: str
    hs: list[str]
    ics: list[str]
    comment_deadline: dt.date | None
    summary_vi: str


class SearchIn(Schema):
    q: str = Field("", max_length=200)
    status: str = Field("", max_length=20)
    kind: str = Field("", max_length=20)
    ics: str = Field("", max_length=20)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get("/", response=SearchOut)
def list_standards(request: HttpRequest, filters: Query[SearchIn]) -> dict[str, object]:
    """Ranked full-text search, as the catalogue page does it."""
    page = search_standards(
        filters.q,
        status=filters.status,
        kind=filters.kind,
        ics=filters.ics,
        limit=filters.limit,
        offset=filters.offset,
    )
    return {"count": page.total, "items": page.standards}


@router.get("/notifications", response=list[TbtNotificationOut])
@paginate
def list_notifications(
    request: HttpRequest,
    q: str = "",
    member: str = "",
    hs: str = "",
    ics: str = "",
    open_only: bool = False,
) -> QuerySet[Notification]:
    return filter_notifications(
        text=q[:200],
        member=member[:10],
        hs=hs[:12],
        ics=ics[:20],
        open_only=open_only,
        today=timezone.localdate(),
    )


@router.get("/{pk}", response=StandardOut)
def get_standard(request: HttpRequest, pk: int) -> Standard:
    return get_object_or_404(Standard, pk=pk)
