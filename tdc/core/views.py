from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tdc.core.registry import home_panels_for, public_links


def home(request: HttpRequest) -> HttpResponse:
    """Staff: what they must do and how things stand. Everyone else: the province's public
    services (report a violation, follow a report, check a stamp, statistics) and the login."""
    if not request.user.is_authenticated:
        return render(request, "core/public_home.html", {"services": public_links()})
    return render(request, "core/home.html", {"panels": home_panels_for(request)})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them the local icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
