"""The JSON-LD context of an EPCIS document: GS1's standard contexts (full or simple) and the
document's own namespace prefixes ("example": "http://ns.example.com/epcis/").

Remote contexts are never fetched (the platform runs on an intranet, and fetching what a
document names would let it make the server call anywhere): a document must use one of GS1's
published EPCIS contexts, whose terms are known here, plus inline prefix definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FULL_CONTEXTS = frozenset(
    {
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
        "https://gs1.github.io/EPCIS/epcis-context.jsonld",
    }
)
SIMPLE_CONTEXTS = frozenset(
    {
        "https://gs1.github.io/EPCIS/epcis-context-simple.jsonld",
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context-simple.jsonld",
    }
)
STANDARD_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
# Prefixes the EPCIS context itself defines.
BUILT_IN_PREFIXES = {
    "epcis": "https://ref.gs1.org/epcis/",
    "cbv": "https://ref.gs1.org/cbv/",
    "gs1": "https://gs1.org/voc/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass
class Context:
    simple: bool = False
    prefixes: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # The CBV / GS1 web-vocabulary IRIs the whole document names (see `hashing`).
    vocabulary: frozenset[str] = frozenset()

    def expand(self, key: str) -> str:
        """`example:myField` → `http://ns.example.com/epcis/myField`; other keys unchanged."""
        prefix, sep, rest = key.partition(":")
        if sep and not rest.startswith("//"):
            base = self.prefixes.get(prefix) or BUILT_IN_PREFIXES.get(prefix)
            if base:
                return base + rest
        return key


def read_context(value: Any) -> Context:
    context = Context()
    entries = value if isinstance(value, list) else [value]
    standard = False
    for entry in entries:
        if isinstance(entry, str):
            if entry in FULL_CONTEXTS:
                standard = True
            elif entry in SIMPLE_CONTEXTS:
                standard = True
                context.simple = True
            else:
                context.problems.append(
                    f"@context: ngữ cảnh “{entry}” không phải ngữ cảnh EPCIS của GS1 "
                    "(hệ thống không tải ngữ cảnh từ mạng)"
                )
        elif isinstance(entry, dict):
            for prefix, iri in entry.items():
                if isinstance(iri, str):
                    context.prefixes[str(prefix)] = iri
                elif isinstance(iri, dict) and isinstance(iri.get("@id", ""), str):
                    # A term definition ({"@id": …, "@type": …}): its IRI names the term.
                    if iri.get("@id"):
                        context.prefixes[str(prefix)] = str(iri["@id"])
                else:
                    context.problems.append(
                        f"@context: tiền tố “{prefix}” phải trỏ tới một địa chỉ (IRI)"
                    )
    if not standard:
        context.problems.append(
            "@context: thiếu ngữ cảnh EPCIS 2.0 của GS1 (" + STANDARD_CONTEXT + ")"
        )
    return context
