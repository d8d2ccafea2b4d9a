"""GS1 Digital Link URIs: parsed with `biip`, built here in the standard's canonical order."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from biip import ParseError
from biip.gs1_digital_link_uris import GS1DigitalLinkURI

from tdc.traceability.gs1.keys import (
    IdentifierError,
    normalise_gln,
    normalise_gtin,
    normalise_lot,
    normalise_serial,
    normalise_sscc,
)

CANONICAL_DOMAIN = "id.gs1.org"
# Characters a Digital Link path segment keeps as they are (GS1 Digital Link 1.2, 4.6).
_SAFE = "!$'()*+,-.:;=@_"


@dataclass(frozen=True)
class DigitalLink:
    """The keys a Digital Link carries (GTIN with lot and/or serial, SSCC, or GLN + extension)."""

    gtin: str = ""  # GTIN-14
    lot: str = ""
    serial: str = ""
    sscc: str = ""
    gln: str = ""
    gln_extension: str = ""
    expiry: str = ""  # YYMMDD, from the query string (AI 17)

    def uri(self, domain: str = CANONICAL_DOMAIN, *, scheme: str = "https") -> str:
        """This link on `domain` (the canonical id.gs1.org by default)."""
        return build_digital_link(
            gtin=self.gtin,
            lot=self.lot,
            serial=self.serial,
            sscc=self.sscc,
            gln=self.gln,
            gln_extension=self.gln_extension,
            domain=domain,
            scheme=scheme,
        )

    def path(self) -> str:
        """The path of the link (`/01/…/10/…`), for this platform's own resolver."""
        return self.uri()[len(f"https://{CANONICAL_DOMAIN}") :]


def _segment(value: str) -> str:
    return quote(value, safe=_SAFE)


def build_digital_link(
    *,
    gtin: str = "",
    lot: str = "",
    serial: str = "",
    sscc: str = "",
    gln: str = "",
    gln_extension: str = "",
    domain: str = CANONICAL_DOMAIN,
    scheme: str = "https",
) -> str:
    """A Digital Link URI with numeric AIs, keys checked, qualifiers in the standard's order."""
    base = f"{scheme}://{domain.rstrip('/')}"
    if gtin:
        path = f"/01/{normalise_gtin(gtin)}"
        if lot:
            path += f"/10/{_segment(normalise_lot(lot))}"
        if serial:
            path += f"/21/{_segment(normalise_serial(serial))}"
        return base + path
    if sscc:
        return f"{base}/00/{normalise_sscc(sscc)}"
    if gln:
        path = f"/414/{normalise_gln(gln)}"
        if gln_extension and gln_extension != "0":
            path += f"/254/{_segment(gln_extension)}"
        return base + path
    raise IdentifierError("Đường dẫn GS1 Digital Link cần một mã GTIN, SSCC hoặc GLN.")


def parse_digital_link(uri: str) -> DigitalLink:
    """Read a Digital Link URI (any domain, any path prefix); wrong check digits refused."""
    try:
        parsed = GS1DigitalLinkURI.parse(uri.strip())
    except ParseError as exc:
        raise IdentifierError(f"“{uri}” không phải đường dẫn GS1 Digital Link hợp lệ.") from exc
    values: dict[str, str] = {}
    for element in parsed.element_strings:
        values[element.ai.ai] = element.value
    if not ({"01", "00", "414"} & values.keys()):
        raise IdentifierError(f"“{uri}” không chứa mã GTIN, SSCC hoặc GLN.")
    # biip reads the structure; the check digits are checked here.
    return DigitalLink(
        gtin=normalise_gtin(values["01"]) if "01" in values else "",
        lot=values.get("10", ""),
        serial=values.get("21", ""),
        sscc=normalise_sscc(values["00"]) if "00" in values else "",
        gln=normalise_gln(values["414"]) if "414" in values else "",
        gln_extension=values.get("254", ""),
        expiry=values.get("17", ""),
    )
