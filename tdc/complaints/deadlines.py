"""Deadlines: the policy (from settings, with the legal defaults) and working-day arithmetic.

Override any value with `COMPLAINTS_DEADLINES = {...}` in settings. The defaults follow the
issue and the Law on Denunciation 2018 (art. 30): acknowledge within 3 working days; settle a
denunciation within 30 days of acceptance, extendable by up to 30 days, twice for especially
complex cases (60 or 90 days in all). A tip (phản ánh) is concluded within 30 days too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.conf import settings

from tdc.core.workdays import subtract_working_days


@dataclass(frozen=True)
class DeadlinePolicy:
    acknowledge_working_days: int = 3
    assign_working_days: int = 3
    conclude_days_tip: int = 30
    conclude_days_denunciation: int = 30
    max_extensions: int = 2
    max_extension_days_each: int = 30
    remind_working_days_before: int = 1
    duplicate_window_days: int = 30
    disclosure_valid_days: int = 30

    def conclude_days(self, track: str) -> int:
        if track == "denunciation":
            return self.conclude_days_denunciation
        return self.conclude_days_tip


def policy() -> DeadlinePolicy:
    overrides = dict(getattr(settings, "COMPLAINTS_DEADLINES", {}) or {})
    known = {f.name for f in fields(DeadlinePolicy)}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(f"Unknown COMPLAINTS_DEADLINES keys: {sorted(unknown)}")
    return DeadlinePolicy(**{k: int(v) for k, v in overrides.items()})


def due_state(
    due: dt.date | None, today: dt.date, holidays: Iterable[dt.date] | None = None
) -> str:
    """'late', 'due' (within the reminder window) or 'on_time'; '' without a deadline."""
    if due is None:
        return ""
    if today > due:
        return "late"
    before = policy().remind_working_days_before
    if subtract_working_days(due, before, holidays) <= today:
        return "due"
    return "on_time"
