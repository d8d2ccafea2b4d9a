"""GS1 identifiers without Django: GTIN, GLN, SSCC, lot and serial, GS1 Digital Link URIs and
their EPC URN equivalents, and private location identifiers for places without a GLN.

`biip` (a maintained library) reads element strings, check digits, company prefixes and Digital
Link URIs; this package writes only what it does not do: the EPC URN forms of the Tag Data
Standard and the conversion both ways, and the messages in Vietnamese.
"""

from tdc.traceability.gs1.epc import canonical_epc, digital_link_to_epc, epc_to_digital_link
from tdc.traceability.gs1.keys import (
    IdentifierError,
    check_digit,
    company_prefix,
    is_vietnamese,
    normalise_gln,
    normalise_gtin,
    normalise_lot,
    normalise_serial,
    normalise_sscc,
)
from tdc.traceability.gs1.links import DigitalLink, build_digital_link, parse_digital_link
from tdc.traceability.gs1.places import private_location_id

__all__ = [
    "DigitalLink",
    "IdentifierError",
    "build_digital_link",
    "canonical_epc",
    "check_digit",
    "company_prefix",
    "digital_link_to_epc",
    "epc_to_digital_link",
    "is_vietnamese",
    "normalise_gln",
    "normalise_gtin",
    "normalise_lot",
    "normalise_serial",
    "normalise_sscc",
    "parse_digital_link",
    "private_location_id",
]
