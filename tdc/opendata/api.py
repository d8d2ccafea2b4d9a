"""Open data through the API (/api/v1/opendata/…): the catalogue and each dataset's rows as
published by the last regeneration — public, like the pages (no token needed); the
administrator's "regenerate now" needs MANAGE_OPEN_DATA."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import User
from tdc.core.datasets import datasets
from tdc.opendata import access, queries, services

router = Router(tags=["opendata"])


class OpenDatasetFieldOut(Schema):
    name: str
    label: str
    type: str


class OpenDatasetOut(Schema):
    key: str
    title: str
    description: str
    licence: str
    source: str
    fields: list[OpenDatasetFieldOut]
    row_count: int | None
    generated_at: dt.datetime | None
    csv_url: str
    json_url: str


class OpenDataRegeneratedOut(Schema):
    written: int


def _entry(key: str) -> dict[str, Any]:
    dataset = access.get_dataset(key)
    published = queries.published_one(key)
    return {
        "key": dataset.key,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": str(dataset.licence),
        "source": dataset.source,
        "fields": [{"name": f.name, "label": str(f.label), "type": f.type} for f in dataset.fields],
        "row_count": published.row_count if published else None,
        "generated_at": published.generated_at if published else None,
        "csv_url": reverse("opendata:download_csv", args=[dataset.key]),
        "json_url": reverse("opendata:download_json", args=[dataset.key]),
    }


@router.get("/datasets", response=list[OpenDatasetOut], auth=None)
def list_open_datasets(request: HttpRequest) -> list[dict[str, Any]]:
    """The data catalogue: every public dataset, its fields, licence and last update."""
    return [_entry(d.key) for d in datasets()]


@router.get("/datasets/{key}", response=OpenDatasetOut, auth=None)
def get_open_dataset(request: HttpRequest, key: str) -> dict[str, Any]:
    return _entry(key)


@router.get("/datasets/{key}/rows", response=list[dict[str, Any]], auth=None)
@paginate
def open_dataset_rows(request: HttpRequest, key: str) -> list[dict[str, Any]]:
    """The rows as last published (the same as the JSON download), paginated."""
    access.get_dataset(key)
    published = queries.published_one(key)
    if published is None:
        raise Http404
    rows: list[dict[str, Any]] = json.loads(bytes(published.json))["rows"]
    return rows


@router.post("/regenerate", response=OpenDataRegeneratedOut)
def regenerate_open_data(request: HttpRequest) -> dict[str, int]:
    """Regenerate every dataset now (the scheduled job does it every night)."""
    user = request.user
    if not isinstance(user, User) or not can(user, Capability.MANAGE_OPEN_DATA):
        raise HttpError(403, _("Bạn không có quyền cập nhật dữ liệu mở."))
    return {"written": services.regenerate_all(by=user)}
