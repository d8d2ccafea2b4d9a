"""The public data catalogue and its downloads (no login), and the administrator's
"regenerate now"."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, can, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.datasets import datasets
from tdc.opendata import access, queries, services
from tdc.reports.tables import CSV_CONTENT_TYPE

PREVIEW_ROWS = 20


def catalogue(request: HttpRequest) -> HttpResponse:
    published = queries.published()
    entries = [(d, published.get(d.key)) for d in datasets()]
    return render(
        request,
        "opendata/catalogue.html",
        {"entries": entries, "can_regenerate": can(request.user, Capability.MANAGE_OPEN_DATA)},
    )


def detail(request: HttpRequest, key: str) -> HttpResponse:
    dataset = access.get_dataset(key)
    published = queries.published_one(key)
    preview = []
    if published is not None:
        preview = json.loads(bytes(published.json))["rows"][:PREVIEW_ROWS]
    return render(
        request,
        "opendata/detail.html",
        {
            "dataset": dataset,
            "published": published,
            "preview": [
                [_shown(row.get(f.name), f.type) for f in dataset.fields] for row in preview
            ],
        },
    )


def _shown(value: object, field_type: str) -> object:
    """A preview cell as people read it: a date field's ISO value as dd/mm/yyyy (the files keep
    ISO 8601)."""
    if field_type == "date" and isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


def download(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    access.get_dataset(key)
    published = queries.published_one(key)
    if published is None:
        raise Http404
    if file_format == "csv":
        response = HttpResponse(bytes(published.csv), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(
            bytes(published.json), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{key}.{file_format}"'
    response["Last-Modified"] = published.generated_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may fetch it
    return response


@require_POST
@capability_required(Capability.MANAGE_OPEN_DATA)
def regenerate(request: AuthenticatedHttpRequest) -> HttpResponse:
    written = services.regenerate_all(by=request.user)
    messages.success(request, _("Đã cập nhật %(n)s bộ dữ liệu.") % {"n": written})
    return redirect("opendata:catalogue")
