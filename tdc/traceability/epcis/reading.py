"""Read an EPCIS 2.0 JSON-LD document and decide, once, whether it is accepted — whole.

`check_document(raw)` is what the capture endpoint and `tdc epcis check` both call: bounded size
and depth, JSON, GS1's standard context, GS1's JSON Schema (the envelope, then each event by its
type), the CBV vocabularies, every GS1 identifier (check digits, URN structure), and the
document's own consistency (an event declared twice; an error declaration without the time it
was declared). Every reason is listed, numbered by event; if there is one, nothing is accepted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from tdc.traceability.epcis.cbv import unknown_cbv_uri
from tdc.traceability.epcis.context import Context, read_context
from tdc.traceability.epcis.hashing import document_vocabulary, event_hash
from tdc.traceability.epcis.normal import lift_simple
from tdc.traceability.epcis.schema import document_errors, event_errors, parse_time
from tdc.traceability.gs1 import IdentifierError, parse_digital_link
from tdc.traceability.gs1.epc import epc_to_link

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_EVENTS = 10_000
MAX_DEPTH = 24
_DIGITAL_LINK = re.compile(
    r"https?://[^/\s]+(?:/[^\s]*)?/(?:01/\d{8,14}|00/\d{18}|414/\d{13})(?:[/?#]|$)"
)


@dataclass
class CheckedEvent:
    """One accepted event: its JSON as written, its hash and the fields that are indexed."""

    body: dict[str, Any]
    event_hash: str
    type: str
    event_time: dt.datetime
    time_zone_offset: str
    action: str
    biz_step: str
    disposition: str
    read_point: str
    biz_location: str
    epcs: list[tuple[str, str]]  # (role, value as written)
    declared_event_id: str
    corrective_event_ids: list[str]
    error_declared_at: dt.datetime | None
    prefixes: dict[str, str]


@dataclass
class DocumentCheck:
    """The verdict on a document: its events when accepted, every reason when not."""

    reasons: list[str] = field(default_factory=list)
    events: list[CheckedEvent] = field(default_factory=list)
    context: Context = field(default_factory=Context)
    document_type: str = ""

    @property
    def accepted(self) -> bool:
        return not self.reasons


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def too_large(size: int, limit: int) -> str:
    """The reason for a document over the size limit (Vietnamese digit grouping)."""
    return f"tài liệu dài {_grouped(size)} byte, quá giới hạn {_grouped(limit)} byte"


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            return depth
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return deepest


def check_document(raw: bytes | str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> DocumentCheck:
    check = DocumentCheck()
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > max_bytes:
        check.reasons.append(too_large(size, max_bytes))
        return check
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = (
            f" (dòng {exc.lineno}, cột {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        check.reasons.append(f"không phải JSON hợp lệ{where}")
        return check
    except RecursionError:
        check.reasons.append(f"cấu trúc lồng nhau quá sâu (tối đa {MAX_DEPTH} mức)")
        return check
    if not isinstance(document, dict):
        check.reasons.append("tài liệu EPCIS phải là một đối tượng JSON")
        return check
    if _depth(document) > MAX_DEPTH:
        check.reasons.append(f"cấu trúc lồng nhau quá sâu (tối đa {MAX_DEPTH} mức)")
        return check
    return _check_parsed(document, check)


def _check_parsed(document: dict[str, Any], check: DocumentCheck) -> DocumentCheck:
    check.document_type = str(document.get("type", ""))
    check.context = read_context(document.get("@context"))
    check.reasons.extend(check.context.problems)
    if check.document_type == "EPCISQueryDocument":
        body = document.get("epcisBody", {}).get("queryResults", {}).get("resultsBody", {})
    elif check.document_type == "EPCISDocument":
        body = document.get("epcisBody", {})
    else:
        check.reasons.append(
            f"type: tài liệu phải là “EPCISDocument” (nhận được “{check.document_type}”)"
        )
        return check
    events = body.get("eventList") if isinstance(body, dict) else None
    if not isinstance(events, list):
        check.reasons.append("epcisBody.eventList: thiếu danh sách sự kiện")
        return check
    if len(events) > MAX_EVENTS:
        check.reasons.append(f"tài liệu có {len(events)} sự kiện, quá giới hạn {MAX_EVENTS}")
        return check
    check.context.vocabulary = document_vocabulary(events, check.context)
    envelope = _envelope(document, check)
    check.reasons.extend(document_errors(envelope))
    seen: dict[str, int] = {}
    for number, raw_event in enumerate(events, start=1):
        label = f"sự kiện {number}"
        if not isinstance(raw_event, dict):
            check.reasons.append(f"{label}: phải là một đối tượng JSON")
            continue
        event = lift_simple(raw_event) if check.context.simple else raw_event
        problems = event_errors(event)
        if not problems:
            problems = _semantic_problems(event)
        if problems:
            check.reasons.extend(f"{label} ({event.get('type', '?')}): {p}" for p in problems)
            continue
        checked = _checked(event, _event_context(event, check.context))
        if checked.event_hash in seen and checked.error_declared_at is None:
            check.reasons.append(
                f"{label}: trùng nội dung với sự kiện {seen[checked.event_hash]} trong cùng tài liệu"
            )
            continue
        seen[checked.event_hash] = number
        check.events.append(checked)
    if check.reasons:
        check.events = []
    return check


def _event_context(event: dict[str, Any], context: Context) -> Context:
    """An event may add prefixes of its own (`"@context": {"ex2": …}` inside the event)."""
    own = event.get("@context")
    if not own:
        return context
    entries = own if isinstance(own, list) else [own]
    merged = Context(
        simple=context.simple, prefixes=dict(context.prefixes), vocabulary=context.vocabulary
    )
    for entry in entries:
        if isinstance(entry, dict):
            merged.prefixes.update({str(k): str(v) for k, v in entry.items() if isinstance(v, str)})
    return merged


def _envelope(document: dict[str, Any], check: DocumentCheck) -> dict[str, Any]:
    """The document without its events (they are checked one by one)."""
    envelope = dict(document)
    if check.context.simple:
        # GS1's simple-context examples write the version as a number or leave out the
        # version and creation date: read them as the full context's defaults.
        version = envelope.get("schemaVersion", "2.0")
        envelope["schemaVersion"] = str(version)
        envelope.setdefault("creationDate", "1970-01-01T00:00:00Z")
    if check.document_type == "EPCISQueryDocument":
        envelope["epcisBody"] = {
            "queryResults": {
                **document["epcisBody"]["queryResults"],
                "resultsBody": {"eventList": []},
            }
        }
    else:
        envelope["epcisBody"] = {**document["epcisBody"], "eventList": []}
    return envelope


def _identifier_problem(value: str) -> str | None:
    try:
        if value.startswith("urn:epc:"):
            epc_to_link(value)
        elif _DIGITAL_LINK.match(value):
            parse_digital_link(value)
    except IdentifierError as exc:
        return str(exc)
    return None


def _identifiers(event: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for role in ("epcList", "childEPCs", "inputEPCList", "outputEPCList"):
        found.extend((role, str(v)) for v in event.get(role) or [])
    if event.get("parentID"):
        found.append(("parentID", str(event["parentID"])))
    for role in ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"):
        found.extend((role, str(q.get("epcClass", ""))) for q in event.get(role) or [])
    return found


def _semantic_problems(event: dict[str, Any]) -> list[str]:
    """What GS1's schema cannot say: CBV web URIs of unknown terms, identifiers' check digits."""
    problems = []
    for key, vocabulary in (("bizStep", "bizStep"), ("disposition", "disposition")):
        value = event.get(key)
        if isinstance(value, str) and unknown_cbv_uri(vocabulary, value):
            problems.append(f"{key}: “{value}” không thuộc từ vựng CBV 2.0")
    places = [("readPoint.id", (event.get("readPoint") or {}).get("id", ""))]
    places.append(("bizLocation.id", (event.get("bizLocation") or {}).get("id", "")))
    for role, value in [*_identifiers(event), *places]:
        if value and (problem := _identifier_problem(value)):
            problems.append(f"{role}: {problem}")
    return problems


def _checked(event: dict[str, Any], context: Context) -> CheckedEvent:
    declaration = event.get("errorDeclaration") or {}
    declared_at = declaration.get("declarationTime")
    return CheckedEvent(
        body=event,
        event_hash=event_hash(event, context),
        type=str(event["type"]),
        event_time=parse_time(str(event["eventTime"])),
        time_zone_offset=str(event["eventTimeZoneOffset"]),
        action=str(event.get("action", "")),
        biz_step=str(event.get("bizStep", "")),
        disposition=str(event.get("disposition", "")),
        read_point=str((event.get("readPoint") or {}).get("id", "")),
        biz_location=str((event.get("bizLocation") or {}).get("id", "")),
        epcs=_identifiers(event),
        declared_event_id=str(event.get("eventID", "")),
        corrective_event_ids=[str(i) for i in declaration.get("correctiveEventIDs") or []],
        error_declared_at=parse_time(str(declared_at)) if declared_at else None,
        prefixes=dict(context.prefixes),
    )
