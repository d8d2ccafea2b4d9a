"""The door to instruments and imports: who may do what, for pages and the API alike.

"Missing" and "not yours" both answer 404; "yours to see but not to change" answers 403.
What kind of user may act at all is a named capability (`tdc.accounts.capabilities`); which
records they reach is the common scope (`tdc.accounts.permissions`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Commune, Organisation
from tdc.accounts.permissions import Reach, scope_for
from tdc.metrology.models import ImportJob, Instrument
from tdc.metrology.queries import instruments_changeable_by, instruments_visible_to


def _province_of(user: AnyUser) -> int | None:
    organisation = getattr(user, "organisation", None)
    return organisation.province_id if organisation is not None else None


def get_instrument_for_user(user: AnyUser, pk: int) -> Instrument:
    return get_object_or_404(
        instruments_visible_to(user).select_related("type", "owner", "commune", "province"), pk=pk
    )


def get_instrument_to_change(user: AnyUser, pk: int) -> Instrument:
    """The instrument if the user may change it; 404 if they may not even see it, else 403."""
    instrument = get_instrument_for_user(user, pk)
    if not instruments_changeable_by(user).filter(pk=pk).exists():
        raise PermissionDenied(_("Bạn không được sửa phương tiện đo này."))
    return instrument


def can_register_instruments(user: AnyUser) -> bool:
    """Businesses register their own instruments; TĐC officers register anyone's."""
    return can(user, Capability.REGISTER_INSTRUMENTS) and (
        scope_for(user, action="change").reach != Reach.NONE
    )


def owners_for(user: AnyUser) -> list[Organisation]:
    """Whom the user may register instruments for (and filter lists by)."""
    scope = scope_for(user, action="change")
    if not can(user, Capability.MANAGE_PROVINCE_INSTRUMENTS):
        organisation = getattr(user, "organisation", None)
        registers = can(user, Capability.REGISTER_INSTRUMENTS)
        if registers and scope.reach == Reach.OWN and organisation is not None:
            return [organisation]
        return []
    organisations = Organisation.objects.filter(is_active=True).exclude(
        kind__in=[Organisation.Kind.MINISTRY]
    )
    if scope.reach == Reach.PROVINCE and scope.province_id is not None:
        return list(organisations.filter(province_id=scope.province_id).order_by("name"))
    if scope.reach == Reach.NATIONAL:
        return list(organisations.order_by("name"))
    return []


def registration_province_for(user: AnyUser) -> int | None:
    """The province whose communes a new instrument may be placed in (None: any province)."""
    return _province_of(user)


def communes_for(user: AnyUser, instrument: Instrument | None = None) -> QuerySet[Commune]:
    """Where the user may place a new instrument (their province), or move this one (its
    province); the form's choices and `check_instrument_values` follow the same rule."""
    province_id = instrument.province_id if instrument else registration_province_for(user)
    communes = Commune.objects.order_by("name")
    return communes if province_id is None else communes.filter(province_id=province_id)


def check_instrument_values(
    user: AnyUser,
    *,
    owner: Organisation,
    commune: Commune,
    instrument: Instrument | None = None,
) -> None:
    """May the user give a (new or changed) instrument this owner and this commune?

    The same rule as the form's choices: an owner the user may act for (or the instrument's
    current owner), and a commune of the user's province (or of the instrument's, on a change).
    """
    if instrument is None and not can_register_instruments(user):
        raise PermissionDenied(_("Bạn không được đăng ký phương tiện đo."))
    allowed_owners = {o.pk for o in owners_for(user)}
    if instrument is not None:
        allowed_owners.add(instrument.owner_id)
    if owner.pk not in allowed_owners:
        raise PermissionDenied(
            _("Bạn không được đăng ký phương tiện đo cho %(owner)s.") % {"owner": owner.name}
        )
    province_id = instrument.province_id if instrument else registration_province_for(user)
    if province_id is not None and commune.province_id != province_id:
        raise PermissionDenied(
            _("Xã, phường %(commune)s không thuộc tỉnh mà bạn được đăng ký phương tiện đo.")
            % {"commune": commune.name}
        )


def import_owner_for(user: AnyUser) -> Organisation | None:
    """A business imports for itself (None: a provincial import, owners named in the file)."""
    if can(user, Capability.MANAGE_PROVINCE_INSTRUMENTS):
        return None
    organisation: Organisation | None = getattr(user, "organisation", None)
    if can(user, Capability.IMPORT_INSTRUMENTS) and organisation is not None:
        return organisation
    raise PermissionDenied


def can_import(user: AnyUser) -> bool:
    return can(user, Capability.IMPORT_INSTRUMENTS)


def get_import_for_user(user: AnyUser, pk: int) -> ImportJob:
    """An import is seen by whoever started it."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    return get_object_or_404(ImportJob, pk=pk, created_by=user)


def can_see_overdue_lists(user: AnyUser) -> bool:
    return can(user, Capability.SEE_OVERDUE_INSTRUMENTS)


def dashboard_province_for(user: AnyUser) -> int | None:
    """The province whose dashboard the user may read (their own), or None."""
    if can(user, Capability.READ_METROLOGY_DASHBOARD):
        return _province_of(user)
    return None
