"""Writes of plans, split by sub-domain: importing a plan document, assignments and tasks,
reporting periods and explanations, progress reports, indicators, the synthesis report,
notifications and reminders. Every write checks the door (`tdc.plans.access`) itself."""

from tdc.plans.services.assignments import (
    assign_plan,
    create_task,
    reassign_task,
    split_task,
    update_task,
)
from tdc.plans.services.importing import (
    MAX_UPLOAD_BYTES,
    DraftCorrections,
    PlanAlreadyImported,
    TaskCorrection,
    UnitCorrection,
    apply_draft_corrections,
    confirm_import_draft,
    create_import_draft,
    discard_import_draft,
    import_plan_document,
)
from tdc.plans.services.indicators import (
    INDICATOR_FIELDS,
    compute_indicator_value,
    compute_plan_indicators,
    create_indicator,
    record_indicator_value,
)
from tdc.plans.services.periods import (
    change_period,
    open_period,
)
from tdc.plans.services.reminders import (
    send_due_reminders,
)
from tdc.plans.services.reporting import (
    ReportInput,
    StaleReportError,
    accept_report,
    approve_report,
    reopen_report,
    return_report,
    save_report,
    send_back_report,
    submit_report,
)
from tdc.plans.services.synthesis import (
    EDITABLE_FIELDS,
    finalise_synthesis,
    refresh_synthesis,
    start_synthesis,
    update_synthesis,
)

__all__ = [
    "DraftCorrections",
    "EDITABLE_FIELDS",
    "INDICATOR_FIELDS",
    "MAX_UPLOAD_BYTES",
    "PlanAlreadyImported",
    "ReportInput",
    "StaleReportError",
    "TaskCorrection",
    "UnitCorrection",
    "accept_report",
    "apply_draft_corrections",
    "approve_report",
    "assign_plan",
    "change_period",
    "compute_indicator_value",
    "compute_plan_indicators",
    "confirm_import_draft",
    "create_import_draft",
    "create_indicator",
    "create_task",
    "discard_import_draft",
    "finalise_synthesis",
    "import_plan_document",
    "open_period",
    "reassign_task",
    "record_indicator_value",
    "refresh_synthesis",
    "reopen_report",
    "return_report",
    "save_report",
    "send_back_report",
    "send_due_reminders",
    "split_task",
    "start_synthesis",
    "submit_report",
    "update_synthesis",
    "update_task",
]
