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


def _imports_of_user_roles(path) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "tdc.accounts.models":
            found += [alias.name for alias in node.names if alias.name == "Role"]
        if isinstance(node, ast.Attribute) and node.attr in {"roles", "role_grants"}:
            found.append(node.attr)
    return found


def test_no_app_outside_accounts_asks_for_role_names():
    """Apps ask `can(user, Capability.X)`; only accounts, demos and tests name roles."""
    from pathlib import Path

    import tdc

    root = Path(tdc.__file__).resolve().parent
    offenders = [
        f"{path.relative_to(root)}: {name}"
        for path in sorted(root.rglob("*.py"))
        if path.parts[len(root.parts)] != "accounts"
        and "tests" not in path.parts
        and "migrations" not in path.parts
        and "demo" not in path.parts
        and path.stem != "demo"
        for name in _imports_of_user_roles(path)
    ]

    assert offenders == []
