"""The EPCIS REST interface: capture, query with the standard's parameters, named queries,
tokens; every GS1 example captured, queried back and equal in meaning."""

import json

import pytest

from tdc.traceability.epcis import check_document, meaning
from tdc.traceability.models import Event
from tdc.traceability.tests.epcis.documents import ACCEPTED_EXAMPLES, EXAMPLES, event, raw
from tdc.traceability.tests.factories import auth, captured

pytestmark = pytest.mark.django_db


def _post(client, user, body, **extra):
    return client.post(
        "/epcis/capture", body, content_type="application/ld+json", **auth(user), **extra
    )


def _without_record_time(value):
    value.pop("recordTime", None)
    return value


@pytest.mark.parametrize("path", ACCEPTED_EXAMPLES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_round_trips_equal_in_meaning(client, business_user, path):
    sent = check_document(path.read_bytes())
    headers = auth(business_user)

    response = client.post(
        "/epcis/capture", path.read_bytes(), content_type="application/ld+json", **headers
    )
    assert response.status_code == 202, response.content
    returned = client.get("/epcis/events", {"perPage": 1000}, **headers)
    assert returned["Content-Type"] == "application/ld+json"
    back = check_document(returned.content)

    assert back.reasons == []
    # An error declaration restating an event of the same document is stored on that event.
    expected = {}
    for checked in sent.events:
        expected[checked.event_hash] = _without_record_time(meaning(checked.body, sent.context))
        if checked.error_declared_at is not None:
            expected[checked.event_hash] = _without_record_time(meaning(checked.body, sent.context))
    got = {
        checked.event_hash: _without_record_time(meaning(checked.body, back.context))
        for checked in back.events
    }
    assert got == expected


def test_capture_answers_with_a_capture_id_and_its_status(client, business_user):
    headers = auth(business_user)
    response = client.post(
        "/epcis/capture", raw(event()), content_type="application/ld+json", **headers
    )

    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == f"/epcis/capture/{body['captureID']}"
    assert response["GS1-EPCIS-Version"] == "2.0.0"
    assert (body["success"], body["running"], body["eventCount"], body["newEventCount"]) == (
        True,
        False,
        1,
        1,
    )
    status = client.get(response["Location"], **headers).json()
    assert status["captureID"] == body["captureID"]

    again = client.post(
        "/epcis/capture", raw(event()), content_type="application/ld+json", **headers
    )
    assert again.json()["newEventCount"] == 0
    assert Event.objects.count() == 1


def test_a_rejected_document_answers_400_with_every_reason_and_stores_nothing(
    client, business_user
):
    response = _post(client, business_user, raw(event(), event(action="MOVE"), event(bizStep="x")))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "epcisException:ValidationException",
        "title": "Tài liệu EPCIS bị từ chối, không sự kiện nào được lưu.",
        "status": 400,
        "errors": [
            "sự kiện 2 (ObjectEvent): action: “MOVE” không nằm trong các giá trị cho phép "
            "(OBSERVE, ADD, DELETE)",
            "sự kiện 3 (ObjectEvent): bizStep: “x” không thuộc từ vựng CBV 2.0",
        ],
    }
    assert Event.objects.count() == 0
    assert _post(client, business_user, b"{not json").json()["errors"] == [
        "không phải JSON hợp lệ (dòng 1, cột 2)"
    ]


def test_a_100_mb_document_is_refused_from_its_declared_length(client, business_user):
    response = _post(client, business_user, b"{}", CONTENT_LENGTH=str(100 * 1024 * 1024))

    assert response.status_code == 413
    assert response.json()["title"] == (
        "tài liệu dài 104.857.600 byte, quá giới hạn 20.971.520 byte"
    )


def test_tokens_and_capabilities(client, business_user, officer):
    assert (
        client.post("/epcis/capture", raw(), content_type="application/ld+json").status_code == 401
    )
    assert client.get("/epcis/events", HTTP_AUTHORIZATION="Bearer tdc_wrong").status_code == 401
    # Officers read their province's events; only a business captures its own.
    refused = _post(client, officer, raw())
    assert refused.status_code == 403
    assert refused.json()["type"] == "epcisException:SecurityException"
    assert client.get("/epcis/events", **auth(officer)).status_code == 200
    assert client.get("/epcis/nothing-here", **auth(officer)).status_code == 404


def test_query_parameters_of_the_standard(client, business_user):
    captured(
        business_user,
        event(),
        event(
            bizStep="receiving",
            disposition="in_progress",
            eventTime="2026-12-01T08:00:00+07:00",
            readPoint={"id": "urn:epc:id:sgln:8934588.00002.0"},
        ),
        event(
            type="AggregationEvent",
            action="ADD",
            epcList=None,
            bizStep="packing",
            disposition=None,
            parentID="urn:epc:id:sscc:8934588.0000000001",
            childEPCs=["urn:epc:id:sgtin:8934588.006306.1001"],
        ),
        event(
            epcList=None,
            bizStep="commissioning",
            action="ADD",
            disposition="active",
            quantityList=[
                {
                    "epcClass": "urn:epc:class:lgtin:8934588.006306.L2611",
                    "quantity": 12.5,
                    "uom": "KGM",
                }
            ],
        ),
    )
    headers = auth(business_user)

    def steps(**params):
        response = client.get("/epcis/events", params, **headers)
        assert response.status_code == 200, response.content
        events = response.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
        return [e["bizStep"] for e in events]

    assert steps() == ["shipping", "packing", "commissioning", "receiving"]
    assert steps(EQ_bizStep="receiving|https://ref.gs1.org/cbv/BizStep-packing") == [
        "packing",
        "receiving",
    ]
    assert steps(eventType="AggregationEvent") == ["packing"]
    assert steps(GE_eventTime="2026-12-01T00:00:00Z") == ["receiving"]
    assert steps(LT_eventTime="2026-11-30T01:00:00.001Z") == [
        "shipping",
        "packing",
        "commissioning",
    ]
    assert steps(EQ_disposition="in_progress") == ["receiving"]
    assert steps(EQ_readPoint="https://id.gs1.org/414/8934588000027") == ["receiving"]
    assert steps(MATCH_epc="https://id.gs1.org/01/08934588063060/21/1001") == [
        "shipping",
        "receiving",
    ]
    assert steps(MATCH_anyEPC="urn:epc:id:sgtin:8934588.006306.1001") == [
        "shipping",
        "packing",
        "receiving",
    ]
    assert steps(MATCH_parentID="urn:epc:id:sscc:8934588.0000000001") == ["packing"]
    assert steps(MATCH_anyEPCClass="https://id.gs1.org/01/08934588063060/10/L2611") == [
        "commissioning"
    ]
    assert steps(EQ_gtin="8934588063060", EQ_lot="L2611") == ["commissioning"]
    assert steps(EQ_action="ADD") == ["packing", "commissioning"]


def test_paging_with_a_next_page_token(client, business_user):
    captured(business_user, *[event(eventTime=f"2026-11-30T0{h}:00:00+07:00") for h in range(1, 6)])
    headers = auth(business_user)

    first = client.get("/epcis/events", {"perPage": 2}, **headers)
    link = first["Link"]
    assert link.startswith("</epcis/events?perPage=2&nextPageToken=")
    second = client.get(link[1 : link.index(">")], **headers)
    times = [
        e["eventTime"][11:13]
        for page in (first, second)
        for e in page.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    ]
    assert times == ["01", "02", "03", "04"]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"EQ_colour": "red"}, "tham số truy vấn “EQ_colour” không được hỗ trợ"),
        (
            {"GE_eventTime": "hôm qua"},
            "GE_eventTime: “hôm qua” không phải thời điểm theo RFC 3339 (có múi giờ)",
        ),
        ({"perPage": "0"}, "perPage phải từ 1 đến 1000"),
        ({"perPage": "many"}, "perPage phải là một số nguyên"),
        ({"nextPageToken": "%%%"}, "nextPageToken không hợp lệ"),
        ({"eventType": "HarvestEvent"}, "eventType: “HarvestEvent” không phải loại sự kiện EPCIS"),
        ({"EQ_gtin": "123"}, "Mã GTIN “123” phải gồm 8, 12, 13 hoặc 14 chữ số."),
    ],
)
def test_bad_query_parameters_answer_400(client, officer, params, error):
    response = client.get("/epcis/events", params, **auth(officer))

    assert response.status_code == 400
    assert response.json()["errors"] == [error]


def test_a_business_queries_only_its_own_events(client, business_user, other_business_user):
    captured(other_business_user, event())

    body = client.get("/epcis/events", **auth(business_user)).json()

    assert body["epcisBody"]["queryResults"]["resultsBody"]["eventList"] == []


def test_named_queries(client, business_user, other_business_user):
    captured(business_user, event(), event(bizStep="receiving"))
    headers = auth(business_user)

    created = client.post(
        "/epcis/queries",
        json.dumps({"name": "hang-di", "query": {"EQ_bizStep": ["shipping"]}}),
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    assert created["Location"] == "/epcis/queries/hang-di"
    duplicate = client.post(
        "/epcis/queries",
        json.dumps({"name": "hang-di", "query": {}}),
        content_type="application/json",
        **headers,
    )
    assert duplicate.status_code == 409, duplicate.content
    bad = client.post(
        "/epcis/queries",
        json.dumps({"name": "x", "query": {"EQ_colour": "red"}}),
        content_type="application/json",
        **headers,
    )
    assert bad.json()["errors"] == ["tham số truy vấn “EQ_colour” không được hỗ trợ"]

    results = client.get("/epcis/queries/hang-di/events", **headers).json()
    assert results["epcisBody"]["queryResults"]["queryName"] == "hang-di"
    assert [
        e["bizStep"] for e in results["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    ] == ["shipping"]
    assert client.get("/epcis/queries", **headers).json() == {
        "queries": [{"name": "hang-di", "query": {"EQ_bizStep": ["shipping"]}}]
    }
    # Another user's queries are not there at all.
    assert client.get("/epcis/queries/hang-di", **auth(other_business_user)).status_code == 404
    assert client.delete("/epcis/queries/hang-di", **headers).status_code == 204
    assert client.get("/epcis/queries/hang-di", **headers).status_code == 404


def test_a_business_account_without_a_province_cannot_capture(client, business_user):
    business_user.organisation.province = None
    business_user.organisation.save()

    response = _post(client, business_user, raw())

    assert response.status_code == 403
    assert response.json()["title"] == "Tài khoản chưa thuộc một doanh nghiệp trong tỉnh."


def test_the_api_document_describes_the_epcis_interface(client):
    document = client.get("/api/v1/openapi.json").json()
    operations = {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        if path.startswith("/epcis/")
        for method in item
    }
    assert operations == {
        "POST /epcis/capture",
        "GET /epcis/capture/{captureID}",
        "GET /epcis/events",
        "GET /epcis/queries",
        "POST /epcis/queries",
        "GET /epcis/queries/{queryName}",
        "DELETE /epcis/queries/{queryName}",
        "GET /epcis/queries/{queryName}/events",
    }
    events = document["paths"]["/epcis/events"]["get"]
    assert {"EQ_bizStep", "MATCH_anyEPC", "EQ_gtin", "EQ_lot", "GE_eventTime"} <= {
        p["name"] for p in events["parameters"]
    }
    assert events["responses"]["400"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/EpcisProblem"}}
    }
    assert "EpcisQueryDocument" in document["components"]["schemas"]


def test_an_unknown_capture_or_query_answers_a_problem_not_a_page(client, business_user):
    headers = auth(business_user)
    for path in (
        "/epcis/capture/5f0c6c1e-7d1b-4f5e-9a59-1d6f3c0f7a11",
        "/epcis/queries/khong-co",
        "/epcis/queries/khong-co/events",
    ):
        response = client.get(path, **headers)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["type"] == "epcisException:NoSuchResourceException"


def test_a_delete_of_an_address_that_is_no_query_answers_a_problem(business_user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)  # as a real client: no CSRF cookie
    response = strict.delete("/epcis/queries/%C2%84", **auth(business_user))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
