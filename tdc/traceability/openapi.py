"""The OpenAPI description of the EPCIS 2.0 REST interface under /epcis/ (the subset of GS1's
OpenAPI binding TĐC implements), merged into the API's document (/api/v1/openapi.json) so a
generated client and the API fuzzer see it beside the rest of the API.

The views are plain Django views (`api.py`, see its docstring); this document says what they
answer: the status codes, the JSON-LD and problem content types and the shapes of the bodies.
"""

from __future__ import annotations

from typing import Any

from tdc.traceability.queries import EPC_ROLES, EQUAL_FILTERS, TIME_FILTERS

JSON_LD = "application/ld+json"
PROBLEM = "application/problem+json"
SECURITY: list[dict[str, list[str]]] = [{"TokenAuth": []}]

_STRING = {"type": "string"}
SCHEMAS: dict[str, Any] = {
    "EpcisProblem": {
        "title": "EpcisProblem",
        "description": "An RFC 7807 problem with the EPCIS binding's exception type.",
        "type": "object",
        "properties": {
            "type": _STRING,
            "title": _STRING,
            "status": {"type": "integer"},
            "errors": {"type": "array", "items": _STRING},
        },
        "required": ["type", "title", "status"],
    },
    "EpcisCaptureJob": {
        "title": "EpcisCaptureJob",
        "type": "object",
        "properties": {
            "captureID": _STRING,
            "createdAt": {"type": "string", "format": "date-time"},
            "finishedAt": {"type": "string", "format": "date-time"},
            "running": {"type": "boolean"},
            "success": {"type": "boolean"},
            "captureErrorBehaviour": {"type": "string", "enum": ["rollback"]},
            "errors": {"type": "array", "items": _STRING},
            "eventCount": {"type": "integer"},
            "newEventCount": {"type": "integer"},
            "errorDeclarationCount": {"type": "integer"},
        },
        "required": ["captureID", "running", "success", "eventCount"],
    },
    "EpcisDocument": {
        "title": "EpcisDocument",
        "description": (
            "An EPCIS 2.0 document in JSON-LD (full or simple context), as GS1's JSON Schema "
            "describes it; validated whole by the server."
        ),
        "type": "object",
        "additionalProperties": True,
    },
    "EpcisQueryDocument": {
        "title": "EpcisQueryDocument",
        "description": "An EPCISQueryDocument: the events found, in JSON-LD.",
        "type": "object",
        "properties": {
            "@context": {},
            "type": {"type": "string", "enum": ["EPCISQueryDocument"]},
            "schemaVersion": _STRING,
            "creationDate": _STRING,
            "epcisBody": {
                "type": "object",
                "properties": {
                    "queryResults": {
                        "type": "object",
                        "properties": {
                            "queryName": _STRING,
                            "resultsBody": {
                                "type": "object",
                                "properties": {
                                    "eventList": {"type": "array", "items": {"type": "object"}}
                                },
                                "required": ["eventList"],
                            },
                        },
                        "required": ["queryName", "resultsBody"],
                    }
                },
                "required": ["queryResults"],
            },
        },
        "required": ["type", "epcisBody"],
    },
    "EpcisNamedQuery": {
        "title": "EpcisNamedQuery",
        "type": "object",
        "properties": {
            "name": _STRING,
            "query": {"type": "object", "additionalProperties": True},
        },
        "required": ["name", "query"],
    },
    "EpcisNamedQueryList": {
        "title": "EpcisNamedQueryList",
        "type": "object",
        "properties": {
            "queries": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/EpcisNamedQuery"},
            }
        },
        "required": ["queries"],
    },
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": _ref("EpcisProblem")}}}


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON_LD: {"schema": _ref(schema)}}}


_DOOR = {
    "401": _problem("Missing, unknown, expired or revoked token."),
    "403": _problem("The token's user may not do this (a business only its own events)."),
    "404": _problem("Not found, or not visible to the token's user."),
}
_QUERY_REFUSED = _problem("A query parameter is not valid (QueryParameterException).")


def _query_parameters() -> list[dict[str, Any]]:
    names = ["eventType", *TIME_FILTERS, *EQUAL_FILTERS, *EPC_ROLES, "EQ_gtin", "EQ_lot"]
    parameters: list[dict[str, Any]] = [
        {
            "in": "query",
            "name": name,
            "required": False,
            "schema": {"type": "string"},
            "description": "One of the EPCIS 2.0 query parameters (see the README).",
        }
        for name in names
    ]
    parameters.append(
        {
            "in": "query",
            "name": "perPage",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
        }
    )
    parameters.append(
        {"in": "query", "name": "nextPageToken", "required": False, "schema": _STRING}
    )
    return parameters


def _name_parameter() -> dict[str, Any]:
    return {
        "in": "path",
        "name": "queryName",
        "required": True,
        "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    }


def _events_found(description: str) -> dict[str, Any]:
    ok = _ok(description, "EpcisQueryDocument")
    ok["headers"] = {"Link": {"description": "The next page (rel=next).", "schema": _STRING}}
    return ok


def epcis_openapi() -> dict[str, Any]:
    """The `paths` and component `schemas` to merge into the API's OpenAPI document."""
    tags = ["epcis"]
    paths: dict[str, Any] = {
        "/epcis/capture": {
            "post": {
                "operationId": "epcis_capture",
                "summary": "Capture an EPCIS document (accepted or refused whole)",
                "tags": tags,
                "security": SECURITY,
                "requestBody": {
                    "required": True,
                    "content": {
                        JSON_LD: {"schema": _ref("EpcisDocument")},
                        "application/json": {"schema": _ref("EpcisDocument")},
                    },
                },
                "responses": {
                    "202": {
                        **_ok("Accepted: every event stored (once).", "EpcisCaptureJob"),
                        "headers": {"Location": {"schema": _STRING}},
                    },
                    "400": _problem("Refused whole: every reason listed, nothing stored."),
                    "401": _DOOR["401"],
                    "403": _DOOR["403"],
                    "413": _problem("The document is over 20 MB."),
                },
            }
        },
        "/epcis/capture/{captureID}": {
            "get": {
                "operationId": "epcis_capture_detail",
                "summary": "The status of a capture",
                "tags": tags,
                "security": SECURITY,
                "parameters": [
                    {
                        "in": "path",
                        "name": "captureID",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "responses": {"200": _ok("The capture.", "EpcisCaptureJob"), **_DOOR},
            }
        },
        "/epcis/events": {
            "get": {
                "operationId": "epcis_events",
                "summary": "Events matching the EPCIS query parameters",
                "tags": tags,
                "security": SECURITY,
                "parameters": _query_parameters(),
                "responses": {
                    "200": _events_found("The events, as an EPCIS query document."),
                    "400": _QUERY_REFUSED,
                    "401": _DOOR["401"],
                    "403": _DOOR["403"],
                },
            }
        },
        "/epcis/queries": {
            "get": {
                "operationId": "epcis_queries",
                "summary": "The user's named queries",
                "tags": tags,
                "security": SECURITY,
                "responses": {
                    "200": _ok("The named queries.", "EpcisNamedQueryList"),
                    "401": _DOOR["401"],
                    "403": _DOOR["403"],
                },
            },
            "post": {
                "operationId": "epcis_query_create",
                "summary": "Save a named query",
                "tags": tags,
                "security": SECURITY,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("EpcisNamedQuery")}},
                },
                "responses": {
                    "201": {
                        **_ok("Saved.", "EpcisNamedQuery"),
                        "headers": {"Location": {"schema": _STRING}},
                    },
                    "400": _problem("Not JSON, or a name or parameter that is not valid."),
                    "401": _DOOR["401"],
                    "403": _DOOR["403"],
                    "409": _problem("A query of that name already exists."),
                },
            },
        },
        "/epcis/queries/{queryName}": {
            "get": {
                "operationId": "epcis_query_detail",
                "summary": "A named query",
                "tags": tags,
                "security": SECURITY,
                "parameters": [_name_parameter()],
                "responses": {"200": _ok("The named query.", "EpcisNamedQuery"), **_DOOR},
            },
            "delete": {
                "operationId": "epcis_query_delete",
                "summary": "Delete a named query",
                "tags": tags,
                "security": SECURITY,
                "parameters": [_name_parameter()],
                "responses": {"204": {"description": "Deleted."}, **_DOOR},
            },
        },
        "/epcis/queries/{queryName}/events": {
            "get": {
                "operationId": "epcis_query_events",
                "summary": "The events a named query finds",
                "tags": tags,
                "security": SECURITY,
                "parameters": [
                    _name_parameter(),
                    *[p for p in _query_parameters() if p["name"] in ("perPage", "nextPageToken")],
                ],
                "responses": {
                    "200": _events_found("The events, as an EPCIS query document."),
                    "400": _QUERY_REFUSED,
                    **_DOOR,
                },
            }
        },
    }
    return {"paths": paths, "schemas": SCHEMAS}


def merge_into(schema: dict[str, Any]) -> None:
    """Add the EPCIS paths and schemas to the API's OpenAPI document."""
    extra = epcis_openapi()
    schema.setdefault("paths", {}).update(extra["paths"])
    schema.setdefault("components", {}).setdefault("schemas", {}).update(extra["schemas"])
