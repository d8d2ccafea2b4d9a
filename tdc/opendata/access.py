"""Open data is public: the only door is "is there such a dataset" (404 otherwise) and the
administrator's button to regenerate now."""

from __future__ import annotations

from django.http import Http404

from tdc.core.datasets import Dataset, dataset


def get_dataset(key: str) -> Dataset:
    found = dataset(key)
    if found is None:
        raise Http404
    return found
