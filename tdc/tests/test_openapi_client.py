"""A generic client driven only by the OpenAPI document works against the API: it finds each
operation by its `operationId`, fills the path, sends the call, and checks every answer —
success and error alike — against the schema the document declares for that status.

The round trip is a national system's: OAuth 2.0 client credentials, register an instrument,
read it, change it, page through the feed, and the documented errors.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import pytest

from tdc.exchange.services import issue_client

pytestmark = pytest.mark.django_db


@dataclass
class Answer:
    status: int
    body: Any


class OpenApiClient:
    """Knows nothing of TĐC but its OpenAPI document."""

    def __init__(self, document: dict[str, Any], transport: Any, token: str) -> None:
        self.document = document
        self.transport = transport
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        self.operations: dict[str, tuple[str, str, dict[str, Any]]] = {}
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    assert operation["operationId"] not in self.operations
                    self.operations[operation["operationId"]] = (method, path, operation)

    def _check(self, operation: dict[str, Any], status: int, body: Any) -> None:
        declared = operation["responses"].get(str(status)) or operation["responses"].get(status)
        assert declared is not None, f"status {status} is not documented"
        content = (declared.get("content") or {}).get("application/json")
        if content is None:
            return
        schema = {**content["schema"], "components": self.document["components"]}
        jsonschema_rs.Draft202012Validator(schema).validate(body)

    def call(
        self,
        operation_id: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        **path: Any,
    ) -> Answer:
        method, template, operation = self.operations[operation_id]
        url = template.format(**path)
        kwargs: dict[str, Any] = dict(self.headers)
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        elif query:
            kwargs["data"] = query
        response = getattr(self.transport, method)(url, **kwargs)
        parsed = response.json() if response.content else None
        self._check(operation, response.status_code, parsed)
        return Answer(response.status_code, parsed)


def _operation_id(client: OpenApiClient, method: str, path: str) -> str:
    return next(oid for oid, (m, p, _o) in client.operations.items() if (m, p) == (method, path))


def test_a_generic_client_round_trip(client, admin_user, business, province):
    from tdc.metrology.tests.factories import FUEL, CommuneFactory, kind

    commune = CommuneFactory(province=province)
    system, secret = issue_client(
        name="Hệ thống của doanh nghiệp", organisation=business, role="business_user",
        scopes=["metrology:read", "metrology:write"], by=admin_user,
    )  # fmt: skip
    basic = base64.b64encode(f"{system.client_id}:{secret}".encode()).decode()
    token = client.post(
        "/api/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    ).json()["access_token"]
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["version"] == "1"
    api = OpenApiClient(document, client, token)

    create = _operation_id(api, "post", "/api/v1/metrology/instruments")
    read = _operation_id(api, "get", "/api/v1/metrology/instruments/{pk}")
    edit = _operation_id(api, "patch", "/api/v1/metrology/instruments/{pk}")
    feed = _operation_id(api, "get", "/api/v1/metrology/instruments/feed")

    made = api.call(create, body={
        "owner_id": business.pk, "type_id": kind(FUEL).pk, "serial": "RT-1", "commune_id": commune.pk,
    })  # fmt: skip
    assert made.status == 201
    got = api.call(read, pk=made.body["id"])
    assert (got.status, got.body["serial"]) == (200, "RT-1")
    changed = api.call(edit, pk=made.body["id"], body={"address": "Số 1 Trần Phú"})
    assert changed.body["address"] == "Số 1 Trần Phú"
    page = api.call(feed, query={"limit": 10})
    assert [i["serial"] for i in page.body["items"]] == ["RT-1"]
    assert page.body["next_cursor"] is None
    # The documented errors, with the Error schema.
    assert api.call(read, pk=999999999).status == 404
    refused = api.call(create, body={"owner_id": business.pk})
    assert refused.status == 422
    assert refused.body["detail"]
    bad_cursor = api.call(feed, query={"cursor": "%%%"})
    assert bad_cursor.status == 422
    # Out of the client's scopes: a documented 403.
    organisations = _operation_id(api, "get", "/api/v1/organisations/")
    assert api.call(organisations).status == 403
