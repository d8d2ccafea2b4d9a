"""A number in a URL too large for the database is the visitor's mistake: 400, not 500.

Django refuses out-of-range integers in most lookups, but not all (a foreign key compared by
its `_id`, a slice offset): SQLite then raises `OverflowError` while binding the parameter,
PostgreSQL a `DataError` with SQLSTATE 22003 ("bigint out of range"); other data errors
stay server errors, as the bugs they are. Rather than guard every view that turns a
query-string value into an integer, this middleware answers those two errors, wherever a
view raises them, with the 400 page. The JSON API has its own handlers in `tdc/api.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

NUMERIC_VALUE_OUT_OF_RANGE = "22003"  # SQLSTATE


def is_out_of_range(error: BaseException) -> bool:
    """True for an integer the database cannot take: not a bug, a visitor's input."""
    if isinstance(error, OverflowError):
        return True
    if isinstance(error, DataError):
        return getattr(error.__cause__, "sqlstate", None) == NUMERIC_VALUE_OUT_OF_RANGE
    return False


class OutOfRangeInputMiddleware:
    """Turn an `OverflowError` or an out-of-range `DataError` raised by a view into a 400 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_out_of_range(exception):
            return None
        logger.warning("input out of range: %s %s: %s", request.method, request.path, exception)
        return HttpResponse(render_to_string("400.html", request=request), status=400)
