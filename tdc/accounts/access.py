"""The door to organisations: 404 for 'missing' and 'not yours' alike; who may change what."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Organisation
from tdc.accounts.permissions import can_change
from tdc.accounts.queries import organisations_visible_to


def get_organisation_for_user(user: AnyUser | None, pk: int) -> Organisation:
    return get_object_or_404(organisations_visible_to(user), pk=pk)


def can_manage_organisation(user: AnyUser | None, organisation: Organisation) -> bool:
    """May `user` change what the platform trusts about `organisation` — its name, kind,
    aliases, parent, province, commune, tax code, active flag? A system administrator
    anywhere, a TĐC officer in the organisation's own province; never its own members."""
    return can(user, Capability.MANAGE_ORGANISATIONS) and can_change(
        user, organisation_id=None, province_id=organisation.province_id
    )


def can_edit_organisation_contact(user: AnyUser | None, organisation: Organisation) -> bool:
    """May `user` change the organisation's contact details (e-mail, telephone, address)? Its
    own members may (unless read-only), and whoever manages it."""
    return can_manage_organisation(user, organisation) or can_change(
        user, organisation_id=organisation.pk, province_id=organisation.province_id
    )
