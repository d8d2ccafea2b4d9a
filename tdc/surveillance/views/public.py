"""The public side: published warnings (a mobile page), their Atom feed, the search by name,
brand or barcode, and "is there a warning for this barcode?". No login, no drafts."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tdc.core.text import shorten
from tdc.surveillance import access, queries
from tdc.surveillance.forms import GtinForm, SearchForm
from tdc.surveillance.models import ConsumerWarning
from tdc.surveillance.rules.gtin import gtin14
from tdc.surveillance.views.common import photo_response, warning_photos

FEED_SIZE = 50


@require_GET
def public_warnings(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    warnings = queries.published_warnings()
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            warnings = queries.search_published_warnings(query)
    page = Paginator(warnings, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "surveillance/public_warnings.html",
        {"form": form, "page": page, "query": query, "gtin_form": GtinForm()},
    )


@require_GET
def public_warning(request: HttpRequest, reference: str) -> HttpResponse:
    warning = access.get_public_warning(reference)
    return render(
        request,
        "surveillance/public_warning.html",
        {"warning": warning, "photos": warning_photos(warning, public=True)},
    )


@require_GET
def public_warning_photo(request: HttpRequest, reference: str, which: str) -> HttpResponse:
    """The product's or the sample's photo of a published warning; nothing for a draft, a
    withdrawn warning, or a photo of a record the warning does not show."""
    warning = access.get_public_warning(reference)
    if which == "san-pham":
        return photo_response(warning.product.photo, public=True)
    if which == "mau" and warning.sample is not None:
        return photo_response(warning.sample.photo, public=True)
    raise Http404


@require_GET
def public_gtin(request: HttpRequest) -> HttpResponse:
    """A scanned or typed barcode: the warnings for it, or a plain "none"."""
    form = GtinForm(request.GET or None)
    gtin = None
    warnings: list[ConsumerWarning] = []
    if form.is_valid():
        try:
            gtin = gtin14(form.cleaned_data["gtin"])
        except ValidationError as error:
            form.add_error("gtin", error)
        else:
            warnings = list(queries.warnings_for_gtin(gtin))
    return render(
        request,
        "surveillance/public_gtin.html",
        {"form": form, "gtin": gtin, "warnings": warnings},
    )


class WarningFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = gettext_lazy("Cảnh báo chất lượng sản phẩm, hàng hóa")
    subtitle = gettext_lazy("Các cảnh báo người tiêu dùng đã công bố")

    def link(self) -> str:
        return reverse("surveillance:public_warnings")

    def items(self) -> Any:
        return queries.published_warnings()[:FEED_SIZE]

    def item_title(self, item: ConsumerWarning) -> str:
        return item.title

    def item_description(self, item: ConsumerWarning) -> str:
        return shorten(f"{item.get_risk_level_display()}. {item.hazard}", 400)

    def item_link(self, item: ConsumerWarning) -> str:
        return item.get_public_url()

    def item_pubdate(self, item: ConsumerWarning) -> Any:
        return item.published_at

    def item_updateddate(self, item: ConsumerWarning) -> Any:
        return item.updated_at

    def item_guid(self, item: ConsumerWarning) -> str:
        return item.reference


public_feed = require_GET(WarningFeed())
