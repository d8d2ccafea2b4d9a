"""What the pages of plans share: the report state badges, errors put on forms, file types."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from tdc.plans.models import ProgressReport

STATE_BADGE = {
    ProgressReport.State.DRAFT: "text-bg-light border",
    ProgressReport.State.PENDING_APPROVAL: "text-bg-info",
    ProgressReport.State.SUBMITTED: "text-bg-primary",
    ProgressReport.State.RESUBMITTED: "text-bg-primary",
    ProgressReport.State.RETURNED: "text-bg-warning",
    ProgressReport.State.ACCEPTED: "text-bg-success",
}


def attach_error(form: Any, error: ValidationError) -> None:
    """Put a service's error on the form: on its field when it names one, on top otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
