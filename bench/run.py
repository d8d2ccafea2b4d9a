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


# BENCH_ONLY=<key> runs one part of a bench (`BENCH_ONLY=query python bench/run.py traceability`).
BENCH_ONLY_KEYS: dict[str, tuple[str, ...]] = {
    "metrology": ("import", "sqlite"),
    # traceability
    "traceability": ("capture", "query", "resolver"),
}


def main() -> None:
    os.environ.setdefault("SECRET_KEY", "bench-only")
    names = sys.argv[1:] or sorted(
        p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py")
    )
    sections = []
    for name in names:
        module = importlib.import_module(f"bench_{name}")
        print(f"== {name}", flush=True)  # noqa: T201
        sections.append(module.main())
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = HEADER.format(date=dt.date.today().strftime("%d/%m/%Y"), machine=machine)  # noqa: DTZ011
    target = ROOT / "docs" / "performance.md"
    if sys.argv[1:] and target.exists():
        # Partial run: replace only the sections that were rerun.
        existing = target.read_text(encoding="utf-8").split("\n## ")
        kept = [
            "## " + s
            for s in existing[1:]
            if not any(s.startswith(sec.removeprefix("## ").split("\n")[0]) for sec in sections)
        ]
        sections = kept + sections
    target.write_text(
        text + "\n" + "\n\n".join(s.strip() for s in sections) + "\n", encoding="utf-8"
    )
    print(f"wrote {target}")  # noqa: T201


if __name__ == "__main__":
    main()
