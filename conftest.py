"""Shared personas: one user per role, in the demo-like province of Khánh Hòa.

`dost` is the province's Department of Science and Technology; `agency` and `other_agency` are
two departments; `other_province_dost` lives in another province.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from tdc.accounts.models import Organisation, Role, User
from tdc.accounts.tests.factories import OrganisationFactory, ProvinceFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SYSTEM_CHROMIUM = Path(os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture
def province(db):
    return ProvinceFactory(code=56, name="Khánh Hòa")


@pytest.fixture
def other_province(db):
    return ProvinceFactory(code=46, name="Thành phố Huế")


@pytest.fixture
def dost(province) -> Organisation:
    return OrganisationFactory(
        name="Sở Khoa học và Công nghệ",
        short_name="Sở KH&CN",
        aliases=["Sở KHCN"],
        kind=Organisation.Kind.DOST,
        province=province,
    )


@pytest.fixture
def agency(province) -> Organisation:
    return OrganisationFactory(name="Sở Tài chính", province=province)


@pytest.fixture
def other_agency(province) -> Organisation:
    return OrganisationFactory(name="Sở Y tế", province=province)


@pytest.fixture
def commune_org(province) -> Organisation:
    return OrganisationFactory(
        name="UBND Phường Nha Trang", kind=Organisation.Kind.COMMUNE_COMMITTEE, province=province
    )


@pytest.fixture
def business(province) -> Organisation:
    return OrganisationFactory(
        name="Công ty TNHH Xăng dầu Biển Xanh", kind=Organisation.Kind.BUSINESS, province=province
    )


@pytest.fixture
def ministry(db) -> Organisation:
    return OrganisationFactory(
        name="Bộ Khoa học và Công nghệ", kind=Organisation.Kind.MINISTRY, province=None
    )


@pytest.fixture
def other_province_dost(other_province) -> Organisation:
    return OrganisationFactory(
        name="Sở Khoa học và Công nghệ", kind=Organisation.Kind.DOST, province=other_province
    )


def _user(username: str, organisation: Organisation | None, role: str) -> User:
    return UserFactory(username=username, organisation=organisation, roles=[role])


@pytest.fixture
def admin_user(dost) -> User:
    return _user("quantri", dost, Role.SYSTEM_ADMIN)


@pytest.fixture
def officer(dost) -> User:
    return _user("canbo.tdc", dost, Role.TDC_OFFICER)


@pytest.fixture
def reporter(agency) -> User:
    return _user("baocao.taichinh", agency, Role.AGENCY_REPORTER)


@pytest.fixture
def approver(agency) -> User:
    return _user("duyet.taichinh", agency, Role.AGENCY_APPROVER)


@pytest.fixture
def other_reporter(other_agency) -> User:
    return _user("baocao.yte", other_agency, Role.AGENCY_REPORTER)


@pytest.fixture
def commune_officer(commune_org) -> User:
    return _user("canbo.nhatrang", commune_org, Role.COMMUNE_OFFICER)


@pytest.fixture
def business_user(business) -> User:
    return _user("doanhnghiep", business, Role.BUSINESS_USER)


@pytest.fixture
def leader(province) -> User:
    committee = OrganisationFactory(
        name="UBND tỉnh Khánh Hòa", kind=Organisation.Kind.PROVINCIAL_COMMITTEE, province=province
    )
    return _user("lanhdao.tinh", committee, Role.LEADERSHIP_VIEWER)


@pytest.fixture
def custodian(dost) -> User:
    return _user("baomat", dost, Role.COMPLAINT_CUSTODIAN)


@pytest.fixture
def ministry_viewer(ministry) -> User:
    return _user("bo.khcn", ministry, Role.MINISTRY_VIEWER)


@pytest.fixture
def other_province_officer(other_province_dost) -> User:
    return _user("canbo.hue", other_province_dost, Role.TDC_OFFICER)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end sessions the live server thread left open."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connection.close()


@pytest.fixture(autouse=True)
def _background_jobs_must_not_fail(request):
    """The immediate task backend records a job's exception instead of raising it: fail the
    test instead, so that a job broken on one database engine cannot pass unnoticed."""
    from django_tasks import TaskResultStatus
    from django_tasks.signals import task_finished

    failures: list[str] = []

    def on_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
        if task_result.status == TaskResultStatus.FAILED:
            errors = "; ".join(e.traceback.strip().splitlines()[-1] for e in task_result.errors)
            failures.append(f"{task_result.task.name}: {errors}")

    task_finished.connect(on_finished)
    yield
    task_finished.disconnect(on_finished)
    if "allow_failed_jobs" not in request.keywords:
        assert not failures, f"background job failed: {failures}"


# --- Browser tests -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _browser_quiet_before_the_database_goes(request: pytest.FixtureRequest) -> Any:
    """At the end of a browser test, close every browser context it opened (pytest-playwright
    closes only its own `page`'s) and wait for the live server's request threads to finish.

    Otherwise a context left open keeps its keep-alive connections to the live server: the
    request thread waiting on one wakes only when the browser closes at the end of the session,
    after this test's database is gone, and fails closing its connection, leaving its socket
    to the garbage collector (a ResourceWarning). This fixture is set up after pytest-django's
    database fixtures, so it is torn down before them.
    """
    yield
    if "browser" not in request.fixturenames:
        return
    browser = request.getfixturevalue("browser")
    for context in list(browser.contexts):
        context.close()
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=30)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive the system Chromium (Playwright cannot download its own browser here)."""
    args = dict(browser_type_launch_args)
    if SYSTEM_CHROMIUM.exists():
        args["executable_path"] = str(SYSTEM_CHROMIUM)
    args["args"] = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
