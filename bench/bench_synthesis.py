"""Synthesis report speed: the province's yearly report (DOCX + XLSX annex) for a plan of 30 tasks
and 40 agencies, against a baseline measured in the same run.

The measured action is what DoST's "download" does for a draft: collect the figures from the
database (`collect_synthesis_data`) and write the Decree 30 DOCX and the XLSX annex. The baseline
writes a python-docx document and an openpyxl workbook of the same size (same paragraphs and
rows, plain formatting) without touching the database. Budget: under 5 seconds.

It runs in a subprocess on a throwaway SQLite database (`python bench/bench_synthesis.py
--worker` prints JSON). ``BENCH_SYNTHESIS_RUNS`` sets the number of runs (default 5).
"""

# The bench starts its own worker process with a fixed command line.
# ruff: noqa: S603
from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TASKS, AGENCIES, BUDGET_S = 30, 40, 5.0
RESULT = (
    "Đã tổ chức hội nghị quán triệt Chỉ thị số 38-CT/TW cho cán bộ, công chức, viên chức; "
    "đăng tải tin, bài trên trang thông tin điện tử; phối hợp kiểm tra việc thực hiện các quy định "
    "về tiêu chuẩn, đo lường, chất lượng tại các cơ sở thuộc phạm vi quản lý."
)


def _median(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _build() -> Any:
    """A province with 40 departments and a plan of 30 tasks, each assigned to all 40."""
    import datetime as dt

    from tdc.accounts.models import Organisation, Province
    from tdc.plans.models import (
        Plan,
        ProgressReport,
        ReportingDeadline,
        ReportingPeriod,
        Task,
        TaskGroup,
        TaskUnit,
    )
    from tdc.plans.services.assignments import assign_plan

    province = Province.objects.create(
        code=56, name="Khánh Hòa", codename="khanh_hoa", division_type="tỉnh"
    )
    dost = Organisation.objects.create(
        name="Sở Khoa học và Công nghệ", kind=Organisation.Kind.DOST, province=province
    )
    agencies = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Sở thứ {i:02d}",
                kind=Organisation.Kind.DEPARTMENT,
                province=province,
                search_key=f"so thu {i}",
            )
            for i in range(AGENCIES)
        ]
    )
    plan = Plan.objects.create(
        province=province,
        owner=dost,
        title="KẾ HOẠCH Thực hiện Chỉ thị số 38-CT/TW",
        year=2026,
        source_hash="bench",
    )
    ReportingDeadline.objects.create(
        plan=plan, who="Các sở, ban, ngành", to="Sở Khoa học và Công nghệ", day=10, month=11
    )
    groups = [
        TaskGroup.objects.create(
            plan=plan,
            number=str(g + 1),
            title=f"Nhóm nhiệm vụ số {g + 1} về tiêu chuẩn, đo lường, chất lượng",
            position=g,
        )
        for g in range(6)
    ]
    for n in range(TASKS):
        task = Task.objects.create(
            plan=plan,
            group=groups[n // 5],
            number=f"{n // 5 + 1}.{n % 5 + 1}",
            position=n,
            content=f"Nhiệm vụ số {n + 1}: tăng cường quản lý nhà nước về tiêu chuẩn, đo lường, chất lượng; "
            * 2,
            timeline="Năm 2026 và những năm tiếp theo",
        )
        TaskUnit.objects.create(
            task=task,
            role="lead",
            text=agencies[n % AGENCIES].name,
            organisation=agencies[n % AGENCIES],
        )
        TaskUnit.objects.create(
            task=task, role="partner", text="Các sở, ban, ngành", collective="all_departments"
        )
    assign_plan(plan)
    period = ReportingPeriod.objects.get(plan=plan)
    reports = list(ProgressReport.objects.filter(period=period).order_by("pk"))
    sent = dt.datetime(2026, 11, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    for i, report in enumerate(reports):
        if i % 10 < 7:
            report.state, report.first_submitted_at = "accepted", sent
        elif i % 10 < 8:
            report.state, report.first_submitted_at = "submitted", sent
        report.percent, report.progress, report.results = 60, "in_progress", RESULT
        report.figures = [{"label": "Số hội nghị", "value": "2", "unit": "hội nghị"}]
        report.difficulties = "Thiếu kinh phí." if i % 7 == 0 else ""
    ProgressReport.objects.bulk_update(
        reports,
        [
            "state",
            "first_submitted_at",
            "percent",
            "progress",
            "results",
            "figures",
            "difficulties",
        ],
    )
    return period, dost, len(reports)


def _baseline_documents(paragraphs: list[str], rows: list[list[str]]) -> tuple[bytes, bytes]:
    from docx import Document
    from openpyxl import Workbook

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    docx = io.BytesIO()
    document.save(docx)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    return docx.getvalue(), xlsx.getvalue()


def worker(runs: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from docx import Document

    call_command("migrate", verbosity=0)
    from tdc.accounts.models import User
    from tdc.plans.exports.synthesis import synthesis_docx, synthesis_xlsx
    from tdc.plans.queries.synthesis import collect_synthesis_data
    from tdc.plans.services.synthesis import start_synthesis

    period, dost, reports = _build()
    officer = User.objects.create(username="bench", organisation=dost)
    officer.role_grants.create(role="tdc_officer")
    synthesis = start_synthesis(period, by=officer)

    def generate() -> tuple[bytes, bytes]:
        synthesis.snapshot = collect_synthesis_data(period)
        return synthesis_docx(synthesis), synthesis_xlsx(synthesis)

    docx, _xlsx = generate()
    paragraphs = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    rows = [
        [
            task["number"],
            task["content"],
            task["lead"],
            task["status_label"],
            "\n".join(r["results"] for r in task["results"]),
        ]
        for group in synthesis.snapshot["groups"]
        for task in group["tasks"]
    ]
    seconds = _median(generate, runs)
    baseline = _median(lambda: _baseline_documents(paragraphs, rows), runs)
    return {
        "reports": reports,
        "paragraphs": len(paragraphs),
        "docx_kb": len(docx) / 1024,
        "seconds": seconds,
        "baseline": baseline,
    }


def main(runs: int | None = None) -> str:
    runs = runs or int(os.environ.get("BENCH_SYNTHESIS_RUNS", "5"))
    with tempfile.TemporaryDirectory(prefix="tdc-bench-synthesis-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tdc.settings",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
            "SQLITE_PATH": str(Path(workdir) / "bench.sqlite3"),
            "MEDIA_ROOT": workdir,
        }
        env.pop("DATABASE_URL", None)
        output = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(runs)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    data = json.loads(output.strip().splitlines()[-1])
    verdict = "within" if data["seconds"] < BUDGET_S else "OVER"
    return "\n".join(
        [
            "## Synthesis report",
            "",
            f"The province's yearly report for a plan of {TASKS} tasks and {AGENCIES} agencies "
            f"({data['reports']} agency reports, 70% accepted): collect the figures from SQLite, write the "
            f"Decree 30 DOCX ({data['paragraphs']} paragraphs, {data['docx_kb']:.0f} KB) and the XLSX annex. "
            f"Median of {runs} runs. Baseline: python-docx and openpyxl writing the same paragraphs and rows, "
            "plain, with no database.",
            "",
            "| action | time (s) | / baseline |",
            "| --- | ---: | ---: |",
            f"| baseline: same-size DOCX + XLSX, no queries | {data['baseline']:.3f} | 1× |",
            f"| synthesis report (DOCX + XLSX) | {data['seconds']:.3f} | {data['seconds'] / data['baseline']:.1f}× |",
            "",
            f"Budget: under {BUDGET_S:.0f} s — {verdict} ({data['seconds']:.2f} s).",
            "",
        ]
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(worker(int(sys.argv[2]))))
    else:
        print(main(int(sys.argv[1]) if len(sys.argv) > 1 else None))
