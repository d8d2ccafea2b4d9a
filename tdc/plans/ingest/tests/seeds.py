"""Shared fixtures of the plan-ingest tests (no database: plain functions)."""

from __future__ import annotations

import json
from dataclasses import dataclass
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


@pytest.fixture(scope="module", params=SEED_GOLDS, ids=lambda p: p.name.split("_")[0])
def seed(request: pytest.FixtureRequest) -> Seed:
    return load_seed(request.param)
