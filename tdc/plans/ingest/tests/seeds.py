"""The seed plans and their gold files, loaded once per test session (no database, no fixtures:
the tests also run without the project's conftest)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tdc.plans.ingest import ParsedPlan, parse_document

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_GOLDS = sorted(SEEDS_DIR.glob("*.gold.json"))


@dataclass
class Seed:
    name: str
    gold: dict[str, Any]
    data: bytes
    plan: ParsedPlan

    @property
    def parsed(self) -> dict[str, Any]:
        return self.plan.to_gold_dict()


def load_seed(gold_path: Path) -> Seed:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    data = (SEEDS_DIR / gold["file"]).read_bytes()
    return Seed(name=gold["file"], gold=gold, data=data, plan=parse_document(data, gold["file"]))


SEED_PARAMS = [pytest.param(path, id=path.name.split("_")[0]) for path in SEED_GOLDS]


@cache
def get_seed(gold_path: Path) -> Seed:
    """The parsed seed described by ``gold_path`` (parsed once, shared by the tests)."""
    return load_seed(gold_path)
