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
    # capacity
    VIEW_CAPACITY = "view_capacity"
    MANAGE_CAPACITY = "manage_capacity"
    RECORD_OWN_CAPACITY = "record_own_capacity"
    # exchange, open data, national
    MANAGE_API_CLIENTS = "manage_api_clients"
    MANAGE_EVENT_SUBSCRIPTIONS = "manage_event_subscriptions"
    MANAGE_OPEN_DATA = "manage_open_data"
    VIEW_NATIONAL = "view_national"
    # surveillance
    VIEW_SURVEILLANCE = "view_surveillance"
    MANAGE_SURVEILLANCE = "manage_surveillance"
    APPROVE_SURVEILLANCE = "approve_surveillance"
    # standards, conformity
    MANAGE_STANDARDS = "manage_standards"
    SUBSCRIBE_TO_ALERTS = "subscribe_to_alerts"
    ASK_TBT_ENQUIRIES = "ask_tbt_enquiries"
    ANSWER_TBT_ENQUIRIES = "answer_tbt_enquiries"
    FILE_DECLARATIONS = "file_declarations"
    PROCESS_DECLARATIONS = "process_declarations"
    READ_DECLARATIONS = "read_declarations"
    # traceability
    CAPTURE_EPCIS_EVENTS = "capture_epcis_events"
    QUERY_EPCIS_EVENTS = "query_epcis_events"
    MANAGE_TRACEABLE_PRODUCTS = "manage_traceable_products"
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
    # capacity: the registers are read by those who follow the plan; DoST keeps them; an agency
    # records its own courses, events and ISO 9001 status.
    Capability.VIEW_CAPACITY: frozenset(
        {_OFFICER, _LEADER, _MINISTRY, _ADMIN, _REPORTER, _APPROVER, _COMMUNE}
    ),
    Capability.MANAGE_CAPACITY: frozenset({_OFFICER, _ADMIN}),
    Capability.RECORD_OWN_CAPACITY: frozenset({_OFFICER, _ADMIN, _REPORTER, _APPROVER, _COMMUNE}),
    # exchange, open data, national
    Capability.MANAGE_API_CLIENTS: frozenset({_ADMIN}),
    Capability.MANAGE_EVENT_SUBSCRIPTIONS: frozenset({_ADMIN}),
    Capability.MANAGE_OPEN_DATA: frozenset({_ADMIN}),
    Capability.VIEW_NATIONAL: frozenset({_MINISTRY, _ADMIN}),
    # surveillance: businesses read their own establishment's records (samples, results,
    # score, inspections); DoST officers record and plan; approving a warning or an inspection
    # plan needs a second officer (segregation of duties is checked in the services).
    Capability.VIEW_SURVEILLANCE: frozenset({_OFFICER, _LEADER, _MINISTRY, _ADMIN, _BUSINESS}),
    Capability.MANAGE_SURVEILLANCE: frozenset({_OFFICER}),
    Capability.APPROVE_SURVEILLANCE: frozenset({_OFFICER}),
    # standards, conformity
    Capability.MANAGE_STANDARDS: frozenset({_OFFICER, _ADMIN}),
    Capability.SUBSCRIBE_TO_ALERTS: frozenset({_BUSINESS, _OFFICER, _ADMIN}),
    Capability.ASK_TBT_ENQUIRIES: frozenset({_BUSINESS}),
    Capability.ANSWER_TBT_ENQUIRIES: frozenset({_OFFICER}),
    Capability.FILE_DECLARATIONS: frozenset({_BUSINESS}),
    Capability.PROCESS_DECLARATIONS: frozenset({_OFFICER}),
    Capability.READ_DECLARATIONS: frozenset({_OFFICER, _LEADER, _MINISTRY, _ADMIN, _BUSINESS}),
    # traceability: a business records and publishes its own products' events; officers,
    # leadership and the Ministry read them (province or country), nobody writes for another.
    Capability.CAPTURE_EPCIS_EVENTS: frozenset({_BUSINESS}),
    Capability.QUERY_EPCIS_EVENTS: frozenset({_BUSINESS, _OFFICER, _LEADER, _ADMIN, _MINISTRY}),
    Capability.MANAGE_TRACEABLE_PRODUCTS: frozenset({_BUSINESS}),
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
