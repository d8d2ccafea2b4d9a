"""The doors to instruments and imports: 404 for "missing" and "not yours" alike."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tdc.accounts.models import Organisation, Role
from tdc.accounts.permissions import Reach, has_role, scope_for
from tdc.metrology.models import ImportJob, Instrument
from tdc.metrology.queries import instruments_changeable_by, instruments_visible_to


def get_instrument_for_user(user: Any, pk: int) -> Instrument:
    return get_object_or_404(
        instruments_visible_to(user).select_related("type", "owner", "commune", "province"), pk=pk
    )


def get_instrument_to_change(user: Any, pk: int) -> Instrument:
    """The instrument if the user may change it; 404 if they may not even see it, else 403."""
    instrument = get_instrument_for_user(user, pk)
    if not instruments_changeable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return instrument


def can_register_instruments(user: Any) -> bool:
    """Businesses register their own instruments; TĐC officers register anyone's."""
    return has_role(user, Role.BUSINESS_USER, Role.TDC_OFFICER, Role.SYSTEM_ADMIN) and (
        scope_for(user, action="change").reach != Reach.NONE
    )


def owners_for(user: Any) -> list[Organisation]:
    """Whom the user may register instruments for."""
    scope = scope_for(user, action="change")
    if scope.reach == Reach.OWN and has_role(user, Role.BUSINESS_USER):
        return [user.organisation]
    organisations = Organisation.objects.filter(is_active=True).exclude(
        kind__in=[Organisation.Kind.MINISTRY]
    )
    if scope.reach == Reach.PROVINCE and scope.province_id is not None:
        return list(organisations.filter(province_id=scope.province_id).order_by("name"))
    if scope.reach == Reach.NATIONAL:
        return list(organisations.order_by("name"))
    return []


def import_owner_for(user: Any) -> Organisation | None:
    """A business imports for itself (None: a provincial import, owners named in the file)."""
    if has_role(user, Role.TDC_OFFICER, Role.SYSTEM_ADMIN):
        return None
    if has_role(user, Role.BUSINESS_USER) and user.organisation is not None:
        organisation: Organisation = user.organisation
        return organisation
    raise PermissionDenied


def can_import(user: Any) -> bool:
    return has_role(user, Role.BUSINESS_USER, Role.TDC_OFFICER, Role.SYSTEM_ADMIN)


def get_import_for_user(user: Any, pk: int) -> ImportJob:
    """An import is seen by whoever started it."""
    return get_object_or_404(ImportJob, pk=pk, created_by=user)


def can_see_overdue_lists(user: Any) -> bool:
    return has_role(
        user,
        Role.TDC_OFFICER,
        Role.COMMUNE_OFFICER,
        Role.LEADERSHIP_VIEWER,
        Role.SYSTEM_ADMIN,
        Role.MINISTRY_VIEWER,
        Role.BUSINESS_USER,
    )


def dashboard_province_for(user: Any) -> int | None:
    """The province whose dashboard the user may read (their own), or None."""
    if has_role(user, Role.TDC_OFFICER, Role.LEADERSHIP_VIEWER, Role.SYSTEM_ADMIN):
        return user.organisation.province_id if user.organisation else None
    return None
