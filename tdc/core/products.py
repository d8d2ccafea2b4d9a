"""What the platform knows about a product, by GTIN, from every app that knows something.

The public product page (the GS1 Digital Link resolver) and the warning look-up ask here;
market surveillance (consumer warnings), conformity (declarations) and traceability register a
provider in their `AppConfig.ready()`. Core knows no domain: it only keeps the providers.

The notices are cached per GTIN (the resolver is the busiest public page) under a change token
kept in the database (`ChangeToken`, one row, see `tdc.core.changes`): every save or delete of a model a provider
names in `changed_by`, and every `product_notices_changed()` call, replaces the token inside
the transaction that makes the change. Every process reads the token on each look-up (one
primary-key read), so a warning published in one process shows on the very next request in
any other, and a change rolled back leaves a token no cache entry will ever match again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from tdc.core.changes import change_tokens, replace_change_token

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


NOTICES_CHANGES = "core.product_notices"
NOTICES_SECONDS = 600  # only bounds memory: a change replaces the token, it never waits for this


def register_product_notices(
    name: str, provider: NoticeProvider, *, changed_by: Iterable[type[models.Model]] = ()
) -> None:
    """`changed_by`: the models the provider reads; any save or delete of one of them
    (service, admin, shell, import) forgets every cached notice in the same transaction."""
    _PROVIDERS[name] = provider
    for model in changed_by:
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"notices:{model._meta.label}")
        post_delete.connect(
            _model_changed, sender=model, dispatch_uid=f"notices-del:{model._meta.label}"
        )


def _model_changed(sender: Any, **kwargs: Any) -> None:
    product_notices_changed()


def product_notices_changed(gtin14: str | None = None) -> None:
    """Forget the cached notices. Call it inside the transaction that changes what a provider
    returns (the models named in `changed_by` do it by themselves). `gtin14` says which product
    changed; every product's notices are read again once (they change a few times a week)."""
    replace_change_token(NOTICES_CHANGES)


def notices_token() -> str:
    """The current change token of the product notices ("" before the first change)."""
    return change_tokens(NOTICES_CHANGES)[0]


def product_notices(gtin14: str, *, token: str | None = None) -> list[ProductNotice]:
    """Every provider's public notices for the product, serious ones first, newest first.

    `token`: `notices_token()` read by the caller just before (a page that caches what it
    renders from the notices keys it on the same token), else read here."""
    if token is None:
        token = notices_token()
    providers = ",".join(f"{name}.{id(_PROVIDERS[name])}" for name in sorted(_PROVIDERS))
    key = f"core:notices:{token}:{translation.get_language() or ''}:{gtin14}:{hash(providers)}"
    cached: list[ProductNotice] | None = cache.get(key)
    if cached is not None:
        return cached
    notices = [notice for name in sorted(_PROVIDERS) for notice in _PROVIDERS[name](gtin14)]
    notices.sort(key=lambda n: (not n.serious, -(n.issued_on.toordinal() if n.issued_on else 0)))
    cache.set(key, notices, NOTICES_SECONDS)
    return notices
