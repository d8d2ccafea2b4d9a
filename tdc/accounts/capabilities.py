"""Named capabilities: who may do what, in one table, checked through one function.

A capability answers "may this kind of user do this kind of thing at all?" — it is what
navigation entries, buttons and decorators ask. *Which* records a user reaches is the separate
question of `tdc.accounts.permissions` (own organisation, province, every province) and of each
app's `access.py`, which combine the two.

Add a capability here, map it to roles, and check it with `can(user, Capability.X)`; never test
role names outside this module and `permissions.py`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from tdc.accounts.http import AnyUser
from tdc.accounts.models import Role, User


class Capability(enum.StrEnum):
    # Administration
    ADMINISTER_SYSTEM = "administer_system"
    READ_AUDIT_LOG = "read_audit_log"
    MANAGE_ORGANISATIONS = "manage_organisations"
    SEE_EVERY_PROVINCE = "see_every_province"
    # Plans and reporting
    IMPORT_PLANS = "import_plans"
    MANAGE_PLANS = "manage_plans"
    WRITE_REPORTS = "write_reports"
    APPROVE_REPORTS = "approve_reports"
    REVIEW_REPORTS = "review_reports"
    MONITOR_PLANS = "monitor_plans"
    # Complaints
    VIEW_COMPLAINTS = "view_complaints"
    HANDLE_COMPLAINTS = "handle_complaints"
    HEAD_COMPLAINT_HANDLING = "head_complaint_handling"
    MANAGE_ROUTING_RULES = "manage_routing_rules"
    DECIDE_IDENTITY_DISCLOSURE = "decide_identity_disclosure"
    # Metrology
    REGISTER_INSTRUMENTS = "register_instruments"
    IMPORT_INSTRUMENTS = "import_instruments"
    MANAGE_PROVINCE_INSTRUMENTS = "manage_province_instruments"
    SEE_OVERDUE_INSTRUMENTS = "see_overdue_instruments"
    SEE_COMMUNE_INSTRUMENTS = "see_commune_instruments"
    READ_METROLOGY_DASHBOARD = "read_metrology_dashboard"
    # Navigation, homes and registers (issue 12)
    EXPORT_COMPLAINTS = "export_complaints"
    RECORD_COMPLAINTS = "record_complaints"
    PUBLISH_INSTRUMENT_TYPES = "publish_instrument_types"


_ADMIN = Role.SYSTEM_ADMIN
_OFFICER = Role.TDC_OFFICER
_REPORTER = Role.AGENCY_REPORTER
_APPROVER = Role.AGENCY_APPROVER
_COMMUNE = Role.COMMUNE_OFFICER
_BUSINESS = Role.BUSINESS_USER
_LEADER = Role.LEADERSHIP_VIEWER
_CUSTODIAN = Role.COMPLAINT_CUSTODIAN
_MINISTRY = Role.MINISTRY_VIEWER

CAPABILITY_ROLES: dict[Capability, frozenset[Role]] = {
    Capability.ADMINISTER_SYSTEM: frozenset({_ADMIN}),
    Capability.READ_AUDIT_LOG: frozenset({_ADMIN}),
    Capability.MANAGE_ORGANISATIONS: frozenset({_ADMIN, _OFFICER}),
    Capability.SEE_EVERY_PROVINCE: frozenset({_ADMIN, _MINISTRY}),
    Capability.IMPORT_PLANS: frozenset({_ADMIN, _OFFICER}),
    Capability.MANAGE_PLANS: frozenset({_OFFICER}),
    # A TĐC officer writes the DoST's own report.
    Capability.WRITE_REPORTS: frozenset({_REPORTER, _APPROVER, _COMMUNE, _OFFICER}),
    Capability.APPROVE_REPORTS: frozenset({_APPROVER}),
    Capability.REVIEW_REPORTS: frozenset({_OFFICER}),
    Capability.MONITOR_PLANS: frozenset({_OFFICER, _LEADER, _MINISTRY, _ADMIN}),
    # Business users never see complaints: they may be the ones reported. The custodian sees
    # disclosure requests, not the complaint list.
    Capability.VIEW_COMPLAINTS: frozenset(
        {_ADMIN, _MINISTRY, _OFFICER, _LEADER, _REPORTER, _APPROVER, _COMMUNE}
    ),
    Capability.HANDLE_COMPLAINTS: frozenset({_ADMIN, _OFFICER, _REPORTER, _APPROVER, _COMMUNE}),
    Capability.HEAD_COMPLAINT_HANDLING: frozenset({_APPROVER}),
    Capability.MANAGE_ROUTING_RULES: frozenset({_ADMIN, _OFFICER}),
    Capability.DECIDE_IDENTITY_DISCLOSURE: frozenset({_CUSTODIAN}),
    Capability.REGISTER_INSTRUMENTS: frozenset({_BUSINESS, _OFFICER, _ADMIN}),
    Capability.IMPORT_INSTRUMENTS: frozenset({_BUSINESS, _OFFICER, _ADMIN}),
    Capability.MANAGE_PROVINCE_INSTRUMENTS: frozenset({_OFFICER, _ADMIN}),
    Capability.SEE_OVERDUE_INSTRUMENTS: frozenset(
        {_OFFICER, _COMMUNE, _LEADER, _ADMIN, _MINISTRY, _BUSINESS}
    ),
    Capability.SEE_COMMUNE_INSTRUMENTS: frozenset({_COMMUNE}),
    Capability.READ_METROLOGY_DASHBOARD: frozenset({_OFFICER, _LEADER, _ADMIN}),
    # Navigation, homes and registers (issue 12): lists leave the building only with those
    # who answer for the whole province or a whole agency; staff record reports received by
    # phone, letter or in person; the Group 2 type list is corrected without a deploy.
    Capability.EXPORT_COMPLAINTS: frozenset({_ADMIN, _OFFICER, _LEADER, _MINISTRY, _APPROVER}),
    Capability.RECORD_COMPLAINTS: frozenset({_ADMIN, _OFFICER}),
    Capability.PUBLISH_INSTRUMENT_TYPES: frozenset({_ADMIN, _OFFICER}),
}


def roles_with(capability: Capability) -> frozenset[Role]:
    """The roles that hold `capability` (for queries such as 'users who may handle')."""
    return CAPABILITY_ROLES[capability]


def can(user: AnyUser | None, capability: Capability) -> bool:
    """Does `user` (logged in and active) hold `capability` through one of their roles?"""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return False
    held: frozenset[str] = user.roles
    return bool(held & CAPABILITY_ROLES[capability])


View = Callable[..., HttpResponse]


def capability_required(capability: Capability) -> Callable[[View], View]:
    """Log in first; then 403 unless the user holds `capability`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
