"""Writes for who is who: organisations, users, roles, API tokens."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from tdc.accounts.models import ApiToken, Commune, Organisation, Province, Role, RoleGrant, User
from tdc.core.audit import changes_between, record, snapshot

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "aliases",
    "kind",
    "parent",
    "province",
    "commune",
    "tax_code",
    "email",
    "is_active",
)


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: str,
    province: Province | None,
    by: User | None,
    short_name: str = "",
    aliases: Iterable[str] = (),
    parent: Organisation | None = None,
    commune: Commune | None = None,
    tax_code: str = "",
    email: str = "",
) -> Organisation:
    """Create an organisation and log it."""
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        province=province,
        short_name=short_name.strip(),
        aliases=sorted({a.strip() for a in aliases if a.strip()}),
        parent=parent,
        commune=commune,
        tax_code=tax_code,
        email=email,
    )
    organisation.refresh_search_key()
    organisation.full_clean()
    organisation.save()
    record(
        actor=by,
        action="organisation.created",
        target=organisation,
        data={"values": snapshot(organisation, ORGANISATION_FIELDS)},
        organisation_id=organisation.pk,
    )
    return organisation


@transaction.atomic
def update_organisation(
    organisation: Organisation, *, by: User | None, **values: Any
) -> Organisation:
    """Change an organisation's fields; the audit log keeps old and new values."""
    before = snapshot(organisation, ORGANISATION_FIELDS)
    for field, value in values.items():
        if field not in ORGANISATION_FIELDS:
            raise ValueError(f"Unknown organisation field {field!r}")
        if field == "aliases":
            value = sorted({str(a).strip() for a in value if str(a).strip()})
        setattr(organisation, field, value)
    organisation.refresh_search_key()
    organisation.full_clean()
    organisation.save()
    changes = changes_between(before, snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        record(
            actor=by,
            action="organisation.updated",
            target=organisation,
            data={"changes": changes},
            organisation_id=organisation.pk,
        )
    return organisation


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str | None,
    organisation: Organisation | None,
    roles: Iterable[str],
    by: User | None,
    full_name: str = "",
    email: str = "",
    job_title: str = "",
) -> User:
    """Create a user with roles. A None password leaves the account unusable until reset."""
    user = User(
        username=username,
        organisation=organisation,
        full_name=full_name,
        email=email,
        job_title=job_title,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    role_list = sorted(set(roles))
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=Role(r)) for r in role_list])
    record(
        actor=by,
        action="user.created",
        target=user,
        data={"roles": role_list, "organisation": organisation.pk if organisation else None},
        organisation_id=organisation.pk if organisation else None,
    )
    return user


@transaction.atomic
def set_user_roles(user: User, *, roles: Iterable[str], by: User | None) -> User:
    """Replace a user's roles; log old and new."""
    old = sorted(user.roles)
    new = sorted(set(roles))
    RoleGrant.objects.filter(user=user).exclude(role__in=new).delete()
    for role in new:
        RoleGrant.objects.get_or_create(user=user, role=Role(role))
    user.forget_roles()
    if old != new:
        record(
            actor=by,
            action="user.roles_changed",
            target=user,
            data={"changes": {"roles": {"old": old, "new": new}}},
        )
    return user


@transaction.atomic
def issue_api_token(user: User, *, name: str) -> tuple[ApiToken, str]:
    """Create a token; return it with the clear key, which is never stored nor shown again."""
    key = "tdc_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API", prefix=key[:12], key_hash=ApiToken.hash_key(key)
    )
    record(actor=user, action="api_token.issued", target=token, data={"name": token.name})
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor=by, action="api_token.revoked", target=token)
    return token
