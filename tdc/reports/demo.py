"""Demo hook: plan execution (reports, dashboard, indicators, the synthesis) for the demo plans.

`loaddemo` runs each app's demo in INSTALLED_APPS order; `tdc.reports` comes after
`tdc.plans`, so the seed plans are imported by the time this runs. Idempotent.
"""

from __future__ import annotations

from typing import Any

from tdc.plans.demo import execution as execution_demo


def load(out: Any) -> None:
    execution_demo.load(out)
