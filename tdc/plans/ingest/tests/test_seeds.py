"""The five seed plans must parse exactly as their hand-checked gold files say."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tdc.plans.ingest.evaluate import align_tasks, evaluate_directory

from .seeds import SEED_PARAMS, SEEDS_DIR, get_seed

COMPARED_KEYS = (
    "file",
    "issuer",
    "locality",
    "title",
    "doc_number",
    "doc_date",
    "references",
    "task_groups",
    "tasks",
    "prose_task_count",
    "duties",
    "targets",
    "reporting_deadlines",
)


def test_seed_fixtures_are_present():
    assert len(list(SEEDS_DIR.glob("*.gold.json"))) == 5
    assert len(list(SEEDS_DIR.glob("*.txt"))) == 5


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_group_and_task_counts_are_exact(gold_path: Path):
    seed = get_seed(gold_path)
    assert len(seed.plan.task_groups) == len(seed.gold["task_groups"])
    assert len(seed.plan.tasks) == len(seed.gold["tasks"])


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_task_groups_match(gold_path: Path):
    seed = get_seed(gold_path)
    assert seed.parsed["task_groups"] == seed.gold["task_groups"]


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_no_spurious_or_missing_tasks(gold_path: Path):
    seed = get_seed(gold_path)
    pairs = align_tasks(seed.parsed["tasks"], seed.gold["tasks"])
    assert len(pairs) == len(seed.gold["tasks"]) == len(seed.parsed["tasks"])
    assert all(p == g for p, g in pairs), "tasks must come in the gold order"


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_every_task_equals_gold(gold_path: Path):
    seed = get_seed(gold_path)
    for parsed, gold in zip(seed.parsed["tasks"], seed.gold["tasks"], strict=True):
        assert parsed == gold


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_lead_and_partner_sets_are_exact(gold_path: Path):
    seed = get_seed(gold_path)
    exact = sum(
        set(p["lead"]) == set(g["lead"]) and set(p["partners"]) == set(g["partners"])
        for p, g in zip(seed.parsed["tasks"], seed.gold["tasks"], strict=True)
    )
    share = exact / len(seed.gold["tasks"])
    assert share >= 0.95
    assert share == 1.0


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_every_target_value_unit_and_comparator_found(gold_path: Path):
    seed = get_seed(gold_path)

    def key(t: dict[str, object]) -> tuple[object, ...]:
        return (t["value"], t["unit"], t["comparator"])

    assert Counter(map(key, seed.parsed["targets"])) == Counter(map(key, seed.gold["targets"]))
    assert seed.parsed["targets"] == seed.gold["targets"]


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_every_reporting_deadline_found(gold_path: Path):
    seed = get_seed(gold_path)
    assert seed.parsed["reporting_deadlines"] == seed.gold["reporting_deadlines"]


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_metadata(gold_path: Path):
    seed = get_seed(gold_path)
    for key in ("issuer", "locality", "title", "doc_number", "doc_date"):
        assert seed.parsed[key] == seed.gold[key], key


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_references(gold_path: Path):
    seed = get_seed(gold_path)
    assert seed.parsed["references"] == seed.gold["references"]


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_duties(gold_path: Path):
    seed = get_seed(gold_path)
    assert seed.parsed["duties"] == seed.gold["duties"]


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_whole_gold_shape(gold_path: Path):
    seed = get_seed(gold_path)
    parsed = seed.parsed
    assert set(parsed) - {"notes"} == set(seed.gold) - {"notes"}
    for key in COMPARED_KEYS:
        assert parsed.get(key) == seed.gold.get(key), key


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_full_content_is_kept(gold_path: Path):
    seed = get_seed(gold_path)
    for task in seed.plan.tasks:
        assert task.content.startswith(task.content_start)
        assert "  " not in task.content
        assert task.content == task.content.strip()
    assert any(len(task.content) > 200 for task in seed.plan.tasks)
    for target in seed.plan.targets:
        assert target.text.startswith(target.text_start)


def test_evaluation_report_on_the_seeds_is_perfect():
    report = evaluate_directory(SEEDS_DIR)
    assert len(report.documents) == 5
    total = report.total
    assert total.groups_exact
    assert total.tasks_exact
    assert total.tasks.precision == total.tasks.recall == 1.0
    assert total.lead.precision == total.lead.recall == 1.0
    assert total.partners.precision == total.partners.recall == 1.0
    assert total.exact_unit_share == 1.0
    assert total.targets.recall == total.deadlines.recall == 1.0
    assert all(total.fields.values())
    text = report.as_text()
    assert "000_6e5e5aaf15dc4918.txt" in text
    assert "TOTAL" in text


def test_evaluation_finds_documents_by_stem_and_reports_failures(tmp_path: Path):
    gold_path = SEED_PARAMS[1].values[0]
    assert isinstance(gold_path, Path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    document = SEEDS_DIR / gold["file"]
    # Found through its stem when the gold file names no document.
    (tmp_path / "a.txt").write_bytes(document.read_bytes())
    (tmp_path / "a.gold.json").write_text(
        json.dumps({k: v for k, v in gold.items() if k != "file"}, ensure_ascii=False),
        encoding="utf-8",
    )
    # A document that cannot be parsed, and a gold file without a document.
    (tmp_path / "b.txt").write_text("Thông báo nghỉ lễ.", encoding="utf-8")
    (tmp_path / "b.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "c.gold.json").write_text(
        json.dumps({**gold, "file": "missing.docx"}, ensure_ascii=False), encoding="utf-8"
    )
    report = evaluate_directory(tmp_path)
    first, broken, missing = report.documents
    assert first.name == "a.txt"
    assert first.error is None
    assert first.tasks.recall == 1.0
    assert broken.error is not None
    assert broken.error.startswith("no_tasks")
    assert broken.tasks.recall == 0.0
    assert missing.error == "document not found"
    assert report.total.tasks_gold == 3 * len(gold["tasks"])
    text = report.as_text()
    assert "error: no_tasks" in text
    assert "document not found" in text
