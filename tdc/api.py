"""The one JSON API: /api/v1/, token authentication, one error handler. Apps add routers."""

from __future__ import annotations

from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer

from tdc.accounts.api import router as organisations_router
from tdc.accounts.queries import user_for_api_key
from tdc.complaints.api import router as complaints_router
from tdc.core.clean_input import CleanTextParser
from tdc.metrology.api import router as metrology_router
from tdc.plans.api import router as plans_router


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tdc_…` with a personal, revocable token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_api_key(token)
        if user is None:
            return None
        request.user = user
        return user


api = NinjaAPI(
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


api.add_router("/organisations/", organisations_router)
api.add_router("/plans/", plans_router)
api.add_router("/complaints/", complaints_router)
api.add_router("/metrology/", metrology_router)
