"""The EPCIS event hash (CBV 2.0, section 8.9; GS1's reference "EPCIS Event Hash Generator"): an
identifier computed from what an event says, so the same event captured twice — whatever its
key order, list order, time-zone spelling or identifier form — is recognised.

The event is read as a tree of `(name, text, children)` nodes, the way its XML binding would
write it (a JSON list is repeated elements, `epcList` holds `epc` elements, a quantity list
holds `quantityElement`s, prefixed keys are `{namespace}name`). The pre-hash string is
`eventType=<type>` followed by:

1. the standard properties in the canonical order (`PROPERTY_ORDER`), each `name=value`, a
   nested property as its name followed by its own children in their order, the values of a
   repeated property sorted; user extensions inside `readPoint`, `bizLocation`, sensor
   elements, metadata and reports at the end of their parent;
2. then every property not yet written (ILMD, the business transaction, source and
   destination lists, user extensions at event level) as `name=value` strings, sorted — except
   within one business transaction, source or destination, whose type comes as written.

Values are normalised: times in UTC at millisecond precision (half-even rounding), CBV terms as
web URIs (`shipping` and `urn:epcglobal:cbv:bizstep:shipping` both become
`https://ref.gs1.org/cbv/BizStep-shipping`), numbers without leading or trailing zeros, GS1
identifiers as constrained canonical Digital Link URIs. `eventID`, `recordTime` and
`errorDeclaration` take no part (an error declaration restates the event it declares in error,
and keeps that event's hash). The hash is `ni:///sha-256;<hex>?ver=CBV2.0`.

This module is written from the standard's description; GS1's reference generator was run on
every GS1 example document to produce the expected hashes the tests compare against
(`tests/epcis/data/reference-hashes.json`), including its readings where the description is
silent (the order of business transactions, sources and destinations).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from tdc.traceability.epcis.cbv import terms
from tdc.traceability.epcis.context import Context
from tdc.traceability.epcis.schema import parse_time
from tdc.traceability.gs1.canonical import constrained_digital_link

# A node: (name, text, children). The entries of a business transaction, source or destination
# list are pairs of nodes (type, value) kept in the order written.
Node = tuple[Any, str, list[Any]]
Order = tuple[tuple[str, "Order | None"], ...]

_QUANTITY: Order = (("epcClass", None), ("quantity", None), ("uom", None))
_SENSOR_METADATA: Order = tuple(
    (name, None)
    for name in (
        "time",
        "startTime",
        "endTime",
        "deviceID",
        "deviceMetadata",
        "rawData",
        "dataProcessingMethod",
        "bizRules",
    )
)
_SENSOR_REPORT: Order = tuple(
    (name, None)
    for name in (
        "type",
        "exception",
        "deviceID",
        "deviceMetadata",
        "rawData",
        "dataProcessingMethod",
        "time",
        "microorganism",
        "chemicalSubstance",
        "value",
        "component",
        "stringValue",
        "booleanValue",
        "hexBinaryValue",
        "uriValue",
        "minValue",
        "maxValue",
        "meanValue",
        "sDev",
        "percRank",
        "percValue",
        "uom",
        "coordinateReferenceSystem",
    )
)
PROPERTY_ORDER: Order = (
    ("eventTime", None),
    ("eventTimeZoneOffset", None),
    ("certificationInfo", None),
    ("parentID", None),
    ("epcList", (("epc", None),)),
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
    (
        "sensorElementList",
        (
            (
                "sensorElement",
                (("sensorMetadata", _SENSOR_METADATA), ("sensorReport", _SENSOR_REPORT)),
            ),
        ),
    ),
)
IGNORED = frozenset({"recordTime", "eventID", "type", "errorDeclaration"})
_PAIRED_LISTS = ("sourceList", "destinationList", "bizTransactionList")
_PAIRED_ITEMS = ("bizTransaction", "source", "destination")
_COMMENTS = frozenset({"#text", "rdfs:comment", "comment"})
_OLD_CBV = (
    ("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"),
    ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
    ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
    ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
    ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"),
)
_CBV = "https://ref.gs1.org/cbv/"
_GS1_VOC = "https://gs1.org/voc/"
_BUILT_IN = {"cbv": _CBV, "gs1": _GS1_VOC}
# Where the EPCIS context makes a bare word a vocabulary term: vocabulary → IRI prefix.
_TERM_IRIS = {
    "bizStep": _CBV + "BizStep-",
    "disposition": _CBV + "Disp-",
    "bizTransaction-type": _CBV + "BTT-",
    "source-dest-type": _CBV + "SDT-",
    "error-reason": _CBV + "ER-",
    "measurementType": _GS1_VOC,
    "sensorAlertType": _GS1_VOC,
    "component": _CBV + "Comp-",
}


# --- The vocabulary terms of a document (what JSON-LD expansion makes of its bare words). ---


def _term_iri(vocabulary: str, value: Any, context: Context) -> str | None:
    if not isinstance(value, str):
        return None
    if value in terms(vocabulary):
        return _TERM_IRIS[vocabulary] + value
    prefix, sep, rest = value.partition(":")
    if sep and not rest.startswith("//"):
        base = context.prefixes.get(prefix) or _BUILT_IN.get(prefix)
        return base + rest if base else None
    return value


def _vocabulary_values(event: dict[str, Any]) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [
        ("bizStep", event.get("bizStep")),
        ("disposition", event.get("disposition")),
    ]
    persistent = event.get("persistentDisposition")
    if isinstance(persistent, dict):
        for key in ("set", "unset"):
            found.extend(("disposition", v) for v in _as_list(persistent.get(key)))
    for key, vocabulary in (
        ("bizTransactionList", "bizTransaction-type"),
        ("sourceList", "source-dest-type"),
        ("destinationList", "source-dest-type"),
    ):
        found.extend((vocabulary, i.get("type")) for i in _dicts(event.get(key)))
    declaration = event.get("errorDeclaration")
    if isinstance(declaration, dict):
        found.append(("error-reason", declaration.get("reason")))
    for element in _dicts(event.get("sensorElementList")):
        for report in _dicts(element.get("sensorReport")):
            found.append(("measurementType", report.get("type")))
            found.append(("sensorAlertType", report.get("exception")))
            found.append(("component", report.get("component")))
    return found


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [i for i in _as_list(value) if isinstance(i, dict)]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key != "@context" for s in _strings(item)]
    return []


def document_vocabulary(events: list[Any], context: Context) -> frozenset[str]:
    """The CBV and GS1 web-vocabulary IRIs a document names, in whichever spelling: the hash
    writes a bare word as the one IRI of these that ends with it."""
    found: set[str] = set()
    for event in events:
        if not isinstance(event, dict):
            continue
        found.update(_strings(event))
        for vocabulary, value in _vocabulary_values(event):
            if (iri := _term_iri(vocabulary, value, context)) is not None:
                found.add(iri)
    return frozenset(v for v in found if v.startswith((_CBV, _GS1_VOC)))


def _expand_bare(value: Any, vocabulary: frozenset[str]) -> Any:
    if isinstance(value, str):
        matches = [v for v in vocabulary if v.endswith(("-" + value, "/" + value))]
        return matches[0] if len(matches) == 1 else value
    if isinstance(value, list):
        return [_expand_bare(item, vocabulary) for item in value]
    if isinstance(value, dict):
        return {key: _expand_bare(item, vocabulary) for key, item in value.items()}
    return value


# --- The event as a tree. ---


def _key(key: str, context: Context) -> str:
    prefix, sep, rest = key.partition(":")
    if sep and prefix in context.prefixes:
        return "{" + context.prefixes[prefix] + "}" + rest
    return key


def _text(value: Any, context: Context) -> str:
    if isinstance(value, str):
        prefix, sep, rest = value.partition(":")
        if sep and prefix in context.prefixes:
            return context.prefixes[prefix] + rest
    return str(value)


def _keeps_order(value: list[Any] | dict[str, Any]) -> bool:
    return any(name in value for name in _PAIRED_ITEMS)


def _tree(value: Any, context: Context) -> Node:
    if isinstance(value, list):
        children = [_tree(item, context) for item in value]
    elif isinstance(value, dict):
        node: Node = (str(value.get("type", "")), str(value.get("#text", "")), [])
        for key, item in value.items():
            if key in _COMMENTS:
                continue
            child = _tree(item, context)
            named = _key(key, context)
            if isinstance(item, list):
                node[2].extend((named, c[1], c[2]) for c in child[2])
            else:
                node[2].append((named, child[1], child[2]))
        if not _keeps_order(value):
            node[2].sort()
        return node
    else:
        return ("", _text(value, context), [])
    if not _keeps_order(value):
        children.sort()
    return ("", "", children)


def _as_xml(node: Node) -> Node:
    """Repeated `xList` entries become one `xList` of `x` elements, the way XML writes them;
    quantities are `quantityElement`s, input and output EPCs are `epc`s."""
    name, text, children = node
    lists: dict[str, list[Node]] = {}
    for child in [c for c in children if isinstance(c[0], str) and c[0].endswith("List")]:
        lists.setdefault(child[0], []).append((child[0][:-4], child[1], child[2]))
        children.remove(child)
    for list_name, items in lists.items():
        if list_name in _PAIRED_LISTS:
            children.append((list_name, "", [tuple(item[2][:2]) for item in items]))
        else:
            children.append((list_name, "", items))
    child_epcs = [c for c in children if c[0] == "childEPCs"]
    for child in child_epcs:
        children.remove(child)
    if child_epcs:
        children.append(("childEPCs", "", [("epc", c[1], []) for c in child_epcs]))
    corrected = [c if c[0] in _PAIRED_LISTS else _as_xml(c) for c in children]
    if name in ("inputEPC", "outputEPC"):
        name = "epc"
    elif name in ("inputQuantity", "outputQuantity", "childQuantity") or (
        name == "quantity" and corrected
    ):
        name = "quantityElement"
    return (name, text, corrected)


# --- Values. ---


def utc_millis(value: str) -> str:
    """2005-04-03T20:33:31.1165-06:00 → 2005-04-04T02:33:31.116Z (half-even to the millisecond)."""
    try:
        instant = parse_time(value).astimezone(dt.UTC)
    except ValueError:
        return value
    millis = round(instant.microsecond, -3)
    instant = instant.replace(microsecond=0) + dt.timedelta(microseconds=millis)
    return instant.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(text: str) -> str:
    try:
        number = float(text)
        return str(int(number)) if int(number) == number else str(number)
    except (ValueError, OverflowError):
        return text


def canonical_value(text: str) -> str:
    for old, new in _OLD_CBV:
        text = text.replace(old, new)
    text = _number(text)
    return constrained_digital_link(text) or text


# --- The pre-hash string. ---


def _is_pair(child: Any) -> bool:
    """A business transaction, source or destination: its nodes (type, value) as written."""
    return isinstance(child, tuple) and (not child or isinstance(child[0], tuple))


def _take_extensions(children: list[Any]) -> list[Any]:
    """User extensions inside a standard property (not at event level) go at its end."""
    if len(children) <= 1 or any(
        not _is_pair(c) and ("eventTime" in c[0] or "action" in c[0]) for c in children
    ):
        return []
    found = [
        c
        for c in children
        if not _is_pair(c) and isinstance(c[0], str) and "{" in c[0] and "/}" in c[0]
    ]
    for child in found:
        children.remove(child)
    return found


def _in_order(children: list[Any], order: Order) -> str:
    """The ordered properties of `children`, removing those fully written."""
    extensions = _take_extensions(children)
    by_name: dict[str, list[Node]] = {}
    for child in children:
        if not _is_pair(child):
            by_name.setdefault(child[0], []).append(child)
    text = ""
    for name, sub_order in order:
        values = []
        for child in by_name.get(name, ()):
            if written := _property(child, sub_order):
                values.append(written)
            if not child[2]:
                children.remove(child)
        text += "".join(sorted(values))
    if extensions:
        text += _rest(extensions)
    return text


def _property(node: Node, sub_order: Order | None) -> str:
    name, value, children = node
    nested = _in_order(children, sub_order) if sub_order else ""
    written = ""
    if value:
        written = value.strip()
        lowered = name.lower()
        written = (
            utc_millis(written)
            if "time" in lowered and "offset" not in lowered
            else canonical_value(written)
        )
        written = "=" + written if written else ""
    return name + written + nested if written or nested else ""


def _rest(children: list[Any]) -> str:
    values = []
    for child in children:
        if _is_pair(child):
            values.append(_rest(list(child)))
            continue
        value = child[1].strip()
        written = "=" + canonical_value(value) if value else ""
        values.append(child[0] + written + _rest(child[2]))
    if len(children) > 1 and not any(not _is_pair(c) and c[0] in _PAIRED_ITEMS for c in children):
        values.sort()
    return "".join(values)


def pre_hash(event: dict[str, Any], context: Context) -> str:
    vocabulary = context.vocabulary or document_vocabulary([event], context)
    body = _expand_bare({k: v for k, v in event.items() if k != "@context"}, vocabulary)
    name, _, children = _as_xml(_tree(body, context))
    ordered = _in_order(children, PROPERTY_ORDER)
    remaining = [c for c in children if _is_pair(c) or c[0] not in IGNORED]
    return f"eventType={name}" + ordered + (_rest(remaining) if remaining else "")


def event_hash(event: dict[str, Any], context: Context) -> str:
    digest = hashlib.sha256(pre_hash(event, context).encode("utf-8")).hexdigest()
    return f"ni:///sha-256;{digest}?ver=CBV2.0"
