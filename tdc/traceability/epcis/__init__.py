"""EPCIS 2.0 without Django: reading and validating documents (GS1's JSON Schema and the CBV
2.0 vocabularies), the event hash, and the comparison of events by meaning."""

from tdc.traceability.epcis.context import Context, read_context
from tdc.traceability.epcis.hashing import event_hash, pre_hash
from tdc.traceability.epcis.normal import meaning, same_meaning
from tdc.traceability.epcis.reading import (
    MAX_DOCUMENT_BYTES,
    CheckedEvent,
    DocumentCheck,
    check_document,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "CheckedEvent",
    "Context",
    "DocumentCheck",
    "check_document",
    "event_hash",
    "meaning",
    "pre_hash",
    "read_context",
    "same_meaning",
]
