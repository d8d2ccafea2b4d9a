"""EPCIS documents for tests: GS1's examples and small documents built on purpose."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tdc.traceability.epcis.context import STANDARD_CONTEXT

EXAMPLES = Path(__file__).resolve().parents[2] / "epcis" / "data" / "examples"
ALL_EXAMPLES = sorted(EXAMPLES.rglob("*.jsonld"))
# GS1's own schema refuses this example (ILMD on an OBSERVE event; EPCIS 2.0, 7.4.2).
SCHEMA_REFUSES = {
    "JSON-simple-context/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld"
}
ACCEPTED_EXAMPLES = [p for p in ALL_EXAMPLES if str(p.relative_to(EXAMPLES)) not in SCHEMA_REFUSES]

SHIPPING: dict[str, Any] = {
    "type": "ObjectEvent",
    "eventTime": "2026-11-30T08:00:00.000+07:00",
    "eventTimeZoneOffset": "+07:00",
    "epcList": ["urn:epc:id:sgtin:8934588.006306.1001", "urn:epc:id:sgtin:8934588.006306.1002"],
    "action": "OBSERVE",
    "bizStep": "shipping",
    "disposition": "in_transit",
    "readPoint": {"id": "urn:epc:id:sgln:8934588.00001.0"},
}


def event(**changes: Any) -> dict[str, Any]:
    result = copy.deepcopy(SHIPPING)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def document(*events: dict[str, Any], context: Any = None) -> dict[str, Any]:
    return {
        "@context": context or [STANDARD_CONTEXT, {"ex": "https://example.org/epcis/"}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-11-30T09:00:00Z",
        "epcisBody": {"eventList": list(events) or [event()]},
    }


def raw(*events: dict[str, Any], **kwargs: Any) -> bytes:
    return json.dumps(document(*events, **kwargs)).encode()
