"""Open datasets: what each app publishes for anyone to download (the catalogue of
`tdc.opendata`).

An app registers a `Dataset` in its `AppConfig.ready()`:

    register_dataset(Dataset(
        key="canh-bao-san-pham",                       # the address: /du-lieu-mo/<key>/
        title="Cảnh báo sản phẩm đã công bố",
        description="…",
        fields=[DatasetField("gtin", "Mã GTIN"), DatasetField("so_canh_bao", "Số cảnh báo", "integer")],
        rows="tdc.surveillance.queries.open_warning_rows",   # dotted path, called by the job
    ))

`rows` returns an iterable of dicts whose keys are exactly the declared fields: the
regeneration job refuses a row with any other key, so a column nobody declared (an owner's
name, a reporter's phone) can never slip into a published file. Only published, public facts
belong here — counts, registers public by law — never personal data. Core knows no domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.module_loading import import_string

FieldType = Literal["string", "integer", "number", "date"]
Row = Mapping[str, Any]

OPEN_LICENCE = "CC BY 4.0"


@dataclass(frozen=True)
class DatasetField:
    name: str  # the column, ASCII snake_case
    label: str  # Vietnamese, for the catalogue
    type: FieldType = "string"


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    fields: list[DatasetField]
    rows: str  # dotted path to a function returning Iterable[Row]
    licence: str = OPEN_LICENCE
    source: str = ""  # the app or register it comes from
    order: int = 50
    extra: dict[str, str] = field(default_factory=dict)

    def build(self) -> Iterable[Row]:
        provider: Callable[[], Iterable[Row]] = import_string(self.rows)
        return provider()


_DATASETS: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> None:
    _DATASETS[dataset.key] = dataset


def datasets() -> list[Dataset]:
    return sorted(_DATASETS.values(), key=lambda d: (d.order, d.key))


def dataset(key: str) -> Dataset | None:
    return _DATASETS.get(key)
