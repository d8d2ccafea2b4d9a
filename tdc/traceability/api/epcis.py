"""The EPCIS 2.0 REST interface (GS1's OpenAPI binding) under /epcis/: capture, events with the
standard's query parameters, named queries.

Plain Django views rather than a ninja router: the binding fixes the status codes (202 with a
`Location` for a capture, 413 for a document over the limit), the JSON-LD content type and the
problem bodies, and a capture's body must be read in bounded size before anything else. The
token authentication is the API's own (`tdc.api.TokenAuth`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tdc.accounts.capabilities import Capability, can
from tdc.api import TokenAuth
from tdc.traceability.epcis import MAX_DOCUMENT_BYTES
from tdc.traceability.epcis.reading import too_large
from tdc.traceability.models import NamedQuery
from tdc.traceability.queries import (
    captures_visible_to,
    events_visible_to,
    filter_events,
    named_queries_of,
    page_of_events,
    query_document,
)
from tdc.traceability.services import DocumentRejected, capture_document, save_named_query

JSON_LD = "application/ld+json"
VERSION_HEADERS = {"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0"}
View = Callable[..., HttpResponse]
_auth = TokenAuth()


def problem(
    status: int, title: str, *, kind: str, errors: list[str] | None = None, **extra: Any
) -> JsonResponse:
    """An RFC 7807 problem, with the exception names of the EPCIS binding."""
    body: dict[str, Any] = {"type": f"epcisException:{kind}", "title": title, "status": status}
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    response = JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )
    for key, value in VERSION_HEADERS.items():
        response[key] = value
    return response


def _document(data: dict[str, Any], *, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False}
    )
    for key, value in VERSION_HEADERS.items():
        response[key] = value
    return response


def epcis_endpoint(capability: Capability) -> Callable[[View], View]:
    """Token authentication (401), then the capability (403)."""

    def decorator(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = _auth(request)
            if not user:
                return problem(
                    401, _("Thiếu mã truy cập (token) hợp lệ."), kind="SecurityException"
                )
            if not can(request.user, capability):
                return problem(
                    403, _("Bạn không có quyền thực hiện thao tác này."), kind="SecurityException"
                )
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return problem(404, _("Không tìm thấy."), kind="NoSuchResourceException")
            except ValidationError as exc:
                return problem(
                    400,
                    _("Tham số truy vấn không hợp lệ."),
                    kind="QueryParameterException",
                    errors=exc.messages,
                )

        return wrapped

    return decorator


@require_http_methods(["POST"])
@epcis_endpoint(Capability.CAPTURE_EPCIS_EVENTS)
def capture(request: HttpRequest) -> HttpResponse:
    """POST /epcis/capture: an EPCIS document, accepted whole (202) or refused whole (400)."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    length = int(declared) if declared.isdigit() else 0
    if length > MAX_DOCUMENT_BYTES:
        return problem(
            413, too_large(length, MAX_DOCUMENT_BYTES), kind="CaptureLimitExceededException"
        )
    # Never more than the limit (+1, so that the reader can say it is over) into memory.
    raw = request.read(MAX_DOCUMENT_BYTES + 1)
    try:
        result = capture_document(raw, by=request.user, source="api")  # type: ignore[arg-type]
    except DocumentRejected as exc:
        return problem(
            400,
            _("Tài liệu EPCIS bị từ chối, không sự kiện nào được lưu."),
            kind="ValidationException",
            errors=exc.messages,
        )
    except ValidationError as exc:  # the account belongs to no business in a province
        return problem(403, " ".join(exc.messages), kind="SecurityException")
    job = result.capture
    response = _document(_capture_status(job), status=202)
    response["Location"] = reverse("epcis:capture_detail", args=[job.pk])
    response["GS1-Capture-Error-Behaviour"] = "rollback"
    return response


def _capture_status(job: Any) -> dict[str, Any]:
    return {
        "captureID": str(job.pk),
        "createdAt": job.created_at.isoformat(),
        "finishedAt": job.created_at.isoformat(),
        "running": False,
        "success": True,
        "captureErrorBehaviour": "rollback",
        "errors": [],
        "eventCount": job.event_count,
        "newEventCount": job.new_count,
        "errorDeclarationCount": job.declared_count,
    }


@require_http_methods(["GET"])
@epcis_endpoint(Capability.CAPTURE_EPCIS_EVENTS)
def capture_detail(request: HttpRequest, capture_id: str) -> HttpResponse:
    job = get_object_or_404(captures_visible_to(request.user), pk=capture_id)
    return _document(_capture_status(job))


@require_http_methods(["GET"])
@epcis_endpoint(Capability.QUERY_EPCIS_EVENTS)
def events(request: HttpRequest) -> HttpResponse:
    """GET /epcis/events?EQ_bizStep=shipping&MATCH_anyEPC=…: an EPCIS query document."""
    return _results(request, dict(request.GET.lists()))


def _results(
    request: HttpRequest, params: dict[str, list[str]], name: str = "SimpleEventQuery"
) -> HttpResponse:
    found = filter_events(events_visible_to(request.user), params)
    rows, token = page_of_events(found, params)
    response = _document(query_document(rows, query_name=name))
    if token:
        query = request.GET.copy()
        query["nextPageToken"] = token
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    return response


@require_http_methods(["GET", "POST"])
@epcis_endpoint(Capability.QUERY_EPCIS_EVENTS)
def queries(request: HttpRequest) -> HttpResponse:
    """GET: the user's named queries. POST {"name": …, "query": {param: value…}}: save one."""
    if request.method == "GET":
        return _document({"queries": [_query_json(q) for q in named_queries_of(request.user)]})
    try:
        data = json.loads(request.read(64 * 1024) or b"{}")
    except (ValueError, UnicodeDecodeError):
        return problem(400, _("Nội dung không phải JSON hợp lệ."), kind="ValidationException")
    if not isinstance(data, dict):
        return problem(400, _("Nội dung phải là một đối tượng JSON."), kind="ValidationException")
    try:
        saved = save_named_query(request.user, name=data.get("name"), parameters=data.get("query"))  # type: ignore[arg-type]
    except IntegrityError:
        return problem(
            409, _("Đã có truy vấn mang tên này."), kind="ResourceAlreadyExistsException"
        )
    response = _document(_query_json(saved), status=201)
    response["Location"] = reverse("epcis:query_detail", args=[saved.name])
    return response


def _query_json(named: NamedQuery) -> dict[str, Any]:
    return {"name": named.name, "query": named.parameters}


@require_http_methods(["GET", "DELETE"])
@epcis_endpoint(Capability.QUERY_EPCIS_EVENTS)
def query_detail(request: HttpRequest, name: str) -> HttpResponse:
    named = get_object_or_404(named_queries_of(request.user), name=name)
    if request.method == "DELETE":
        named.delete()
        return HttpResponse(status=204)
    return _document(_query_json(named))


@require_http_methods(["GET"])
@epcis_endpoint(Capability.QUERY_EPCIS_EVENTS)
def query_events(request: HttpRequest, name: str) -> HttpResponse:
    named = get_object_or_404(named_queries_of(request.user), name=name)
    params = {k: v if isinstance(v, list) else [str(v)] for k, v in named.parameters.items()}
    params.update(dict(request.GET.lists()))  # paging
    return _results(request, params, name=named.name)


@csrf_exempt  # any method, token or not: the same problem answer, never Django's CSRF page
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem(404, _("Không tìm thấy."), kind="NoSuchResourceException")
