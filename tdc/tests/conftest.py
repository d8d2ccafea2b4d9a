"""The `fuzz` marker: the schemathesis run of the API (`make fuzz`, not part of `make test`)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: schemathesis fuzzing of the JSON API (make fuzz)")
