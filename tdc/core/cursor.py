"""Keyset (cursor) pagination for the large registers of the JSON API.

A client pages through millions of rows at constant cost: each page is "the next `limit` rows
after the last one I saw" in a stable order (a timestamp, then the primary key, both
ascending), which an index on those two columns answers directly, whatever the page number —
unlike `?offset=`, which reads and throws away every row before the page.

    page = keyset_page(queryset, order=("updated_at", "pk"), cursor=cursor, limit=limit)
    return {"items": page.items, "next_cursor": page.next_cursor}

`next_cursor` is opaque to clients (base64 of the last row's key), None on the last page. A
cursor that does not decode is refused with a ValidationError (the API's 422). Pair it with
`changed_since(...)` so a national client fetches only what changed since its last run: it
keeps the time it started as its next `updated_after`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import F, Model, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _

from tdc.core.pagination import DEFAULT_LIMIT, MAX_LIMIT  # the API's one ceiling

M = TypeVar("M", bound=Model)
__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "KeysetPage", "changed_since", "keyset_page"]


@dataclass(frozen=True)
class KeysetPage(Generic[M]):
    items: list[M]
    next_cursor: str | None


def _encode(values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, dt.datetime | dt.date) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def _decode(cursor: str, count: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        values = None
    if not isinstance(values, list) or len(values) != count:
        raise ValidationError(_("Con trỏ trang (cursor) không hợp lệ."))
    return values


def _typed(value: Any, example_field: Any) -> Any:
    from django.db import models

    if isinstance(example_field, models.DateTimeField):
        if not isinstance(value, str):
            raise ValidationError(_("Con trỏ trang (cursor) không hợp lệ."))
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(_("Con trỏ trang (cursor) không hợp lệ.")) from None
    integer = isinstance(
        example_field, models.AutoField | models.BigAutoField | models.IntegerField
    )
    if integer and (
        not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**63
    ):
        raise ValidationError(_("Con trỏ trang (cursor) không hợp lệ."))
    return value


def rows_after(
    queryset: QuerySet[M], *, order: tuple[str, str], last: tuple[Any, Any]
) -> QuerySet[M]:
    """The rows after `last` in ascending `order`: a row comparison, (first, second) > (a, b),
    which PostgreSQL starts from the index on the pair; spelt `first > a OR (first = a AND
    second > b)` the planner cannot, and a deep page read every row before it. `first >= a`
    lets SQLite's expansion use it too."""
    first, second = order
    a, b = last
    after = TupleGreaterThan(Tuple(F(first), F(second)), (a, b))
    return queryset.filter(Q(**{f"{first}__gte": a}), after)


def keyset_page(
    queryset: QuerySet[M], *, order: tuple[str, str], cursor: str | None, limit: int
) -> KeysetPage[M]:
    """The page after `cursor` in ascending (`order[0]`, `order[1]`); `order[1]` unique."""
    first, second = order
    model = queryset.model
    fields = [
        model._meta.pk if name == "pk" else model._meta.get_field(name) for name in (first, second)
    ]
    if cursor:
        a, b = (_typed(v, f) for v, f in zip(_decode(cursor, 2), fields, strict=True))
        queryset = rows_after(queryset, order=order, last=(a, b))
    limit = max(1, min(limit, MAX_LIMIT))
    rows = list(queryset.order_by(first, second)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = _encode(
            [getattr(last, first), getattr(last, "pk" if second == "pk" else second)]
        )
    return KeysetPage(items=rows, next_cursor=next_cursor)


def changed_since(
    updated_after: dt.datetime | None, if_modified_since: str | None
) -> dt.datetime | None:
    """`?updated_after=` if given, else the `If-Modified-Since` header (HTTP date), else None."""
    if updated_after is not None:
        return updated_after
    if if_modified_since:
        seconds = parse_http_date_safe(if_modified_since)
        if seconds is not None:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    return None
