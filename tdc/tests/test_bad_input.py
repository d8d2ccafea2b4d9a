"""An integer too large for the database in a page's query string: a 400 page, never a 500."""

from __future__ import annotations

import psycopg
import pytest
from django.db import DataError, connection
from django.http import HttpResponse
from django.test import RequestFactory

from tdc.core.bad_input import OutOfRangeInputMiddleware

HUGE = "99999999999999999999999"


# SQLite cannot bind such a number (OverflowError: the 400 page); PostgreSQL compares it as a
# numeric and finds nothing (the normal page). Never a 500.
SQLITE = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite refuses to bind the number"
)


@pytest.mark.django_db
def test_an_integer_the_database_cannot_bind_answers_400_in_vietnamese():
    def view_that_binds_a_huge_number(request):
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    middleware = OutOfRangeInputMiddleware(view_that_binds_a_huge_number)
    request = RequestFactory().get("/phan-anh/xa-phuong/", {"province": HUGE})

    response = middleware.process_exception(request, OverflowError("too large"))

    assert response is not None
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@SQLITE
def test_a_signed_in_page_with_a_huge_plan_answers_400(client, officer):
    client.force_login(officer)

    response = client.get("/ke-hoach/chi-tieu/", {"plan": HUGE})

    assert response.status_code == 400
    assert "nằm ngoài phạm vi cho phép" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "params"),
    [("/phan-anh/xa-phuong/", {"province": HUGE}), ("/ke-hoach/chi-tieu/", {"plan": HUGE})],
)
def test_a_huge_number_is_never_a_server_error(client, officer, url, params):
    client.force_login(officer)

    assert client.get(url, params).status_code in {200, 400}


def test_a_normal_value_still_gives_the_page(client, province):
    assert client.get("/phan-anh/xa-phuong/", {"province": str(province.pk)}).status_code == 200


def data_error(cause: Exception) -> DataError:
    """A DataError as Django raises it from psycopg: the driver's error as its cause."""
    error = DataError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.django_db
def test_a_postgresql_range_error_is_a_400_and_other_errors_stay_errors():
    middleware = OutOfRangeInputMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/", {"offset": HUGE})

    out_of_range = data_error(psycopg.errors.NumericValueOutOfRange("bigint out of range"))
    too_long = data_error(psycopg.errors.StringDataRightTruncation("value too long"))
    response = middleware.process_exception(request, out_of_range)

    assert response is not None
    assert response.status_code == 400
    assert middleware.process_exception(request, too_long) is None
    assert middleware.process_exception(request, ValueError("a bug")) is None
