"""Writes of market surveillance, by sub-domain; callers import from here."""

from tdc.surveillance.services.catalogue import (
    create_product,
    establishment_duplicates,
    load_categories,
    register_establishment,
    set_product_photo,
    update_establishment,
)
from tdc.surveillance.services.inspections import (
    add_violation,
    instruments_of,
    record_inspection_result,
    schedule_inspection,
)
from tdc.surveillance.services.labresults import ImportOutcome, import_lab_results
from tdc.surveillance.services.planning import (
    add_to_plan,
    approve_plan,
    generate_plan,
    remove_from_plan,
    review_plan,
)
from tdc.surveillance.services.priorities import create_programme_from_priorities
from tdc.surveillance.services.risk import assess_risk, rerun_assessment
from tdc.surveillance.services.scoring import explain, score_establishments
from tdc.surveillance.services.surveys import (
    attach_lab_report,
    create_programme,
    record_result,
    record_sample,
    set_sample_photo,
)
from tdc.surveillance.services.warnings import (
    approve_warning,
    draft_warning_from_assessment,
    draft_warning_from_sample,
    publish_warning,
    withdraw_warning,
)

__all__ = [
    "ImportOutcome",
    "add_to_plan",
    "add_violation",
    "approve_plan",
    "approve_warning",
    "assess_risk",
    "attach_lab_report",
    "create_product",
    "create_programme",
    "create_programme_from_priorities",
    "draft_warning_from_assessment",
    "draft_warning_from_sample",
    "establishment_duplicates",
    "explain",
    "generate_plan",
    "import_lab_results",
    "instruments_of",
    "load_categories",
    "publish_warning",
    "record_inspection_result",
    "record_result",
    "record_sample",
    "register_establishment",
    "remove_from_plan",
    "rerun_assessment",
    "review_plan",
    "schedule_inspection",
    "score_establishments",
    "set_product_photo",
    "set_sample_photo",
    "update_establishment",
    "withdraw_warning",
]
