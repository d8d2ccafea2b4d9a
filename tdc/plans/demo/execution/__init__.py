"""Demo of plan execution, run after the seed plans are imported (idempotent).

Every demo plan gets its assignments, indicators and yearly period (`assign_plan`). The Khánh
Hòa 2026 plan then gets a reporting round in progress, dated relative to the day the demo runs
(`today`), so that whoever runs `make run`, whenever, finds a cycle under way: the quarter's
report is due in about two weeks, and over the last five weeks Sở Tài chính (baocao.taichinh,
approved by duyet.taichinh), Sở Công Thương (baocao.congthuong), UBND Phường Nha Trang and DoST
itself (canbo.tdc) have written, sent, had returned or accepted their reports. An ad-hoc request
whose deadline has passed shows lateness: one agency reported on time, the other late and was
asked to explain. Three assignments are overdue; indicators get values; a synthesis draft is open.

Run again, the demo changes nothing while the round is open; run after the round's deadline, it
opens the next quarter's round (history kept, nothing duplicated). Without the 2026 plan (the
plan import has not run) only the first part happens.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tdc.core.models import Holiday
from tdc.plans.demo.execution.cast import users
from tdc.plans.demo.execution.explanations import ad_hoc_round
from tdc.plans.demo.execution.rounds import (
    HOLIDAYS_2026,
    Clock,
    current_round,
    khanh_hoa_2026,
    set_deadlines,
)
from tdc.plans.demo.execution.story import play_reports
from tdc.plans.demo.execution.synthesis import draft_synthesis, track_indicators
from tdc.plans.models import Plan
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reminders import send_due_reminders

__all__ = ["khanh_hoa_2026", "load"]


def load(out: Any, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    for day, name in HOLIDAYS_2026:
        Holiday.objects.get_or_create(date=day, defaults={"name": name})
    for each in Plan.objects.select_related("province").order_by("pk"):
        setup = assign_plan(each)
        if setup.assignments or setup.periods:
            out.write(
                f"Execution demo: {each.province.name} plan {each.pk} — {setup.assignments} assignments, "
                f"{setup.indicators} indicators, {setup.reports} reports expected.\n"
            )
    plan = khanh_hoa_2026()
    cast = users()
    officer = cast.get("canbo.tdc")
    if plan is None or officer is None:
        out.write(
            "Execution demo: the Khánh Hòa 2026 plan is not imported yet; nothing more to do.\n"
        )
        return
    clock = Clock(today)
    period, story = current_round(plan, officer, today)
    set_deadlines(period, clock)
    played = play_reports(period, cast, clock) if story else 0
    ad_hoc_round(plan, cast, clock)
    track_indicators(plan, officer, period.year)
    if story:
        draft_synthesis(period, officer)
    digests = send_due_reminders(today=today)
    if played or digests:
        out.write(f"Execution demo: {played} report histories, {digests} reminder digests.\n")
