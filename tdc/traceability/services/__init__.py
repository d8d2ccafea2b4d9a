"""Writes of traceability: capture of EPCIS documents (capture.py) and what small producers do
without writing EPCIS — products, places, lots, the four steps, the lot import (producers.py)."""

from tdc.traceability.services.capture import (
    CaptureResult,
    DocumentRejected,
    capture_document,
    capturing_organisation,
    count_page_scan,
    flush_page_scans,
    page_version,
    public_pages_changed,
    save_named_query,
    store_checked,
)
from tdc.traceability.services.producers import (
    STEPS,
    create_place,
    create_product,
    import_lots,
    record_step,
    update_product,
)

__all__ = [
    "STEPS",
    "CaptureResult",
    "DocumentRejected",
    "capture_document",
    "capturing_organisation",
    "count_page_scan",
    "create_place",
    "create_product",
    "flush_page_scans",
    "page_version",
    "public_pages_changed",
    "import_lots",
    "record_step",
    "save_named_query",
    "store_checked",
    "update_product",
]
