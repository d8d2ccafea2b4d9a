"""Writes for who is who: organisations, users, roles, API tokens."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.access import can_edit_organisation_contact, can_manage_organisation
from tdc.accounts.models import ApiToken, Commune, Organisation, Province, Role, RoleGrant, User
from tdc.accounts.queries import dost_of_province, forget_site_owner
from tdc.core.audit import edit_with_audit, record, snapshot

# What the platform trusts about an organisation: plan import matches on names and aliases,
# the DoST owns plans, metrology matches owners by tax code, communes scope what a commune
# officer sees. Only a system administrator or a TĐC officer of the province changes these.
MANAGED_FIELDS = (
    "name",
    "short_name",
    "aliases",
    "kind",
    "parent",
    "province",
    "commune",
    "tax_code",
    "is_active",
)
# What an organisation's own users may keep up to date.
CONTACT_FIELDS = ("email", "phone", "address")
ORGANISATION_FIELDS = MANAGED_FIELDS + CONTACT_FIELDS


def dost_taken_message(dost: Organisation) -> str:
    return _(
        "Tỉnh này đã có Sở Khoa học và Công nghệ (%(name)s): mỗi tỉnh chỉ có một cơ quan "
        "thuộc loại này."
    ) % {"name": dost.name}


def _clean_aliases(aliases: Iterable[object]) -> list[str]:
    return sorted({str(a).strip() for a in aliases if str(a).strip()})


def _check_organisation(organisation: Organisation) -> None:
    """Checks a form cannot make alone: one DoST per province, no parent loop."""
    organisation.refresh_search_key()
    errors: dict[str, list[str]] = {}
    if organisation.kind == Organisation.Kind.DOST and organisation.province_id is not None:
        other = dost_of_province(organisation.province_id)
        if other is not None and other.pk != organisation.pk:
            errors["kind"] = [dost_taken_message(other)]
    ancestor = organisation.parent
    seen: set[int] = set()
    while ancestor is not None and ancestor.pk not in seen:
        if organisation.pk is not None and ancestor.pk == organisation.pk:
            errors["parent"] = [_("Cơ quan cấp trên không thể là chính cơ quan này.")]
            break
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    if errors:
        raise ValidationError(errors)


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
    phone: str = "",
    address: str = "",
) -> Organisation:
    """Create an organisation and log it. A second DoST in a province is refused."""
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        province=province,
        short_name=short_name.strip(),
        aliases=_clean_aliases(aliases),
        parent=parent,
        commune=commune,
        tax_code=tax_code,
        email=email,
        phone=phone.strip(),
        address=address.strip(),
    )
    _check_organisation(organisation)
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
    organisation: Organisation, *, by: User | None, **values: object
) -> Organisation:
    """Change an organisation's fields; the audit log keeps old and new values.

    `by` None is the system (imports, the demo). A user changes contact fields if they may
    edit the organisation's contact details, and anything else only if they manage it
    (`tdc.accounts.access`); otherwise PermissionDenied, and nothing changes.
    """
    if by is not None:
        if set(values) - set(CONTACT_FIELDS):
            allowed = can_manage_organisation(by, organisation)
        else:
            allowed = can_edit_organisation_contact(by, organisation)
        if not allowed:
            raise PermissionDenied
    if "aliases" in values:
        values["aliases"] = _clean_aliases(cast(Iterable[object], values["aliases"]))
    edit_with_audit(
        organisation,
        by=by,
        fields=ORGANISATION_FIELDS,
        values=values,
        action="organisation.updated",
        organisation_id=organisation.pk,
        before_save=_check_organisation,
    )
    transaction.on_commit(forget_site_owner)  # the public header may name it
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
