"""Compare parses with hand-checked gold files: ``evaluate_directory(path)``.

For every ``X.gold.json`` in a folder, the document named by its ``"file"`` key (or ``X`` with a
supported extension) is parsed and compared:

* tasks are aligned by (group, content_start), then by fuzzy similarity of content_start within
  the same group; precision/recall count aligned tasks;
* lead and partner units are compared as sets per aligned task and micro-averaged over unit
  strings; "exact" is the share of gold tasks whose lead AND partner sets are both equal;
* targets are compared as a multiset of (value, unit, comparator), reporting deadlines as a
  multiset of (who, to, day_month, recurrence);
* group and task counts must be exact; issuer, locality, title, doc_number, doc_date,
  references and duties are checked for equality.

``python -m tdc.plans.ingest.evaluate DIR`` prints the report.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .errors import PlanParseError
from .parser import parse_document

DOCUMENT_EXTENSIONS = (".docx", ".pdf", ".txt", ".md")
CHECKED_FIELDS = (
    "issuer",
    "locality",
    "title",
    "doc_number",
    "doc_date",
    "references",
    "duties",
)


@dataclass
class Score:
    """True positives, false positives and false negatives of one comparison."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def __str__(self) -> str:
        return f"{self.precision:.2f}/{self.recall:.2f}"


@dataclass
class DocumentEvaluation:
    """The comparison of one parse with its gold file."""

    name: str
    error: str | None = None
    groups_gold: int = 0
    groups_parsed: int = 0
    tasks_gold: int = 0
    tasks_parsed: int = 0
    tasks: Score = field(default_factory=Score)
    lead: Score = field(default_factory=Score)
    partners: Score = field(default_factory=Score)
    exact_unit_tasks: int = 0
    targets: Score = field(default_factory=Score)
    deadlines: Score = field(default_factory=Score)
    fields: dict[str, bool] = field(default_factory=dict)

    @property
    def groups_exact(self) -> bool:
        return self.error is None and self.groups_gold == self.groups_parsed

    @property
    def tasks_exact(self) -> bool:
        return self.error is None and self.tasks_gold == self.tasks_parsed

    @property
    def exact_unit_share(self) -> float:
        return self.exact_unit_tasks / self.tasks_gold if self.tasks_gold else 1.0


@dataclass
class EvaluationReport:
    """Per-document evaluations plus totals; :meth:`as_text` renders a table."""

    documents: list[DocumentEvaluation] = field(default_factory=list)

    @property
    def total(self) -> DocumentEvaluation:
        total = DocumentEvaluation(name="TOTAL")
        for doc in self.documents:
            total.groups_gold += doc.groups_gold
            total.groups_parsed += doc.groups_parsed
            total.tasks_gold += doc.tasks_gold
            total.tasks_parsed += doc.tasks_parsed
            total.exact_unit_tasks += doc.exact_unit_tasks
            for name in ("tasks", "lead", "partners", "targets", "deadlines"):
                getattr(total, name).add(getattr(doc, name))
            for key, ok in doc.fields.items():
                total.fields[f"{doc.name}:{key}"] = ok
        return total

    def as_text(self) -> str:
        header = (
            f"{'document':<32} {'groups':>9} {'tasks':>9} {'task P/R':>10} {'lead P/R':>10} "
            f"{'partn P/R':>10} {'exact':>6} {'targ P/R':>10} {'dead P/R':>10} {'fields':>7}"
        )
        lines = [header, "-" * len(header)]
        for doc in self.documents:
            lines.append(_row(doc))
            if doc.error:
                lines.append(f"    error: {doc.error}")
        lines.append("-" * len(header))
        lines.append(_row(self.total))
        return "\n".join(lines) + "\n"


def _row(doc: DocumentEvaluation) -> str:
    groups = f"{doc.groups_parsed}/{doc.groups_gold}{'' if doc.groups_exact else '!'}"
    tasks = f"{doc.tasks_parsed}/{doc.tasks_gold}{'' if doc.tasks_exact else '!'}"
    ok = sum(doc.fields.values())
    fields = f"{ok}/{len(doc.fields)}"
    return (
        f"{doc.name[:32]:<32} {groups:>9} {tasks:>9} {doc.tasks!s:>10} {doc.lead!s:>10} "
        f"{doc.partners!s:>10} {doc.exact_unit_share:>6.0%} {doc.targets!s:>10} "
        f"{doc.deadlines!s:>10} {fields:>7}"
    )


def _multiset_score(parsed: Iterable[Hashable], gold: Iterable[Hashable]) -> Score:
    got, want = Counter(parsed), Counter(gold)
    tp = sum((got & want).values())
    return Score(tp=tp, fp=sum(got.values()) - tp, fn=sum(want.values()) - tp)


def _set_score(parsed: Sequence[str], gold: Sequence[str]) -> Score:
    got, want = set(parsed), set(gold)
    return Score(tp=len(got & want), fp=len(got - want), fn=len(want - got))


def align_tasks(
    parsed: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]], min_ratio: float = 85.0
) -> list[tuple[int, int]]:
    """Pairs (parsed index, gold index): exact (group, content_start) first, then fuzzy."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    unmatched: list[int] = []
    for g_index, g_task in enumerate(gold):
        key = (g_task.get("group"), g_task.get("content_start"))
        found = next(
            (
                p_index
                for p_index, p_task in enumerate(parsed)
                if p_index not in used and (p_task.get("group"), p_task.get("content_start")) == key
            ),
            None,
        )
        if found is None:
            unmatched.append(g_index)
        else:
            used.add(found)
            pairs.append((found, g_index))
    for g_index in unmatched:
        g_task = gold[g_index]
        best, best_ratio = None, min_ratio
        for p_index, p_task in enumerate(parsed):
            if p_index in used or p_task.get("group") != g_task.get("group"):
                continue
            ratio = fuzz.ratio(str(p_task.get("content_start")), str(g_task.get("content_start")))
            if ratio >= best_ratio:
                best, best_ratio = p_index, ratio
        if best is not None:
            used.add(best)
            pairs.append((best, g_index))
    return sorted(pairs, key=lambda pair: pair[1])


def evaluate_parse(name: str, parsed: dict[str, Any], gold: dict[str, Any]) -> DocumentEvaluation:
    """Compare one gold-shaped parse with its gold dict."""
    doc = DocumentEvaluation(name=name)
    doc.groups_gold, doc.groups_parsed = len(gold["task_groups"]), len(parsed["task_groups"])
    doc.tasks_gold, doc.tasks_parsed = len(gold["tasks"]), len(parsed["tasks"])
    pairs = align_tasks(parsed["tasks"], gold["tasks"])
    doc.tasks = Score(
        tp=len(pairs), fp=doc.tasks_parsed - len(pairs), fn=doc.tasks_gold - len(pairs)
    )
    for p_index, g_index in pairs:
        p_task, g_task = parsed["tasks"][p_index], gold["tasks"][g_index]
        doc.lead.add(_set_score(p_task["lead"], g_task["lead"]))
        doc.partners.add(_set_score(p_task["partners"], g_task["partners"]))
        if set(p_task["lead"]) == set(g_task["lead"]) and set(p_task["partners"]) == set(
            g_task["partners"]
        ):
            doc.exact_unit_tasks += 1
    doc.targets = _multiset_score(
        ((t["value"], t["unit"], t["comparator"]) for t in parsed["targets"]),
        ((t["value"], t["unit"], t["comparator"]) for t in gold["targets"]),
    )
    doc.deadlines = _multiset_score(
        (
            (d["who"], d["to"], d["day_month"], d["recurrence"])
            for d in parsed["reporting_deadlines"]
        ),
        ((d["who"], d["to"], d["day_month"], d["recurrence"]) for d in gold["reporting_deadlines"]),
    )
    doc.fields = {key: parsed.get(key) == gold.get(key) for key in CHECKED_FIELDS if key in gold}
    return doc


def _missing(name: str, gold: dict[str, Any], error: str) -> DocumentEvaluation:
    doc = DocumentEvaluation(name=name, error=error)
    doc.groups_gold, doc.tasks_gold = len(gold.get("task_groups", [])), len(gold.get("tasks", []))
    doc.tasks = Score(fn=doc.tasks_gold)
    doc.lead = Score(fn=sum(len(t["lead"]) for t in gold.get("tasks", [])))
    doc.partners = Score(fn=sum(len(t["partners"]) for t in gold.get("tasks", [])))
    doc.targets = Score(fn=len(gold.get("targets", [])))
    doc.deadlines = Score(fn=len(gold.get("reporting_deadlines", [])))
    doc.fields = dict.fromkeys((k for k in CHECKED_FIELDS if k in gold), False)
    return doc


def find_document(folder: Path, gold_path: Path, gold: dict[str, Any]) -> Path | None:
    """The document a gold file describes: its "file" key, else X.<ext> next to X.gold.json."""
    named = gold.get("file")
    if isinstance(named, str) and named and (folder / named).is_file():
        return folder / named
    stem = gold_path.name[: -len(".gold.json")]
    for extension in DOCUMENT_EXTENSIONS:
        candidate = folder / f"{stem}{extension}"
        if candidate.is_file():
            return candidate
    return None


def evaluate_directory(path: str | Path) -> EvaluationReport:
    """Evaluate every ``*.gold.json`` of ``path`` against a fresh parse of its document."""
    folder = Path(path)
    report = EvaluationReport()
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document = find_document(folder, gold_path, gold)
        name = document.name if document is not None else gold_path.name
        if document is None:
            report.documents.append(_missing(name, gold, "document not found"))
            continue
        try:
            parsed = parse_document(document.read_bytes(), document.name).to_gold_dict()
        except PlanParseError as exc:
            report.documents.append(_missing(name, gold, f"{exc.code}: {exc.message}"))
            continue
        report.documents.append(evaluate_parse(name, parsed, gold))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: print the evaluation table of a folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write("usage: python -m tdc.plans.ingest.evaluate DIR\n")
        return 2
    sys.stdout.write(evaluate_directory(args[0]).as_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
