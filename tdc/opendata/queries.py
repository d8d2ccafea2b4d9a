from __future__ import annotations

from tdc.opendata.models import PublishedDataset


def published() -> dict[str, PublishedDataset]:
    return {p.key: p for p in PublishedDataset.objects.defer("csv", "json").order_by("key")}


def published_one(key: str) -> PublishedDataset | None:
    return PublishedDataset.objects.filter(key=key).first()
