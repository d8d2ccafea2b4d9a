"""The one pagination of the JSON API: limit/offset with a ceiling on both.

`NINJA_PAGINATION_CLASS` names this class, so every `@paginate` of every router uses it. A
`limit` above `MAX_LIMIT` or an `offset` above `MAX_OFFSET` (anything up to 2^63 and beyond)
is refused with 422 before a query is built, instead of growing a worker without bound or
overflowing the database's integer.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=` 1…500 (default 100), `?offset=` 0…10^9; the answer has `items` and `count`."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_limit", None)
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
