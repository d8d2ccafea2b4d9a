"""Private location identifiers for places without a GLN (CBV 2.0, 8.4: any URI the owner
controls may name a location), so a household farm or a cooperative's drying yard can be the
read point or business location of an event."""

from __future__ import annotations

import re

from tdc.traceability.gs1.keys import IdentifierError

PRIVATE_LOCATION_PREFIX = "urn:tdc:loc:"
_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def private_location_id(owner_key: str, code: str) -> str:
    """`urn:tdc:loc:<owner>:<code>`: `owner_key` names the business (its tax code or id on this
    platform), `code` the place within it (lower-case letters, digits and hyphens)."""
    owner = owner_key.strip()
    place = code.strip().lower()
    if not re.fullmatch(r"[A-Za-z0-9-]{1,40}", owner):
        raise IdentifierError(f"Mã doanh nghiệp “{owner_key}” không dùng được trong mã địa điểm.")
    if not _CODE.fullmatch(place):
        raise IdentifierError(
            f"Mã địa điểm “{code}” chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang."
        )
    return f"{PRIVATE_LOCATION_PREFIX}{owner}:{place}"


def is_private_location(uri: str) -> bool:
    return uri.startswith(PRIVATE_LOCATION_PREFIX)
