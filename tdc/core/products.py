"""What the platform knows about a product, by GTIN, from every app that knows something.

The public product page (the GS1 Digital Link resolver) and the warning look-up ask here;
market surveillance (consumer warnings), conformity (declarations) and traceability register a
provider in their `AppConfig.ready()`. Core knows no domain: it only keeps the providers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

NoticeKind = Literal["warning", "declaration", "certification", "recall", "other"]


@dataclass(frozen=True)
class ProductNotice:
    """One public fact about a product: a consumer warning, an accepted declaration, …

    `url` is a public page (never a staff page); `serious` puts it first on the product page.
    """

    kind: NoticeKind
    title: str
    url: str
    issued_on: dt.date | None = None
    serious: bool = False
    source: str = ""  # who says so, in Vietnamese: "Sở Khoa học và Công nghệ tỉnh …"


NoticeProvider = Callable[[str], list[ProductNotice]]
"""Takes a GTIN-14 (14 digits, zero-padded) and returns the public notices for it."""

_PROVIDERS: dict[str, NoticeProvider] = {}


def register_product_notices(name: str, provider: NoticeProvider) -> None:
    _PROVIDERS[name] = provider


def product_notices(gtin14: str) -> list[ProductNotice]:
    """Every provider's public notices for the product, serious ones first, newest first."""
    notices = [notice for name in sorted(_PROVIDERS) for notice in _PROVIDERS[name](gtin14)]
    return sorted(
        notices,
        key=lambda n: (not n.serious, -(n.issued_on.toordinal() if n.issued_on else 0)),
    )
