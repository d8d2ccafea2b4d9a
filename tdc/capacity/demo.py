"""The capacity demo (filled below)."""

from __future__ import annotations

from tdc.core.registry import Output


def load(out: Output) -> None:
    out.write("capacity: nothing yet\n")
