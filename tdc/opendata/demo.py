"""Demo: publish the open datasets from the demo registers (idempotent: a regeneration)."""

from __future__ import annotations

from typing import Any

from tdc.opendata.services import regenerate_all


def load(out: Any) -> None:
    written = regenerate_all()
    out.write(f"Open data: {written} datasets published.\n")
