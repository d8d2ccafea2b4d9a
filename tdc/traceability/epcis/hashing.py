"""The EPCIS event hash (CBV 2.0, 8.9.2; GS1's reference "EPCIS Event Hash Generator"): an
identifier computed from what an event says, so the same event captured twice — whatever its
syntax, key order, list order, time-zone spelling or identifier form — is recognised.

The pre-hash string is `eventType=…` followed by the event's properties in the standard's
canonical order, each `name=value` with values normalised (UTC times at millisecond precision,
CBV web URIs, canonical Digital Link URIs, numbers without trailing zeros, lists sorted),
then every remaining (extension) property as a sorted `IRI=value` list; `eventID`, `recordTime`
`certificationInfo` and `errorDeclaration` take no part (an error declaration is the
original event restated with the declaration added, and so has the original's hash).
The hash is `ni:///sha-256;<hex>?ver=CBV2.0`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from tdc.traceability.epcis.context import Context
from tdc.traceability.epcis.normal import meaning

_QUANTITY = (("epcClass", None), ("quantity", None), ("uom", None))
Order = tuple[tuple[str, "Order | None"], ...]
PROPERTY_ORDER: Order = (
    ("eventTime", None),
    ("eventTimeZoneOffset", None),
    ("epcList", (("epc", None),)),
    ("parentID", None),
    ("inputEPCList", (("epc", None),)),
    ("childEPCs", (("epc", None),)),
    ("quantityList", (("quantityElement", _QUANTITY),)),
    ("childQuantityList", (("quantityElement", _QUANTITY),)),
    ("inputQuantityList", (("quantityElement", _QUANTITY),)),
    ("outputEPCList", (("epc", None),)),
    ("outputQuantityList", (("quantityElement", _QUANTITY),)),
    ("action", None),
    ("transformationID", None),
    ("bizStep", None),
    ("disposition", None),
    ("persistentDisposition", (("set", None), ("unset", None))),
    ("readPoint", (("id", None),)),
    ("bizLocation", (("id", None),)),
    ("bizTransactionList", (("bizTransaction", (("type", None), ("bizTransaction", None))),)),
    ("sourceList", (("source", (("type", None), ("source", None))),)),
    ("destinationList", (("destination", (("type", None), ("destination", None))),)),
    ("sensorElementList", (("sensorElement", (("sensorMetadata", None), ("sensorReport", None))),)),
    ("ilmd", None),
)
# An error declaration restates the event it declares in error: it keeps that event's hash.
IGNORED = frozenset(
    {"eventID", "recordTime", "certificationInfo", "errorDeclaration", "type", "@context"}
)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _render(name: str, value: Any, order: Order | None) -> str:
    """`name=value`, or `name` followed by its children (ordered ones first, then the rest).

    A list whose order names one child (`epcList` → `epc`) is `name` then each child sorted;
    any other list repeats `name` for each item, sorted."""
    if isinstance(value, list):
        if order is not None and len(order) == 1:
            child_name, child_order = order[0]
            return name + "".join(sorted(_render(child_name, i, child_order) for i in value))
        return "".join(sorted(_render(name, item, order) for item in value))
    if isinstance(value, dict):
        return name + _children(value, order or ())
    return f"{name}={_scalar(value)}"


def _children(value: dict[str, Any], order: Order) -> str:
    seen: set[str] = set()
    text = ""
    for key, sub in order:
        if key in value:
            seen.add(key)
            text += _render(key, value[key], sub)
    rest = sorted(_render(k, v, None) for k, v in value.items() if k not in seen)
    return text + "".join(rest)


def pre_hash(event: dict[str, Any], context: Context) -> str:
    normal = meaning(event, context, canonical_ids=True)
    body = {k: v for k, v in normal.items() if k not in IGNORED}
    return f"eventType={event.get('type', '')}" + _children(body, PROPERTY_ORDER)


def event_hash(event: dict[str, Any], context: Context) -> str:
    digest = hashlib.sha256(pre_hash(event, context).encode("utf-8")).hexdigest()
    return f"ni:///sha-256;{digest}?ver=CBV2.0"
