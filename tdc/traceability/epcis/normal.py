"""What an event means, independent of how it is written: the form used to compare events
(a round trip returns events "equal in meaning") and to compute the event hash.

JSON-LD semantics that matter for EPCIS, applied without fetching any context: prefixed keys
expand to IRIs through the document's prefixes; the bare CBV words ("shipping") expand to their
web URIs; date-times are instants (UTC, milliseconds); numbers are numbers (200 = 200.0); and
lists are sets (EPCIS's context declares every list `@set`), so their order does not count.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tdc.traceability.epcis.cbv import web_uri
from tdc.traceability.epcis.context import Context
from tdc.traceability.epcis.schema import parse_time
from tdc.traceability.gs1 import canonical_epc

TIME_KEYS = frozenset(
    {"eventTime", "recordTime", "declarationTime", "time", "startTime", "endTime"}
)
EPC_LIST_KEYS = frozenset({"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
# Keys whose values name things by EPC (canonicalised for the hash only).
EPC_KEYS = frozenset({"parentID", "epcClass", "id", "source", "destination"})
VOCABULARY_OF = {
    "bizStep": "bizStep",
    "disposition": "disposition",
    "reason": "error-reason",
    "exception": "sensorAlertType",
}


def lift_simple(event: dict[str, Any]) -> dict[str, Any]:
    """An event written with GS1's simple context in the full context's terms: `id` is the
    event's `eventID`, and `"type": "epcis:SensorElement"` on a sensor element says nothing
    the full context does not already say."""
    lifted = dict(event)
    if "id" in lifted and "eventID" not in lifted:
        lifted["eventID"] = lifted.pop("id")
    sensors = lifted.get("sensorElementList")
    if isinstance(sensors, list):
        lifted["sensorElementList"] = [
            {k: v for k, v in s.items() if not (k == "type" and v in _SENSOR_ELEMENT)}
            if isinstance(s, dict)
            else s
            for s in sensors
        ]
    return lifted


_SENSOR_ELEMENT = ("epcis:SensorElement", "SensorElement")


def utc_time(value: str) -> str:
    """2005-04-03T20:33:31.116-06:00 → 2005-04-04T02:33:31.116Z (the hash's time form)."""
    instant = parse_time(value).astimezone(dt.UTC)
    return instant.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(value: float | int) -> float | int:
    if isinstance(value, bool):
        return value
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def meaning(event: dict[str, Any], context: Context, *, canonical_ids: bool = False) -> Any:
    """The event as a comparable value (see the module's docstring). `canonical_ids` also writes
    every EPC URN or Digital Link as its canonical Digital Link (the event hash does)."""
    return _normalise(event, context, parent="", canonical_ids=canonical_ids)


def _normalise(value: Any, context: Context, *, parent: str, canonical_ids: bool) -> Any:  # noqa: C901
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "@context":
                continue
            out[context.expand(key)] = _normalise(
                item, context, parent=key, canonical_ids=canonical_ids
            )
        if parent in ("bizTransactionList", "sourceList", "destinationList") and "type" in out:
            vocabulary = (
                "bizTransaction-type" if parent == "bizTransactionList" else "source-dest-type"
            )
            out["type"] = web_uri(vocabulary, str(out["type"]))
        return out
    if isinstance(value, list):
        items = [
            _normalise(item, context, parent=parent, canonical_ids=canonical_ids) for item in value
        ]
        if parent in ("set", "unset"):
            items = [web_uri("disposition", i) if isinstance(i, str) else i for i in items]
        if canonical_ids and parent in EPC_LIST_KEYS:
            items = [canonical_epc(i) if isinstance(i, str) else i for i in items]
        return sorted(items, key=lambda i: json.dumps(i, sort_keys=True, ensure_ascii=False))
    if isinstance(value, str):
        text = value.strip()
        if parent in TIME_KEYS:
            try:
                return utc_time(text)
            except ValueError:
                return text
        if parent in VOCABULARY_OF:
            return web_uri(VOCABULARY_OF[parent], text)
        if canonical_ids and parent in EPC_KEYS:
            return canonical_epc(text)
        return text
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value)
    return value


def same_meaning(
    first: dict[str, Any], first_context: Context, second: dict[str, Any], second_context: Context
) -> bool:
    """Do two events say the same thing? (`recordTime`, which the repository sets, aside.)"""
    a = meaning(first, first_context)
    b = meaning(second, second_context)
    for side in (a, b):
        side.pop("recordTime", None)
    return bool(a == b)
