"""Plan-document parser speed on the seed plans, against a baseline measured in the same run.

For every seed in tdc/plans/fixtures/seeds: the median time (over N runs) of
``parse_document(read_bytes(file))``, and as the baseline the median time to merely read the same
file, decode it, NFC-normalise it and split it into lines. The ratio parse/baseline is what to
compare between machines.

Standalone: ``python bench/bench_parse.py [N]`` prints the table. Under ``bench/run.py``,
``main()`` returns the same table as a Markdown section. ``BENCH_PARSE_RUNS`` sets N (default 30).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tdc.plans.ingest import parse_document  # noqa: E402

SEEDS = ROOT / "tdc" / "plans" / "fixtures" / "seeds"


def _median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: imports, regex compilation, file cache
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _baseline(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").split("\n")


def measure(runs: int) -> list[tuple[str, int, float, float]]:
    """(seed, size in bytes, baseline ms, parse ms) for every seed document."""
    rows = []
    for gold in sorted(SEEDS.glob("*.gold.json")):
        path = SEEDS / json.loads(gold.read_text(encoding="utf-8"))["file"]
        baseline = _median_ms(lambda path=path: _baseline(path), runs)
        parse = _median_ms(lambda path=path: parse_document(path.read_bytes(), path.name), runs)
        rows.append((path.name, path.stat().st_size, baseline, parse))
    return rows


def main(runs: int | None = None) -> str:
    runs = runs or int(os.environ.get("BENCH_PARSE_RUNS", "30"))
    rows = measure(runs)
    lines = [
        "## Plan-document parser",
        "",
        f"Median of {runs} runs per seed plan. Baseline: read the same file, decode, "
        "NFC-normalise and split into lines.",
        "",
        "| seed | size (KB) | baseline (ms) | parse (ms) | parse / baseline |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, size, baseline, parse in rows:
        lines.append(
            f"| {name} | {size / 1024:.1f} | {baseline:.3f} | {parse:.2f} | {parse / baseline:.0f}× |"
        )
    slowest = max(parse for *_, parse in rows)
    lines += ["", f"Slowest seed: {slowest:.1f} ms (budget: well under 1000 ms)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else None))
