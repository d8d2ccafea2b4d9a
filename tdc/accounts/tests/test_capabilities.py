from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tdc.accounts.capabilities import CAPABILITY_ROLES, Capability, can, roles_with
from tdc.accounts.models import Role


def test_every_capability_is_mapped_to_roles() -> None:
    assert set(CAPABILITY_ROLES) == set(Capability)
    assert all(CAPABILITY_ROLES[capability] for capability in Capability)


def test_anonymous_visitor_holds_no_capability() -> None:
    assert [c for c in Capability if can(AnonymousUser(), c)] == []


@pytest.mark.django_db
def test_business_user_registers_instruments_but_never_sees_complaints(business_user) -> None:
    assert can(business_user, Capability.REGISTER_INSTRUMENTS) is True
    assert can(business_user, Capability.VIEW_COMPLAINTS) is False


@pytest.mark.django_db
def test_inactive_user_holds_nothing(officer) -> None:
    officer.is_active = False
    assert can(officer, Capability.IMPORT_PLANS) is False


def test_only_the_custodian_decides_disclosure() -> None:
    assert roles_with(Capability.DECIDE_IDENTITY_DISCLOSURE) == frozenset(
        {Role.COMPLAINT_CUSTODIAN}
    )
