"""GS1's EPCIS 2.0 JSON Schema (draft-07), with Vietnamese reasons for what it refuses.

The schema is GS1's own file, read once. Two format checks it relies on ("uri", "date-time")
are written here: jsonschema only checks them with optional packages. One erratum of the
schema's version is corrected on load: `persistentDisposition`, which EPCIS 2.0 (7.4) gives to
every event type, is missing from the allowed property names of AggregationEvent and
AssociationEvent.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

SCHEMA_PATH = Path(__file__).with_name("data") / "EPCIS-JSON-Schema.json"
EVENT_TYPES = (
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
)
# A URI (RFC 3986 scheme ":" rest, no spaces) or a JSON-LD blank node ("_:document1").
_URI = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*|_):\S*")
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})", re.IGNORECASE
)

FORMATS = FormatChecker(formats=())


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.fullmatch(value))


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    try:
        parse_time(value)
    except ValueError:
        return False
    return True


def parse_time(value: str) -> dt.datetime:
    """An RFC 3339 date-time (with its offset) as an aware datetime."""
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    parsed = dt.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError(value)
    return parsed


def _add_persistent_disposition(node: Any) -> None:
    if isinstance(node, dict):
        enum = node.get("enum")
        if (
            isinstance(enum, list)
            and "bizStep" in enum
            and "disposition" in enum
            and "persistentDisposition" not in enum
        ):
            enum.append("persistentDisposition")
        for value in node.values():
            _add_persistent_disposition(value)
    elif isinstance(node, list):
        for value in node:
            _add_persistent_disposition(value)


@cache
def schema_document() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    _add_persistent_disposition(schema["definitions"])
    return schema


@cache
def _validator(definition: str) -> Draft7Validator:
    schema = schema_document()
    if definition == "":
        return Draft7Validator(schema, format_checker=FORMATS)
    return Draft7Validator(
        {"allOf": [{"$ref": f"#/definitions/{definition}"}], "definitions": schema["definitions"]},
        format_checker=FORMATS,
    )


def document_errors(document: dict[str, Any]) -> list[str]:
    """Reasons the document's envelope (everything but its events) breaks the schema."""
    return [_reason(error, "") for error in _validator("").iter_errors(document)]


def event_errors(event: dict[str, Any]) -> list[str]:
    """Reasons one event breaks the schema of its type (each failing property once)."""
    kind = event.get("type")
    if kind not in EVENT_TYPES:
        return [
            f"loại sự kiện “{kind}” không có trong EPCIS 2.0 (cần một trong: "
            + ", ".join(EVENT_TYPES)
            + ")"
        ]
    return _once_per_place(_validator(str(kind)).iter_errors(event))


def _once_per_place(errors: Iterator[ValidationError]) -> list[str]:
    """One reason per failing place (the same field can fail several branches of the schema)."""
    reasons: dict[str, str] = {}
    for error in sorted(errors, key=lambda e: e.validator != "enum"):
        reason = _reason(error, "")
        place = reason.split(": ", 1)[0] if ": " in reason else ""
        reasons.setdefault(place, reason)
    return list(reasons.values())


def _path(error: ValidationError) -> str:
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in error.absolute_path]
    return ".".join(parts).replace(".[", "[")


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    if not error.context:
        yield error
        return
    for child in error.context:
        yield from _leaves(child)


_TYPES_VI = {
    "string": "chuỗi",
    "number": "số",
    "integer": "số nguyên",
    "array": "danh sách",
    "object": "đối tượng",
    "boolean": "đúng/sai",
}


def _reason(error: ValidationError, prefix: str) -> str:  # noqa: C901, PLR0911
    """One Vietnamese sentence for a schema error, naming where it is."""
    schema_path = [str(p) for p in error.schema_path]
    if "propertyNames" in schema_path:
        return (
            f"{_where(error)}trường “{error.instance}” không có trong EPCIS 2.0 "
            "(trường mở rộng phải có tiền tố, ví dụ “example:truong”)"
        )
    if _about_ilmd(error):
        return f"{_where(error)}ilmd chỉ dùng được khi action là ADD"
    leaf = best_match(_leaves(error)) if error.context else error
    where = _where(leaf)
    field = str(leaf.absolute_path[-1]) if leaf.absolute_path else ""
    vocabulary_field = field in ("bizStep", "disposition", "reason") or (
        field == "type" and len(leaf.absolute_path) > 2
    )
    if vocabulary_field and leaf.validator in ("enum", "pattern", "format", "anyOf"):
        return f"{where}“{leaf.instance}” không thuộc từ vựng CBV 2.0"
    if leaf.validator == "required":
        missing = leaf.message.split("'")[1] if "'" in leaf.message else leaf.message
        return f"{where}thiếu trường bắt buộc “{missing}”"
    if leaf.validator == "type":
        wanted = leaf.validator_value
        names = wanted if isinstance(wanted, list) else [wanted]
        wanted_vi = ", ".join(_TYPES_VI.get(str(n), str(n)) for n in names)
        return f"{where}sai kiểu dữ liệu (cần {wanted_vi})"
    if leaf.validator == "enum":
        allowed = ", ".join(str(v) for v in leaf.validator_value[:8])
        return f"{where}“{leaf.instance}” không nằm trong các giá trị cho phép ({allowed})"
    if leaf.validator in ("format", "pattern"):
        return f"{where}“{leaf.instance}” không đúng định dạng"
    if leaf.validator in ("minItems", "uniqueItems"):
        return f"{where}danh sách không hợp lệ ({'rỗng' if leaf.validator == 'minItems' else 'có phần tử trùng'})"
    return f"{where}không hợp lệ theo lược đồ EPCIS ({leaf.validator})"


def _about_ilmd(error: ValidationError) -> bool:
    """The schema's "ilmd only with ADD" rule fails as an anyOf of action patterns."""
    ends = {leaf.absolute_path[-1] if leaf.absolute_path else "" for leaf in _leaves(error)}
    return error.validator == "anyOf" and "ilmd" in ends and ends <= {"ilmd", "action"}


def _where(error: ValidationError) -> str:
    path = _path(error)
    return f"{path}: " if path else ""


__all__ = ["EVENT_TYPES", "document_errors", "event_errors", "parse_time", "schema_document"]
