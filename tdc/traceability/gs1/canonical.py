"""The constrained canonical GS1 Digital Link URI of any GS1 identifier an EPCIS event may carry
(CBV 2.0, 8.9.2, step 3 and 4): the form the event hash writes.

- EPC URIs (`urn:epc:id:…`), EPC class URIs (`urn:epc:class:lgtin:…`) and EPC pattern URIs
  (`urn:epc:idpat:…:*`) become `https://id.gs1.org/<AI>/…` (check digits computed);
- a Digital Link URI on any domain moves to `https://id.gs1.org`, loses its query string and
  its CPV (AI 22), writes keys by their AI (`/gtin/` → `/01/`), pads a GTIN to 14 digits and
  keeps only the finest level of identification (a serial wins over a lot);
- anything else is not a GS1 identifier: `None`.

Component values of an EPC URI are copied as written, with the characters the Digital Link
standard reserves (`! ( ) * + , :`) percent-encoded; a Digital Link's values must be among the
characters the standard leaves plain, or the URI is not canonicalised.
"""

from __future__ import annotations

import re

from tdc.traceability.gs1.keys import check_digit

DOMAIN = "https://id.gs1.org"
# GS1 TDS 2.x, a component of an EPC URI: a plain character or a %-escape of a permitted one.
_PART = r"(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])"
_RESERVED = {"!": "%21", "(": "%28", ")": "%29", "*": "%2A", "+": "%2B", ",": "%2C", ":": "%3A"}
# A Digital Link value the canonical form accepts as is.
_PLAIN = r"[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]"


def _escape(value: str) -> str:
    return "".join(_RESERVED.get(c, c) for c in value)


def _with_digit(body: str) -> str:
    return body + str(check_digit(body))


def _split_company(
    urn: str, scheme: str, total: int, *, rest: str | None = None
) -> tuple[str, str, str] | None:
    """`<company prefix>.<reference>[.<rest>]` where prefix + reference have `total` digits."""
    if not urn.startswith(scheme):
        return None
    body = urn[len(scheme) :]
    pattern = r"(\d{6,12})\.(\d*)" + (rf"\.({rest})" if rest is not None else "")
    found = re.fullmatch(pattern, body)
    if not found or len(found[1]) + len(found[2]) != total:
        return None
    return found[1], found[2], found[3] if rest is not None else ""


def _gtin(company: str, item: str) -> str:
    return _with_digit(item[:1] + company + item[1:])


def _from_epc(urn: str) -> str | None:  # noqa: C901, PLR0911, PLR0912
    serial = rf"{_PART}{{1,20}}"
    if found := _split_company(urn, "urn:epc:id:sgtin:", 13, rest=serial):
        return f"{DOMAIN}/01/{_gtin(found[0], found[1])}/21/{_escape(found[2])}"
    if found := _split_company(urn, "urn:epc:class:lgtin:", 13, rest=serial):
        return f"{DOMAIN}/01/{_gtin(found[0], found[1])}/10/{_escape(found[2])}"
    if found := _split_company(urn, "urn:epc:idpat:sgtin:", 13, rest=r"\*"):
        return f"{DOMAIN}/01/{_gtin(found[0], found[1])}"
    if found := _split_company(urn, "urn:epc:id:upui:", 13, rest=rf"{_PART}{{1,28}}"):
        return f"{DOMAIN}/01/{_gtin(found[0], found[1])}/235/{_escape(found[2])}"
    if found := _split_company(urn, "urn:epc:idpat:upui:", 13, rest=r"\*"):
        return f"{DOMAIN}/01/{_gtin(found[0], found[1])}"
    if found := _split_company(urn, "urn:epc:id:itip:", 13, rest=rf"\d\d\.\d\d\.{serial}"):
        piece, total, item_serial = found[2].split(".", 2)
        itip = _gtin(found[0], found[1]) + piece + total
        return f"{DOMAIN}/8006/{itip}/21/{_escape(item_serial)}"
    if found := _split_company(urn, "urn:epc:idpat:itip:", 13, rest=r"\d\d\.\d\d\.\*"):
        piece, total, _ = found[2].split(".", 2)
        return f"{DOMAIN}/8006/{_gtin(found[0], found[1])}{piece}{total}"
    for scheme, tail in (("urn:epc:id:cpi:", r"\d{1,12}"), ("urn:epc:idpat:cpi:", r"\*")):
        cpi = re.fullmatch(
            rf"(\d{{6,12}})\.((?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])+)\.({tail})",
            urn[len(scheme) :] if urn.startswith(scheme) else "",
        )
        if cpi and len(cpi[1]) + len(cpi[2]) <= 30:
            ref = f"{DOMAIN}/8010/{_escape(cpi[1] + cpi[2])}"
            return ref if cpi[3] == "*" else f"{ref}/8011/{cpi[3]}"
    if found := _split_company(urn, "urn:epc:idpat:sgcn:", 12, rest=r"\*"):
        return f"{DOMAIN}/255/{_with_digit(found[0] + found[1])}"
    if found := _split_company(urn, "urn:epc:id:sscc:", 17):
        return f"{DOMAIN}/00/{_gtin(found[0], found[1])}"
    if found := _split_company(urn, "urn:epc:id:sgln:", 12, rest=serial):
        gln = _with_digit(found[0] + found[1])
        return f"{DOMAIN}/414/{gln}" + ("" if found[2] == "0" else f"/254/{_escape(found[2])}")
    if found := _split_company(urn, "urn:epc:id:pgln:", 12):
        return f"{DOMAIN}/417/{_with_digit(found[0] + found[1])}"
    if found := _split_company(urn, "urn:epc:id:grai:", 12, rest=rf"{_PART}{{1,16}}"):
        return f"{DOMAIN}/8003/{_with_digit('0' + found[0] + found[1])}{_escape(found[2])}"
    if found := _split_company(urn, "urn:epc:idpat:grai:", 12, rest=r"\*"):
        return f"{DOMAIN}/8003/{_with_digit('0' + found[0] + found[1])}"
    if found := _split_company(urn, "urn:epc:id:gdti:", 12, rest=rf"{_PART}{{1,17}}"):
        return f"{DOMAIN}/253/{_with_digit(found[0] + found[1])}{_escape(found[2])}"
    if found := _split_company(urn, "urn:epc:idpat:gdti:", 12, rest=r"\*"):
        return f"{DOMAIN}/253/{_with_digit(found[0] + found[1])}"
    if found := _split_company(urn, "urn:epc:id:sgcn:", 12, rest=r"\d{1,12}"):
        return f"{DOMAIN}/255/{_with_digit(found[0] + found[1])}{found[2]}"
    for scheme, ai in (("urn:epc:id:gsrn:", "8018"), ("urn:epc:id:gsrnp:", "8017")):
        if found := _split_company(urn, scheme, 17):
            return f"{DOMAIN}/{ai}/{_with_digit(found[0] + found[1])}"
    if found := _split_company(urn, "urn:epc:id:gsin:", 16):
        return f"{DOMAIN}/402/{_with_digit(found[0] + found[1])}"
    for scheme, ai, longest in (("urn:epc:id:giai:", "8004", 30), ("urn:epc:id:ginc:", "401", 30)):
        if urn.startswith(scheme):
            found_ref = re.fullmatch(rf"(\d{{6,12}})\.({_PART}+)", urn[len(scheme) :])
            if found_ref and len(found_ref[1]) + len(found_ref[2]) <= longest:
                return f"{DOMAIN}/{ai}/{found_ref[1]}{_escape(found_ref[2])}"
    return None


_PRIMARY: tuple[str, ...] = (
    "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8017", "8018",
)  # fmt: skip
_SHORT_NAMES = {
    "gtin": "01",
    "itip": "8006",
    "cpid": "8010",
    "gln": "414",
    "party": "417",
    "gsrnp": "8017",
    "gsrn": "8018",
    "gcn": "255",
    "sscc": "00",
    "gdti": "253",
    "ginc": "401",
    "gsin": "402",
    "grai": "8003",
    "giai": "8004",
    "cpv": "22",
    "lot": "10",
    "ser": "21",
}
_QUALIFIERS = ("cpv", "lot", "ser")
_LINK = re.compile(
    r"https?://[^/?#]*(?:/[^?#]*?)?/(?:"
    + "|".join((*_PRIMARY, *(n for n in _SHORT_NAMES if n not in _QUALIFIERS)))
    + r")/\d{4}[^/]+"
)
_CANONICAL_FORMS = [
    re.compile(f"{DOMAIN}/{form}")
    for form in (
        r"00/\d{18}",
        rf"01/\d{{14}}(?:/(?:21|10)/{_PLAIN}{{0,20}}|/235/{_PLAIN}{{0,28}})?",
        rf"253/\d{{13}}{_PLAIN}{{0,17}}",
        r"255/\d{13}\d{0,12}",
        rf"(?:401|8004)/{_PLAIN}{{0,30}}",
        r"402/\d{17}",
        rf"414/\d{{13}}(?:/254/{_PLAIN}{{0,20}})?",
        r"417/\d{13}",
        rf"8003/\d{{14}}{_PLAIN}{{0,16}}",
        rf"8006/\d{{18}}(?:/(?:21|10)/{_PLAIN}{{0,20}})?",
        r"8010/[\x23\x2D\x2F\x30-\x39\x41-\x5A]{0,30}(?:/8011/\d{0,12})?",
        r"(?:8017|8018)/\d{18}",
    )
]


def _from_link(uri: str) -> str | None:
    if not _LINK.match(uri):
        return None
    uri = uri.split("?", 1)[0]
    for name, ai in _SHORT_NAMES.items():
        uri = uri.replace(f"/{name}/", f"/{ai}/")
    if not re.match(rf"{DOMAIN}/(?:{'|'.join(_PRIMARY)})/\d{{4}}", uri):
        for ai in _PRIMARY:
            at = uri.find(f"/{ai}/")
            if at != -1:
                uri = DOMAIN + uri[at:]
                break
    gtin = re.match(rf"{DOMAIN}/01/(\d+)", uri)
    if gtin and len(gtin[1]) in (8, 12, 13):
        uri = uri.replace("/01/", "/01/" + "0" * (14 - len(gtin[1])), 1)
    # The CPV (22) is not an identification level; a serial (21) is finer than a lot (10).
    uri = re.sub(r"^(.+/(?:01|8006)/\d+)/22/[^/]*", r"\1", uri)
    uri = re.sub(r"^(.+/(?:01|8006)/\d+)/10/[^/]*(/21/[^/]*)$", r"\1\2", uri)
    if any(form.fullmatch(uri) for form in _CANONICAL_FORMS):
        return uri
    return None


def constrained_digital_link(value: str) -> str | None:
    """The constrained canonical Digital Link of an EPC URI or a Digital Link, else None."""
    if "." not in value:
        return None
    if value.startswith("urn:epc:"):
        return _from_epc(value)
    return _from_link(value)
