"""The one permission rule. Every view, API endpoint, export and job asks it.

A user sees and changes what their organisation owns, unless a role reaches further:

| role                  | sees                      | changes                  |
|-----------------------|---------------------------|--------------------------|
| system administrator  | everything                | everything               |
| Ministry viewer       | every province            | nothing                  |
| TĐC officer (DoST)    | the whole province        | the whole province       |
| leadership viewer     | the whole province        | nothing                  |
| agency reporter/approver, commune officer, business user, complaint custodian |
|                       | own organisation          | own organisation         |

Domain apps narrow this further (drafts, confidential identity) in their own `access.py`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from tdc.accounts.http import AnyUser
from tdc.accounts.models import Role, User

M = TypeVar("M", bound=Model)


class Reach(enum.IntEnum):
    NONE = 0
    OWN = 1
    PROVINCE = 2
    NATIONAL = 3


NATIONAL_VIEWERS = {Role.SYSTEM_ADMIN, Role.MINISTRY_VIEWER}
PROVINCE_VIEWERS = {Role.TDC_OFFICER, Role.LEADERSHIP_VIEWER}
OWN_MEMBERS = {
    Role.AGENCY_REPORTER,
    Role.AGENCY_APPROVER,
    Role.COMMUNE_OFFICER,
    Role.BUSINESS_USER,
    Role.COMPLAINT_CUSTODIAN,
}
READ_ONLY_ROLES = {Role.LEADERSHIP_VIEWER, Role.MINISTRY_VIEWER}


@dataclass(frozen=True)
class Scope:
    """How far a user reaches for one action, and from where."""

    reach: Reach
    organisation_id: int | None
    province_id: int | None


def requires_second_factor(user: AnyUser | None) -> bool:
    """Those who hold the most dangerous capabilities — administering the system, deciding on
    a reporter's identity — must pass a TOTP check."""
    from tdc.accounts.capabilities import Capability, can

    return can(user, Capability.ADMINISTER_SYSTEM) or can(
        user, Capability.DECIDE_IDENTITY_DISCLOSURE
    )


def _reach(roles: Iterable[str], *, action: str) -> Reach:
    held = set(roles)
    if action == "change":
        if Role.SYSTEM_ADMIN in held:
            return Reach.NATIONAL
        if Role.TDC_OFFICER in held:
            return Reach.PROVINCE
        if held & OWN_MEMBERS:
            return Reach.OWN
        return Reach.NONE
    if held & NATIONAL_VIEWERS:
        return Reach.NATIONAL
    if held & PROVINCE_VIEWERS:
        return Reach.PROVINCE
    if held & OWN_MEMBERS:
        return Reach.OWN
    return Reach.NONE


def scope_for(user: AnyUser | None, *, action: str = "view") -> Scope:
    """The reach of `user` for `action` ("view" or "change")."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return Scope(Reach.NONE, None, None)
    organisation = user.organisation
    reach = _reach(user.roles, action=action)
    if organisation is None and reach in (Reach.OWN, Reach.PROVINCE):
        reach = Reach.NONE
    return Scope(
        reach,
        organisation.pk if organisation is not None else None,
        organisation.province_id if organisation is not None else None,
    )


def can_access(
    user: AnyUser | None,
    *,
    organisation_id: int | None,
    province_id: int | None,
    action: str = "view",
) -> bool:
    """May `user` do `action` on a record owned by this organisation in this province?"""
    scope = scope_for(user, action=action)
    if scope.reach == Reach.NATIONAL:
        return True
    if scope.reach == Reach.PROVINCE:
        return province_id is not None and province_id == scope.province_id
    if scope.reach == Reach.OWN:
        return organisation_id is not None and organisation_id == scope.organisation_id
    return False


def can_view(user: AnyUser | None, *, organisation_id: int | None, province_id: int | None) -> bool:
    return can_access(user, organisation_id=organisation_id, province_id=province_id, action="view")


def can_change(
    user: AnyUser | None, *, organisation_id: int | None, province_id: int | None
) -> bool:
    return can_access(
        user, organisation_id=organisation_id, province_id=province_id, action="change"
    )


def restrict(
    queryset: QuerySet[M],
    user: AnyUser | None,
    *,
    action: str = "view",
    organisation_field: str = "organisation",
    province_field: str = "organisation__province",
) -> QuerySet[M]:
    """Narrow `queryset` to the records `user` may see (or change): the same rule, as SQL."""
    scope = scope_for(user, action=action)
    if scope.reach == Reach.NATIONAL:
        return queryset
    if scope.reach == Reach.PROVINCE:
        return queryset.filter(Q(**{province_field: scope.province_id}))
    if scope.reach == Reach.OWN:
        return queryset.filter(Q(**{organisation_field: scope.organisation_id}))
    return queryset.none()
