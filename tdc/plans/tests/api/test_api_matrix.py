"""Every endpoint of the plans API × every persona.

The endpoints come from the router itself, and each must have a row in `EXPECTED`. Reads are
called by everyone; a write is called only by the personas it must refuse (an allowed persona
is marked ALLOWED and not called, so the world stays as it was): a write that lets an
outsider through changes the report and answers 200, and the test fails.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from ninja import Router

from tdc.accounts.services import issue_api_token
from tdc.plans.api import router
from tdc.plans.tests.personas import PERSONAS, PLAN_READERS, REPORT_READERS, expect

API = "/api/v1/plans"
TOKEN = 401  # no valid token
ALLOWED = 0  # may do it: not called here (the service tests do)

EVERYONE = expect(200, anonymous=TOKEN)
PLAN = {**PLAN_READERS, "anonymous": TOKEN}
REPORT = {**REPORT_READERS, "anonymous": TOKEN}
# The report's readers who may not do this get 403 (the service refuses); the others 404.
OWNER_WRITES = {**REPORT, "officer": 403, "leader": 403, "ministry_viewer": 403, "admin_user": 403}
OWNER_WRITES.update(reporter=ALLOWED, approver=ALLOWED)
APPROVER_WRITES = {**OWNER_WRITES, "reporter": 403}
REVIEWER_WRITES = {
    **REPORT,
    "reporter": 403,
    "approver": 403,
    "leader": 403,
    "ministry_viewer": 403,
    "admin_user": 403,
    "officer": ALLOWED,
}

VERSION = {"version": 99}
REASON = {"reason": "Bổ sung số liệu"}

# view function: (the object behind the path's pk, payload of a write, statuses)
EXPECTED: dict[str, tuple[str | None, dict[str, Any] | None, dict[str, int]]] = {
    "list_plans": (None, None, EVERYONE),
    "get_plan": ("plan", None, PLAN),
    "list_my_tasks": (None, None, EVERYONE),
    "list_reports": (None, None, EVERYONE),
    "get_report": ("report", None, REPORT),
    "save_report": (
        "report",
        {"version": 99, "progress": "in_progress", "percent": 10, "results": "Thử"},
        OWNER_WRITES,
    ),
    "submit_report": ("report", VERSION, OWNER_WRITES),
    "approve_report": ("report", {}, APPROVER_WRITES),
    "send_back_report": ("report", REASON, APPROVER_WRITES),
    "accept_report": ("report", {"note": ""}, REVIEWER_WRITES),
    "return_report": ("report", REASON, REVIEWER_WRITES),
    "reopen_report": ("report", REASON, REVIEWER_WRITES),
    "period_completeness": (
        "period",
        None,
        expect(
            403,
            anonymous=TOKEN,
            officer=200,
            leader=200,
            ministry_viewer=200,
            admin_user=200,
            other_province_officer=404,
        ),
    ),
    "list_indicators": (None, None, EVERYONE),
    "get_indicator": ("indicator", None, PLAN),
    "record_indicator_value": (
        "indicator",
        {"period_start": "2026-01-01", "period_end": "2026-12-31", "value": "1", "source": "Sở"},
        {
            **PLAN,
            **dict.fromkeys(
                (
                    "reporter",
                    "approver",
                    "other_reporter",
                    "commune_officer",
                    "leader",
                    "ministry_viewer",
                    "admin_user",
                ),
                403,
            ),
            "officer": ALLOWED,
        },
    ),
    "list_notifications": (None, None, EVERYONE),
}


def _operations(r: Router, prefix: str = "") -> list[tuple[str, str, str]]:
    """(method, path, view function name) of every operation of `r` and its routers."""
    found = [
        (method, prefix + path, operation.view_func.__name__)
        for path, view in r.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    ]
    for sub_prefix, sub, *_rest in r._routers:
        found.extend(_operations(sub, prefix + sub_prefix))
    return found


OPERATIONS = _operations(router)


def test_every_endpoint_of_the_plans_api_has_a_rule_for_every_persona():
    names = [name for _method, _path, name in OPERATIONS]

    assert len(names) == len(set(names))
    assert set(names) - set(EXPECTED) == set(), "an endpoint without an access rule in EXPECTED"
    assert set(EXPECTED) - set(names) == set(), "a rule for an endpoint that no longer exists"


def _path(path: str, subject: str | None, world: dict[str, Any]) -> str:
    for placeholder in ("{int:pk}", "{pk}"):
        if placeholder in path:
            assert subject is not None, path
            return API + path.replace(placeholder, str(world[subject].pk))
    return API + path


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_from_every_endpoint(client, world, persona, request):
    headers: dict[str, str] = {}
    if persona != "anonymous":
        _token, key = issue_api_token(request.getfixturevalue(persona), name="matrix")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    report = world["report"]
    state, version = report.state, report.version

    got, wanted = {}, {}
    for method, path, name in OPERATIONS:
        subject, payload, statuses = EXPECTED[name]
        if statuses[persona] == ALLOWED:
            continue
        url = _path(path, subject, world)
        if method == "GET":
            response = client.get(url, **headers)
        else:
            response = client.generic(
                method,
                url,
                data=json.dumps(payload or {}),
                content_type="application/json",
                **headers,
            )
        got[name], wanted[name] = response.status_code, statuses[persona]

    assert {n: s for n, s in got.items() if s != wanted[n]} == {}, persona
    report.refresh_from_db()
    assert (report.state, report.version) == (state, version)  # nothing was let through
