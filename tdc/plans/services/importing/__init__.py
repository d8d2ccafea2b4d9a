"""Plan import: a document becomes a draft the worker reads (`drafts`), the officer corrects its
preview (`corrections`), and confirming it stores the plan in one transaction (`storing`)."""

from tdc.plans.services.importing.corrections import (
    DraftCorrections,
    TaskCorrection,
    UnitCorrection,
    apply_draft_corrections,
)
from tdc.plans.services.importing.drafts import (
    DOCX_LIMITS,
    FILE_LIMITS,
    MAX_PARSE_ATTEMPTS,
    MAX_UPLOAD_BYTES,
    OPEN_STATUSES,
    PARSE_LEASE,
    PlanAlreadyImported,
    check_plan_upload,
    create_import_draft,
    discard_import_draft,
    parse_import_draft,
    read_plan_document,
    requeue_stalled_drafts,
    retry_import_draft,
)
from tdc.plans.services.importing.storing import (
    ImportResult,
    confirm_import_draft,
    import_plan_document,
)

__all__ = [
    "DOCX_LIMITS",
    "FILE_LIMITS",
    "MAX_PARSE_ATTEMPTS",
    "MAX_UPLOAD_BYTES",
    "OPEN_STATUSES",
    "PARSE_LEASE",
    "DraftCorrections",
    "ImportResult",
    "PlanAlreadyImported",
    "TaskCorrection",
    "UnitCorrection",
    "apply_draft_corrections",
    "check_plan_upload",
    "confirm_import_draft",
    "create_import_draft",
    "discard_import_draft",
    "import_plan_document",
    "parse_import_draft",
    "read_plan_document",
    "requeue_stalled_drafts",
    "retry_import_draft",
]
