"""The one JSON API: /api/v1/, token authentication, JSON errors. Apps add routers.

Every refusal answers JSON, whatever `DEBUG` says: 400 for a body that is not JSON, 401
without a valid token, 403 when the door refuses, 404 for "missing" and "not yours" alike
(and for any address under /api/ that matches no operation), 422 for input the schemas or
the services refuse (including integers too large for the database). The OpenAPI document lists
those answers on every operation, with one `Error` schema, so a generated client knows them.
"""

from __future__ import annotations

import logging
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer

from tdc.accounts.api import router as organisations_router
from tdc.accounts.queries import user_for_api_key
from tdc.capacity.api import router as capacity_router
from tdc.complaints.api import router as complaints_router
from tdc.conformity.api import router as conformity_router
from tdc.core.bad_input import is_out_of_range
from tdc.core.clean_input import CleanTextParser
from tdc.core.schema_errors import schema_problems
from tdc.exchange.oauth import scope_for
from tdc.exchange.queries import client_for_access_token
from tdc.exchange.services import record_client_call
from tdc.metrology.api import router as metrology_router
from tdc.national.api import router as national_router
from tdc.opendata.api import router as opendata_router
from tdc.plans.api import router as plans_router
from tdc.standards.api import router as standards_router
from tdc.surveillance.api import router as surveillance_router
from tdc.traceability.api import router as traceability_router
from tdc.traceability.openapi import merge_into as add_epcis_openapi

logger = logging.getLogger(__name__)

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "description": "A message, or the list of what was refused (422).",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {}}],
        }
    },
    "required": ["detail"],
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_DESCRIPTIONS = {
    400: "The request body is not valid JSON.",
    401: "Missing, unknown, expired or revoked token.",
    403: "The token's user may not do this, or the OAuth token lacks the scope.",
    404: "Not found, or not visible to the token's user.",
    422: "Invalid input, or refused by a business rule.",
}
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer …`: a person's revocable token (`tdc_…`), or an OAuth 2.0 access
    token a system obtained with its client credentials (`POST /api/oauth/token/`).

    A system acts as its own service account, so the same doors apply; on top, the call must be
    within the token's scopes (`<module>:read` for GET, `<module>:write` otherwise: 403
    otherwise), and each call is written to the audit log with the client's name."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_api_key(token)
        if user is None:
            found = client_for_access_token(token)
            if found is None:
                return None
            client, granted = found
            needed = scope_for(request.path, request.method or "GET")
            if needed is None or needed not in granted.split():
                raise HttpError(
                    403, _("Khóa truy cập không có phạm vi %(scope)s.") % {"scope": needed or "—"}
                )
            record_client_call(client, method=request.method or "", path=request.path, scope=needed)
            user = client.user
        request.user = user
        return user


class TdcNinjaAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document gives every operation its error answers."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for path_item in schema["paths"].values():
            for method, operation in path_item.items():
                if method in HTTP_METHODS:
                    _document_errors(operation)
        add_epcis_openapi(schema)  # /epcis/: GS1's REST binding, its own problem answers
        return schema


def _document_errors(operation: dict[str, Any]) -> None:
    statuses = [404, 422]
    if operation.get("security"):
        statuses = [401, 403, *statuses]
    if "requestBody" in operation:
        statuses = [400, *statuses]
    responses = operation.setdefault("responses", {})
    for status in statuses:
        responses.setdefault(
            status,
            {
                "description": ERROR_DESCRIPTIONS[status],
                "content": {"application/json": {"schema": ERROR_REF}},
            },
        )


api = TdcNinjaAPI(
    title="TĐC API",
    version="1",
    description="API của nền tảng TĐC: cùng quy tắc phân quyền với giao diện web.",
    auth=TokenAuth(),
    urls_namespace="api",
    parser=CleanTextParser(),  # every string of a body or query cleaned, as the pages do
    # Swagger UI sets inline styles; allow them on the docs page only (scripts stay 'self').
    docs_decorator=csp_update({"style-src": [SELF, UNSAFE_INLINE]}),
)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.messages}, status=422)


@api.exception_handler(SchemaValidationError)
def _schema_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    """Input that does not fit the schema: where, pydantic's type, and a Vietnamese message."""
    return api.create_response(request, {"detail": schema_problems(exc.errors)}, status=422)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Bạn không có quyền thực hiện thao tác này.")}, status=403
    )


def _not_found(request: HttpRequest, exc: object) -> HttpResponse:
    return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)


api.add_exception_handler(Http404, _not_found)
api.add_exception_handler(ObjectDoesNotExist, _not_found)


def _out_of_range(request: HttpRequest, exc: object) -> HttpResponse:
    # An integer too large for the database (SQLite: OverflowError; PostgreSQL: DataError).
    if isinstance(exc, DataError) and not is_out_of_range(exc):
        raise exc  # another data error is a bug: a 500, mailed to the administrators
    logger.warning("API input out of range: %s %s: %s", request.method, request.path, exc)
    return api.create_response(
        request, {"detail": [_("Giá trị nằm ngoài phạm vi cho phép.")]}, status=422
    )


api.add_exception_handler(OverflowError, _out_of_range)
api.add_exception_handler(DataError, _out_of_range)


@csrf_exempt  # it changes nothing; a POST to a malformed path gets JSON, not CSRF's HTML page
def api_not_found(request: HttpRequest) -> HttpResponse:
    """Any other address under /api/: the same JSON 404 as a missing object.

    As Django's APPEND_SLASH would, a GET of a list without its trailing slash is redirected.
    """
    with_slash = request.path_info + "/"
    if request.method in ("GET", "HEAD") and not request.path_info.endswith("/"):
        try:
            found = resolve(with_slash)
        except Resolver404:
            found = None
        if found is not None and found.func is not api_not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return _not_found(request, None)


api.add_router("/organisations/", organisations_router)
api.add_router("/plans/", plans_router)
api.add_router("/complaints/", complaints_router)
api.add_router("/metrology/", metrology_router)
api.add_router("/capacity/", capacity_router)
api.add_router("/surveillance/", surveillance_router)
api.add_router("/standards/", standards_router)
api.add_router("/conformity/", conformity_router)
api.add_router("/national/", national_router)
api.add_router("/opendata/", opendata_router)
api.add_router("/traceability/", traceability_router)
