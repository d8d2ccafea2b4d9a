"""Writing to the append-only audit log.

Services call `record(...)` inside their own transaction, so an action and its audit entry are
committed together or not at all. `snapshot` and `changes_between` give the "old → new" values
of an update.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models

from tdc.core.models import AuditEvent

Snapshot = dict[str, Any]
Changes = dict[str, dict[str, Any]]
M = TypeVar("M", bound=models.Model)
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | None
"""Who did it: a user, or None (or an anonymous visitor) for the system."""


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> Snapshot:
    """The concrete field values of `obj` (foreign keys as ids), JSON-ready."""
    names = list(fields) if fields is not None else None
    result: Snapshot = {}
    for field in obj._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        result[field.name] = _plain(getattr(obj, field.attname))
    return result


def changes_between(before: Snapshot, after: Snapshot) -> dict[str, dict[str, Any]]:
    """{field: {"old": …, "new": …}} for every field whose value changed."""
    keys = [k for k in after if k not in ("updated_at",)]
    return {
        key: {"old": before.get(key), "new": after[key]}
        for key in keys
        if before.get(key) != after[key]
    }


def record(
    *,
    actor: Actor,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    organisation_id: int | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event to the audit log. `actor` is a user, or None for the system."""
    user = actor if isinstance(actor, AbstractBaseUser) and actor.is_authenticated else None
    if organisation_id is None and user is not None:
        organisation_id = getattr(user, "organisation_id", None)
    return AuditEvent.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_label=(user.get_username() if user is not None else "hệ thống"),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        organisation_id=organisation_id,
        ip_address=ip_address,
        data=_plain(data or {}),
    )


def edit_with_audit(
    obj: M,
    *,
    by: Actor,
    fields: Sequence[str],
    values: Mapping[str, object],
    action: str,
    organisation_id: int | None = None,
    before_save: Callable[[M], None] | None = None,
    validate_constraints: bool = True,
) -> Changes:
    """Change `obj`'s editable `fields` and log old and new values; call inside a transaction.

    snapshot → set values (strings stripped) → `before_save` (derived fields, extra checks) →
    `full_clean` → save → one audit event when anything changed. Returns the changes.
    """
    before = snapshot(obj, fields)
    for name, value in values.items():
        if name not in fields:
            raise ValueError(f"Unknown {obj._meta.model_name} field {name!r}")
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    if before_save is not None:
        before_save(obj)
    obj.full_clean(validate_constraints=validate_constraints)
    obj.save()
    changes = changes_between(before, snapshot(obj, fields))
    if changes:
        record(
            actor=by,
            action=action,
            target=obj,
            data={"changes": changes},
            organisation_id=organisation_id,
        )
    return changes
