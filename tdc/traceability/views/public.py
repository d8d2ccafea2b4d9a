"""The GS1 Digital Link resolver: /01/{gtin}[/10/{lot}][/21/{serial}], the public product page
(mobile first), link types and `linkType=all` as a linkset (RFC 9264)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tdc.core.changes import change_tokens
from tdc.core.products import NOTICES_CHANGES, product_notices
from tdc.traceability.gs1 import IdentifierError, normalise_gtin, normalise_lot, normalise_serial
from tdc.traceability.gs1.links import DigitalLink
from tdc.traceability.journey import journey_of
from tdc.traceability.models import Lot, Product
from tdc.traceability.queries import published_lot_of, published_product
from tdc.traceability.services import count_page_scan
from tdc.traceability.services.capture import PAGES_CHANGES

GS1_VOC = "https://gs1.org/voc/"
LINK_TYPES = ("gs1:pip", "gs1:traceability", "gs1:certificationInfo", "gs1:defaultLink")


@require_GET
def resolve(request: HttpRequest, gtin: str, lot: str = "", serial: str = "") -> HttpResponse:
    try:
        gtin14 = normalise_gtin(gtin)
        lot_number = normalise_lot(unquote(lot)) if lot else ""
        serial_number = normalise_serial(unquote(serial)) if serial else ""
    except IdentifierError as exc:
        return render(request, "traceability/public_error.html", {"message": str(exc)}, status=400)
    link = DigitalLink(gtin=gtin14, lot=lot_number, serial=serial_number)
    if gtin != gtin14:  # a GTIN-8/12/13 in the path: the canonical 14-digit link
        return HttpResponseRedirect(link.path() + _query(request))
    link_type = request.GET.get("linkType", "")
    # Both versions, read from the database in one query on every request: a producer's write
    # (pages) or a new warning (token) made in any process shows on this very request.
    pages, token = change_tokens(PAGES_CHANGES, NOTICES_CHANGES)
    plain = not link_type and "application/linkset+json" not in request.headers.get("Accept", "")
    # The page is the same for every visitor (no session, no form, no nonce): the rendered
    # HTML is kept under both versions, so it is never served after either changed.
    html_key = (
        f"traceability:html:{pages}:{token}:{get_language() or ''}:"
        f"{gtin14}:{lot_number}:{serial_number}"
    )
    if plain:
        rendered = cache.get(html_key)
        if rendered is not None:
            html, known = rendered
            if known:
                count_page_scan(gtin14)
            return HttpResponse(html)
    product, lot_record, steps, places = _page_data(pages, gtin14, lot_number, serial_number)
    notices = product_notices(gtin14, token=token)  # cached until a provider's data changes
    if link_type == "all" or "application/linkset+json" in request.headers.get("Accept", ""):
        return _linkset(request, link, product, notices)
    if link_type and link_type not in ("gs1:pip", "gs1:defaultLink", f"{GS1_VOC}pip"):
        target = _links(request, link, product, notices).get(_full(link_type))
        if not target:
            return render(
                request,
                "traceability/public_error.html",
                {
                    "message": _("Không có liên kết loại “%(t)s” cho sản phẩm này.")
                    % {"t": link_type}
                },
                status=404,
            )
        return HttpResponseRedirect(target[0]["href"])
    if product is None and not notices:
        return render(
            request,
            "traceability/public_error.html",
            {"message": _("Không tìm thấy sản phẩm có mã GTIN %(gtin)s.") % {"gtin": gtin14}},
            status=404,
        )
    if product is not None:
        count_page_scan(gtin14)
    response = render(
        request,
        "traceability/public_product.html",
        {
            "product": product,
            "gtin": gtin14,
            "lot": lot_record,
            "lot_number": lot_number,
            "serial": serial_number,
            "notices": notices,
            "serious": [n for n in notices if n.serious],
            "others": [n for n in notices if not n.serious],
            "steps": steps,
            "places": places,
        },
    )
    cache.set(html_key, (response.content.decode(), product is not None), PAGE_SECONDS)
    return response


PAGE_SECONDS = 30


def _page_data(
    pages: str, gtin14: str, lot: str, serial: str
) -> tuple[Product | None, Lot | None, Any, Any]:
    """The producer's part of the page, cached briefly: the busiest public page, read by
    everyone who scans a label, changes only when a producer writes — and every write replaces
    the pages' change token (`pages`, read from the database on this request), so every process
    shows it on its next request."""
    key = f"traceability:page:{pages}:{gtin14}:{lot}:{serial}"
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    lot_record = published_lot_of(gtin14, lot) if lot else None
    product = lot_record.product if lot_record else published_product(gtin14)
    steps, places = journey_of(product, lot=lot, serial=serial) if product else ([], [])
    data = (product, lot_record, steps, places)
    cache.set(key, data, PAGE_SECONDS)
    return data


def _query(request: HttpRequest) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"?{query}" if query else ""


def _full(link_type: str) -> str:
    return GS1_VOC + link_type.removeprefix("gs1:") if link_type.startswith("gs1:") else link_type


def _links(
    request: HttpRequest, link: DigitalLink, product: Product | None, notices: list[Any]
) -> dict[str, list[dict[str, str]]]:
    page = request.build_absolute_uri(link.path())
    links: dict[str, list[dict[str, str]]] = {}
    if product is not None:
        title = product.name
        links[f"{GS1_VOC}pip"] = [{"href": page, "title": title, "hreflang": "vi"}]
        links[f"{GS1_VOC}defaultLink"] = [{"href": page, "title": title}]
        if link.lot or link.serial:
            links[f"{GS1_VOC}traceability"] = [
                {"href": page + "#hanh-trinh", "title": _("Hành trình của lô hàng")}
            ]
    certifications = [n for n in notices if n.kind in ("certification", "declaration")]
    if certifications:
        links[f"{GS1_VOC}certificationInfo"] = [
            {"href": request.build_absolute_uri(n.url), "title": n.title} for n in certifications
        ]
    return links


def _linkset(
    request: HttpRequest, link: DigitalLink, product: Product | None, notices: list[Any]
) -> JsonResponse:
    anchor = settings.SITE_URL.rstrip("/") + link.path()
    body = {"linkset": [{"anchor": anchor, **_links(request, link, product, notices)}]}
    return JsonResponse(
        body, content_type="application/linkset+json", json_dumps_params={"ensure_ascii": False}
    )
