"""EPC URNs (GS1 Tag Data Standard) ↔ GS1 Digital Link URIs, both ways.

EPCIS documents mix `urn:epc:id:sgtin:0614141.107346.2017` and
`https://id.gs1.org/01/00614141073467/21/2017`; they name the same thing. The URN form needs
the length of the GS1 company prefix, which `biip` knows from GS1's table.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from tdc.traceability.gs1.keys import IdentifierError, check_digit, company_prefix
from tdc.traceability.gs1.links import CANONICAL_DOMAIN, DigitalLink, parse_digital_link

# TDS 2.x, 7.1: characters of an EPC URI component that stay as they are.
_URN_SAFE = "!'()*+,-.:;=_"


def _urn_escape(value: str) -> str:
    return quote(value, safe=_URN_SAFE)


def _split(urn: str, prefix: str, parts: int) -> list[str]:
    fields = urn[len(prefix) :].split(".", parts - 1)
    if len(fields) != parts or not all(fields[:-1]) or not fields[-1]:
        raise IdentifierError(f"Mã EPC “{urn}” không đúng cấu trúc.")
    return fields


def _gtin_from(cp: str, item: str, urn: str) -> str:
    if not (cp + item).isdigit() or len(cp) + len(item) != 13 or len(cp) < 6:
        raise IdentifierError(f"Mã EPC “{urn}” không đúng độ dài mã doanh nghiệp và mã hàng.")
    body = item[0] + cp + item[1:]
    return body + str(check_digit(body))


def epc_to_link(urn: str) -> DigitalLink | None:
    """The Digital Link keys of an EPC URN (sgtin, lgtin, sgtin pattern, sscc, sgln), or None
    for a URN of another scheme (grai, giai, a private identifier, …)."""
    value = urn.strip()
    if value.startswith("urn:epc:id:sgtin:"):
        cp, item, serial = _split(value, "urn:epc:id:sgtin:", 3)
        return DigitalLink(gtin=_gtin_from(cp, item, value), serial=unquote(serial))
    if value.startswith("urn:epc:class:lgtin:"):
        cp, item, lot = _split(value, "urn:epc:class:lgtin:", 3)
        return DigitalLink(gtin=_gtin_from(cp, item, value), lot=unquote(lot))
    if value.startswith("urn:epc:idpat:sgtin:"):
        cp, item, star = _split(value, "urn:epc:idpat:sgtin:", 3)
        if star != "*":
            return None
        return DigitalLink(gtin=_gtin_from(cp, item, value))
    if value.startswith("urn:epc:id:sscc:"):
        cp, ref = _split(value, "urn:epc:id:sscc:", 2)
        if not (cp + ref).isdigit() or len(cp) + len(ref) != 17:
            raise IdentifierError(f"Mã EPC “{urn}” không đúng độ dài của SSCC.")
        body = ref[0] + cp + ref[1:]
        return DigitalLink(sscc=body + str(check_digit(body)))
    if value.startswith("urn:epc:id:sgln:"):
        cp, ref, ext = _split(value, "urn:epc:id:sgln:", 3)
        if not (cp + ref).isdigit() or len(cp) + len(ref) != 12:
            raise IdentifierError(f"Mã EPC “{urn}” không đúng độ dài của GLN.")
        body = cp + ref
        extension = "" if ext == "0" else unquote(ext)
        return DigitalLink(gln=body + str(check_digit(body)), gln_extension=extension)
    return None


def epc_to_digital_link(urn: str, domain: str = CANONICAL_DOMAIN) -> str | None:
    """`urn:epc:id:sgtin:0614141.107346.2017` → `https://id.gs1.org/01/00614141073467/21/2017`."""
    link = epc_to_link(urn)
    return link.uri(domain) if link is not None else None


def link_to_epc(link: DigitalLink) -> str:
    """The EPC URN of Digital Link keys: sgtin (serial), lgtin (lot), sgtin pattern (GTIN
    alone), sscc or sgln."""
    if link.gtin:
        gtin = link.gtin
        cp = company_prefix(gtin[1:13])
        item = gtin[0] + gtin[1 + len(cp) : 13]
        if link.serial:
            return f"urn:epc:id:sgtin:{cp}.{item}.{_urn_escape(link.serial)}"
        if link.lot:
            return f"urn:epc:class:lgtin:{cp}.{item}.{_urn_escape(link.lot)}"
        return f"urn:epc:idpat:sgtin:{cp}.{item}.*"
    if link.sscc:
        sscc = link.sscc
        cp = company_prefix(sscc[1:17])
        return f"urn:epc:id:sscc:{cp}.{sscc[0]}{sscc[1 + len(cp) : 17]}"
    cp = company_prefix(link.gln[:12])
    extension = _urn_escape(link.gln_extension) if link.gln_extension else "0"
    return f"urn:epc:id:sgln:{cp}.{link.gln[len(cp) : 12]}.{extension}"


def digital_link_to_epc(uri: str) -> str:
    """`https://id.gs1.org/01/00614141073467/21/2017` → `urn:epc:id:sgtin:0614141.107346.2017`."""
    return link_to_epc(parse_digital_link(uri))


def canonical_epc(value: str) -> str:
    """One spelling per thing: the canonical Digital Link URI (id.gs1.org) of an EPC URN or of a
    Digital Link on any domain; any other identifier unchanged (trimmed)."""
    text = value.strip()
    if text.startswith("urn:epc:"):
        try:
            link = epc_to_link(text)
        except IdentifierError:
            return text
        return link.uri() if link is not None else text
    if text.startswith(("https://", "http://")) and any(
        k in text for k in ("/01/", "/00/", "/414/")
    ):
        try:
            return parse_digital_link(text).uri()
        except IdentifierError:
            return text
    return text
