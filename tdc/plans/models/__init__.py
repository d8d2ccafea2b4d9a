"""Plans: the documents, their task groups, tasks, units, duties, targets and deadlines.

`plan.py` holds what a plan document says; `execution.py` holds what happens after import
(assignments, reporting periods and reports, indicators, syntheses).
"""

from tdc.plans.models.execution import (
    EDITABLE_STATES,
    REPORT_TRANSITIONS,
    Assignment,
    Evidence,
    ExplanationRequest,
    Indicator,
    IndicatorValue,
    Notification,
    ProgressReport,
    ReminderLog,
    ReportEvent,
    ReportingPeriod,
    ReportVersion,
    Synthesis,
)
from tdc.plans.models.plan import (
    Duty,
    Plan,
    PlanImportDraft,
    ReportingDeadline,
    Target,
    Task,
    TaskGroup,
    TaskUnit,
)

__all__ = [
    "EDITABLE_STATES",
    "REPORT_TRANSITIONS",
    "Assignment",
    "Evidence",
    "ExplanationRequest",
    "Indicator",
    "IndicatorValue",
    "Notification",
    "ProgressReport",
    "ReminderLog",
    "ReportEvent",
    "ReportVersion",
    "ReportingPeriod",
    "Synthesis",
    "Duty",
    "Plan",
    "PlanImportDraft",
    "ReportingDeadline",
    "Target",
    "Task",
    "TaskGroup",
    "TaskUnit",
]
