"""The CBV 2.0 vocabularies an EPCIS document may name by their bare word ("shipping"), read from
GS1's JSON Schema, and their web-URI form ("https://ref.gs1.org/cbv/BizStep-shipping")."""

from __future__ import annotations

from functools import cache

from tdc.traceability.epcis.schema import schema_document

CBV_BASE = "https://ref.gs1.org/cbv/"
# Field of the schema → prefix of the term in the CBV web vocabulary.
VOCABULARIES = {
    "bizStep": "BizStep-",
    "disposition": "Disp-",
    "bizTransaction-type": "BTT-",
    "source-dest-type": "SDT-",
    "error-reason": "ER-",
    "sensorAlertType": "SensorAlertType-",
}
# Older spellings of the same terms (EPCIS 1.x URNs, the GS1 web vocabulary's first home).
_OLD_PREFIXES = {
    "urn:epcglobal:cbv:bizstep:": "BizStep-",
    "urn:epcglobal:cbv:disp:": "Disp-",
    "urn:epcglobal:cbv:btt:": "BTT-",
    "urn:epcglobal:cbv:sdt:": "SDT-",
    "urn:epcglobal:cbv:er:": "ER-",
    "https://ns.gs1.org/cbv/": "",
    "https://gs1.org/voc/": "",
    "https://ns.gs1.org/voc/": "",
}


@cache
def terms(vocabulary: str) -> frozenset[str]:
    """The bare words of a vocabulary (`bizStep`, `disposition`, …) as the schema lists them."""
    definition = schema_document()["definitions"][vocabulary]
    words: set[str] = set()
    for branch in definition.get("anyOf", []):
        words.update(branch.get("enum", []))
    return frozenset(words)


def web_uri(vocabulary: str, value: str) -> str:
    """The CBV web URI of a bare word or an older spelling; any other URI unchanged."""
    prefix = VOCABULARIES[vocabulary]
    if value in terms(vocabulary):
        return f"{CBV_BASE}{prefix}{value}"
    for old, new_prefix in _OLD_PREFIXES.items():
        if value.startswith(old):
            rest = value[len(old) :]
            return f"{CBV_BASE}{new_prefix or ''}{rest}"
    return value


def bare_word(vocabulary: str, value: str) -> str:
    """The bare word of a CBV term (for display and indexing), or the value as given."""
    full = web_uri(vocabulary, value)
    prefix = CBV_BASE + VOCABULARIES[vocabulary]
    if full.startswith(prefix) and full[len(prefix) :] in terms(vocabulary):
        return full[len(prefix) :]
    return value


def unknown_cbv_uri(vocabulary: str, value: str) -> bool:
    """A CBV web URI naming a term the vocabulary does not have (`…/BizStep-harvest`)."""
    full = web_uri(vocabulary, value)
    if not full.startswith(CBV_BASE):
        return False
    prefix = CBV_BASE + VOCABULARIES[vocabulary]
    return not (full.startswith(prefix) and full[len(prefix) :] in terms(vocabulary))
