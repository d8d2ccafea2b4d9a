"""Plans nobody tuned the parser on: other provinces, issuers, numberings and table layouts.

Each text document in ``unseen/`` has a hand-checked ``<name>.gold.json`` in the seeds' format
(same conventions, see ``tdc/plans/fixtures/seeds/README.md``), so ``tdc plan evaluate
tdc/plans/ingest/tests/unseen`` scores them like the seeds; its ``notes`` record what the
document tests and the judgement calls. Documents that are not plain text (DOCX, PDF) are
composed by :mod:`.unseen_documents` when the test runs, and their hand-checked structure is
``<name>.expected.json`` (same format). Every key except ``notes`` must match exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tdc.plans.ingest import parse_document
from tdc.plans.ingest.evaluate import evaluate_directory

from .unseen_documents import BUILDERS, FONT, FONT_BOLD

UNSEEN_DIR = Path(__file__).resolve().parent / "unseen"
GOLDS = sorted([*UNSEEN_DIR.glob("*.gold.json"), *UNSEEN_DIR.glob("*.expected.json")])


def _document(gold: dict[str, Any]) -> bytes:
    name = str(gold["file"])
    path = UNSEEN_DIR / name
    if path.is_file():
        return path.read_bytes()
    if name.endswith(".pdf") and not (FONT.is_file() and FONT_BOLD.is_file()):
        pytest.skip("DejaVu fonts are not installed")
    return BUILDERS[name]()


def test_there_are_unseen_documents():
    assert len(GOLDS) >= 8
    for gold_path in GOLDS:
        name = json.loads(gold_path.read_text(encoding="utf-8"))["file"]
        assert (UNSEEN_DIR / name).is_file() or name in BUILDERS, name


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.split(".")[0])
def test_unseen_document_parses_as_its_gold_file(gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    parsed = parse_document(_document(gold), gold["file"]).to_gold_dict()
    for key, value in gold.items():
        if key == "notes":
            continue
        assert parsed[key] == value, key
    assert set(parsed) - {"notes"} == set(gold) - {"notes"}


def test_text_documents_score_fully_in_the_evaluation_report():
    report = evaluate_directory(UNSEEN_DIR)
    assert report.documents, report.as_text()
    for doc in report.documents:
        assert doc.error is None, doc.error
        assert doc.tasks_exact, doc.name
        assert doc.groups_exact, doc.name
        assert doc.exact_unit_share == 1.0, doc.name
