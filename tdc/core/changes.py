"""Change tokens: the version some public data's readers key their cache on, kept in one
database row per name (`ChangeToken`) so that every process sees a change on its next read.

A writer calls `replace_change_token(name)` inside the transaction that makes the change: the
token moves on with the commit (a rollback leaves the old one) and is never reused, so no
cache entry written under an earlier token is served again. A reader calls `change_tokens`
once per request (one indexed read for all the names it needs) and builds its cache keys from
the answer: a per-process cache keeps its benefit, and never outlives a change made in another
process.
"""

from __future__ import annotations

import secrets

from django.db import connection


def replace_change_token(name: str) -> None:
    """A new token for `name`, inside the caller's transaction."""
    from tdc.core.models import ChangeToken

    token = secrets.token_hex(16)
    if not ChangeToken.objects.filter(name=name).update(token=token):
        ChangeToken.objects.update_or_create(name=name, defaults={"token": token})


def change_tokens(*names: str) -> tuple[str, ...]:
    """The current token of each name, in the order asked ("" before its first change), read
    in one query."""
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, token FROM core_changetoken WHERE name IN ({placeholders})",  # noqa: S608
            list(names),
        )
        found = dict(cursor.fetchall())
    return tuple(str(found.get(name, "")) for name in names)
