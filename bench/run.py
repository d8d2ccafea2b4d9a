"""Run every benchmark in bench/ and write docs/performance.md.

Each `bench/bench_<name>.py` exposes `main() -> str`, returning a Markdown section whose figures
are ratios against a baseline measured in the same run. Run one with
`python bench/run.py <name>`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HEADER = """# Performance

Written by `make bench` ({date}, {machine}). Each figure is set against a baseline measured in
the same run on the same machine, so the ratios, not the absolute numbers, are what to compare
between machines. Do not edit by hand: rerun `make bench`.
"""


# `BENCH_ONLY=<key>,<key>` (environment, no bench named on the command line) runs only those
# benches and rewrites only their sections: key → bench module name.
BENCH_ONLY: dict[str, str] = {
    "import": "metrology",  # the metrology bench reads the same key to run only its import part
    "reads": "metrology",
    "sqlite": "metrology",
    "surveillance": "surveillance",  # establishment scoring, plan generation, warning search
    "standards": "standards",  # standards: catalogue search and TBT digest, both engines
    "load": "load",  # report season under load (PostgreSQL, gunicorn, workers)
    "traceability": "traceability",  # capture, query by EPC / GTIN + lot, resolver
    "capture": "traceability",  # the traceability bench reads the same key to run one part
    "query": "traceability",
    "resolver": "traceability",
}


def main() -> None:
    os.environ.setdefault("SECRET_KEY", "bench-only")
    only = [
        BENCH_ONLY[key] for key in os.environ.get("BENCH_ONLY", "").split(",") if key in BENCH_ONLY
    ]
    names = (
        sys.argv[1:]
        or only
        or sorted(p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py"))
    )
    partial = bool(sys.argv[1:] or only)
    sections = []
    for name in names:
        module = importlib.import_module(f"bench_{name}")
        print(f"== {name}", flush=True)  # noqa: T201
        sections.append(module.main())
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = HEADER.format(date=dt.date.today().strftime("%d/%m/%Y"), machine=machine)  # noqa: DTZ011
    target = ROOT / "docs" / "performance.md"
    # A benchmark may return several "## " sections (the metrology one does).
    sections = [
        part if i == 0 else "## " + part
        for text in sections
        for i, part in enumerate(text.strip().split("\n## "))
    ]
    if partial and target.exists():
        # Partial run: replace only the sections that were rerun (same heading line).
        headings = {s.split("\n")[0] for s in sections}
        existing = target.read_text(encoding="utf-8").split("\n## ")
        kept = ["## " + s for s in existing[1:] if "## " + s.split("\n")[0] not in headings]
        sections = kept + sections
    target.write_text(
        text + "\n" + "\n\n".join(s.strip() for s in sections) + "\n", encoding="utf-8"
    )
    print(f"wrote {target}")  # noqa: T201


if __name__ == "__main__":
    main()
