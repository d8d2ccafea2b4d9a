"""The personas of the root conftest.py and the statuses each may get, shared by the matrices
of pages (views/test_url_matrix.py) and of the API (api/test_api_matrix.py)."""

from __future__ import annotations

PERSONAS = (
    "officer",
    "reporter",
    "approver",
    "other_reporter",
    "commune_officer",
    "business_user",
    "leader",
    "custodian",
    "ministry_viewer",
    "admin_user",
    "other_province_officer",
    "anonymous",
)


LOGIN = 302  # anonymous visitors are sent to the login page


def expect(default: int, *, anonymous: int = LOGIN, **statuses: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table["anonymous"] = anonymous
    table.update(statuses)
    assert set(table) == set(PERSONAS), set(table) - set(PERSONAS)
    return table


EVERYONE = expect(200)


POST_ONLY = expect(405, anonymous=405)


# Read the plan (and its indicators): its province, every province, and the organisations that
# hold an assignment in it (the agency leads 1.1, the other agency partners it, the commune
# committees carry 1.3).
PLAN_READERS = expect(
    404,
    officer=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
    reporter=200,
    approver=200,
    other_reporter=200,
    commune_officer=200,
)


# The monitoring pages: 403 for whoever is not a monitor, 404 for a plan out of reach.
MONITORS = expect(
    403,
    officer=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
    other_province_officer=404,
)


# Managing the plan: its province's TĐC officer only; everyone else 404.
MANAGERS = expect(404, officer=200)


# Importing: TĐC officers and system administrators; a draft stays in its province.
IMPORTERS = expect(403, officer=200, admin_user=200, other_province_officer=200)


DRAFT = expect(403, officer=200, admin_user=200, other_province_officer=404)


# Reports of the agency (on task 1.1): its members, its province's DoST, leadership, the
# Ministry, system administrators.
REPORT_READERS = expect(
    404,
    officer=200,
    reporter=200,
    approver=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
)


SYNTHESIS_READERS = expect(404, officer=200, leader=200, ministry_viewer=200, admin_user=200)
