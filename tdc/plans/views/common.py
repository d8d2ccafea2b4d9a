"""What the pages of plans share: the report state badges and file types."""

from __future__ import annotations

from tdc.plans.models import ProgressReport

STATE_BADGE = {
    ProgressReport.State.DRAFT: "text-bg-light border",
    ProgressReport.State.PENDING_APPROVAL: "text-bg-info",
    ProgressReport.State.SUBMITTED: "text-bg-primary",
    ProgressReport.State.RESUBMITTED: "text-bg-primary",
    ProgressReport.State.RETURNED: "text-bg-warning",
    ProgressReport.State.ACCEPTED: "text-bg-success",
}


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
