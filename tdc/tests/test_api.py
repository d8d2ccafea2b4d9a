"""The API as a whole (tdc/api.py): bounded pagination, JSON refusals, documented errors."""

from __future__ import annotations

import psycopg
import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.db import DataError, connection
from django.test import RequestFactory, override_settings

from tdc.accounts.services import issue_api_token
from tdc.api import api
from tdc.core.pagination import MAX_LIMIT, MAX_OFFSET
from tdc.tests.test_bad_input import data_error

INSTRUMENTS = "/api/v1/metrology/instruments"
HUGE = "99999999999999999999999"


@pytest.fixture
def bearer(officer):
    _token, key = issue_api_token(officer, name="kiểm thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _limit_error(response) -> list[tuple[str, ...]]:
    return [tuple(error["loc"]) for error in response.json()["detail"]]


def test_a_page_larger_than_the_maximum_is_refused(client, bearer):
    too_many = client.get(INSTRUMENTS, {"limit": 1_000_000}, **bearer)
    the_maximum = client.get(INSTRUMENTS, {"limit": MAX_LIMIT}, **bearer)

    assert too_many.status_code == 422
    assert _limit_error(too_many) == [("query", "limit")]
    assert the_maximum.status_code == 200


@pytest.mark.parametrize("offset", [str(MAX_OFFSET + 1), str(2**63), str(2**64), HUGE])
def test_an_offset_out_of_range_is_refused_not_a_server_error(client, bearer, offset):
    response = client.get(INSTRUMENTS, {"offset": offset}, **bearer)

    assert response.status_code == 422
    assert _limit_error(response) == [("query", "offset")]


def test_every_list_of_the_api_has_the_same_ceiling():
    schema = api.get_openapi_schema()
    limits = {
        path: next(p["schema"] for p in op["parameters"] if p["name"] == "limit")
        for path, item in schema["paths"].items()
        for op in item.values()
        if any(p["name"] == "limit" for p in op.get("parameters", []))
    }

    # Every module's lists are bounded alike; a few that must be there, whatever modules join.
    assert {
        "/api/v1/organisations/",
        "/api/v1/plans/",
        "/api/v1/complaints/",
        "/api/v1/metrology/instruments",
    } <= set(limits)
    assert {(s["maximum"], s["minimum"], s["default"]) for s in limits.values()} == {
        (MAX_LIMIT, 1, 100)
    }


@pytest.mark.parametrize(
    "query", [{"commune_id": HUGE}, {"owner_id": HUGE}, {"type_id": f"-{HUGE}"}]
)
def test_an_integer_too_large_for_the_database_is_never_a_server_error(client, bearer, query):
    response = client.get(INSTRUMENTS, query, **bearer)

    if connection.vendor == "sqlite":  # SQLite cannot bind it: OverflowError, answered 422
        assert response.status_code == 422
        assert response.json() == {"detail": ["Giá trị nằm ngoài phạm vi cho phép."]}
    else:  # PostgreSQL compares it as a numeric and finds nothing
        assert response.status_code == 200
        assert response.json() == {"items": [], "count": 0}


@pytest.mark.parametrize("debug", [False, True])
def test_a_refused_call_answers_json_403_in_every_mode(client, reporter, debug):
    _token, key = issue_api_token(reporter, name="kiểm thử")
    with override_settings(DEBUG=debug):
        response = client.get("/api/v1/metrology/dashboard", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "detail": "Chỉ cán bộ TĐC và lãnh đạo xem được bảng tổng hợp của tỉnh."
    }


@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_object_answers_json_404_in_every_mode(client, bearer, debug):
    with override_settings(DEBUG=debug):
        response = client.get(f"{INSTRUMENTS}/{HUGE}", **bearer)

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_does_not_exist_and_data_errors_have_json_answers_too(db):
    request = RequestFactory().get("/api/v1/")

    missing = api.on_exception(request, ObjectDoesNotExist("Instrument matching query"))
    out_of_range = api.on_exception(
        request, data_error(psycopg.errors.NumericValueOutOfRange("bigint out of range"))
    )
    too_long = data_error(psycopg.errors.StringDataRightTruncation("value too long"))

    assert (missing.status_code, missing.content) == (
        404,
        b'{"detail": "Kh\\u00f4ng t\\u00ecm th\\u1ea5y."}',
    )
    assert out_of_range.status_code == 422
    with pytest.raises(DataError):
        api.on_exception(request, too_long)


def test_the_openapi_document_lists_the_errors_of_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()

    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
    for path, item in schema["paths"].items():
        if path.startswith("/epcis/"):  # GS1's EPCIS binding: problem answers (traceability)
            continue
        for method, operation in item.items():
            responses = operation["responses"]
            expected = {"404", "422"} | ({"401", "403"} if operation.get("security") else set())
            assert expected <= set(responses), (method, path)
            for status in expected:
                content = responses[status]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/Error"}
    public_stamp = schema["paths"]["/api/v1/metrology/stamps/{stamp_number}"]["get"]
    assert set(public_stamp["responses"]) == {"200", "404", "422"}


@pytest.mark.parametrize("debug", [False, True])
def test_an_address_under_the_api_that_matches_nothing_is_a_json_404(client, bearer, debug):
    with override_settings(DEBUG=debug):
        response = client.get("/api/v1/plans/null,null", **bearer)

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_a_list_without_its_trailing_slash_is_still_redirected(client, bearer):
    response = client.get("/api/v1/organisations?limit=5", **bearer)

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/organisations/?limit=5"


def test_a_body_that_is_not_json_is_a_documented_400(client, bearer):
    response = client.post(
        INSTRUMENTS, data=b"\x00not json", content_type="application/json", **bearer
    )
    operation = api.get_openapi_schema()["paths"]["/api/v1/metrology/instruments"]["post"]

    assert response.status_code == 400
    assert set(response.json()) == {"detail"}
    assert 400 in operation["responses"]


def test_a_write_to_a_malformed_path_answers_json_404_not_the_csrf_page(officer):
    """Found by the fuzzer: `/plans/null,null/tasks` matches no route (the id is not a number),
    and the catch-all answered Django's HTML CSRF page (403) to a POST."""
    from django.test import Client

    from tdc.accounts.services import issue_api_token

    _token, key = issue_api_token(officer, name="t")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")

    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            "/api/v1/plans/null%2Cnull/tasks", "{}", content_type="application/json"
        )
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"detail": "Không tìm thấy."}
