"""How the OpenAPI document describes an API route that answers with a file."""

from __future__ import annotations

from collections.abc import Iterable

BINARY = {"schema": {"type": "string", "format": "binary"}}


def file_responses(description: str, *content_types: str | Iterable[str]) -> dict[str, object]:
    """`openapi_extra` of a download route: its 200 answer is the file, of these types."""
    types: list[str] = []
    for kind in content_types:
        types.extend([kind] if isinstance(kind, str) else kind)
    return {
        "responses": {200: {"description": description, "content": dict.fromkeys(types, BINARY)}}
    }
