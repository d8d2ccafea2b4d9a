"""Every URL of `plans` × every persona: the status a GET answers.

The URLs come from the URL conf itself (`get_resolver`), not from a hand-made list, and each
must have a row in `EXPECTED`: a new page without a rule fails this test until someone writes
down who may open it. Path parameters are filled from real objects (factories and services).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.permissions import requires_second_factor
from tdc.plans.tests.personas import (
    DRAFT,
    EVERYONE,
    IMPORTERS,
    MANAGERS,
    MONITORS,
    PERSONAS,
    PLAN_READERS,
    POST_ONLY,
    REPORT_READERS,
    SYNTHESIS_READERS,
    expect,
)

# url name: (the object behind <pk>, statuses)
EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    # Plan documents and the import
    "plan_list": (None, EVERYONE),
    "plan_detail": ("plan", PLAN_READERS),
    "plan_source": ("plan", PLAN_READERS),
    "plan_withdraw": ("plan", POST_ONLY),
    "plan_replace": ("plan", POST_ONLY),
    "plan_link_parent": ("plan", POST_ONLY),
    # The world's plan has no previous version: nothing to compare, for anyone.
    "plan_versions": ("plan", expect(404)),
    "task_detail": (
        "task",
        {**PLAN_READERS, "commune_officer": 404},  # 1.1 is not the commune's task
    ),
    "import_upload": (None, IMPORTERS),
    "import_preview": ("draft", DRAFT),
    "import_discard": ("draft", POST_ONLY),
    # The reading state the waiting page polls: the world's draft is read, so a plain GET
    # goes on to its preview.
    "import_state": ("draft", expect(403, officer=302, admin_user=302, other_province_officer=404)),
    "import_retry": ("draft", POST_ONLY),
    # My tasks, reports
    "my_tasks": (None, EVERYONE),
    "report_list": (None, EVERYONE),
    "report_detail": ("report", REPORT_READERS),
    "report_submit": ("report", POST_ONLY),
    "report_approve": ("report", POST_ONLY),
    "report_send_back": ("report", POST_ONLY),
    "report_accept": ("report", POST_ONLY),
    "report_return": ("report", POST_ONLY),
    "report_reopen": ("report", POST_ONLY),
    "evidence_download": ("report", REPORT_READERS),
    "evidence_remove": ("report", POST_ONLY),
    # An organisation's own report for the period: whoever writes reports expected of it
    # (the agency, its partner, the communes, and DoST's officer for task 1.2).
    "agency_export": (
        None,
        expect(
            404,
            officer=200,
            reporter=200,
            approver=200,
            other_reporter=200,
            commune_officer=200,
        ),
    ),
    # Explanations (asked of the agency), notifications (the reporter's)
    "explanation_list": (None, EVERYONE),
    "explanation_detail": ("explanation", REPORT_READERS),
    "notification_list": (None, EVERYONE),
    "notification_open": ("notification", expect(404, reporter=302)),
    # Monitoring, periods, tasks
    "dashboard": (None, {**MONITORS, "other_province_officer": 200}),
    "period_list": (None, MONITORS),
    "period_detail": ("period", MONITORS),
    "explanation_create": (None, MANAGERS),
    "assignment_list": (None, MONITORS),
    "task_create": (None, MANAGERS),
    "task_edit": ("task", MANAGERS),
    "task_reassign": ("task", MANAGERS),
    "task_split": ("task", MANAGERS),
    # Indicators
    "indicator_list": (None, EVERYONE),
    "indicator_detail": ("indicator", PLAN_READERS),
    "indicator_edit": (
        "indicator",
        expect(
            403,
            officer=200,
            business_user=404,
            custodian=404,
            other_province_officer=404,
        ),
    ),
    "indicator_value_add": ("indicator", POST_ONLY),
    "indicator_compute": ("indicator", POST_ONLY),
    "indicator_create": (None, MANAGERS),
    # The synthesis
    "synthesis_start": (None, POST_ONLY),
    "synthesis_detail": ("synthesis", SYNTHESIS_READERS),
    "synthesis_refresh": ("synthesis", POST_ONLY),
    "synthesis_finalise": ("synthesis", POST_ONLY),
    "synthesis_download": ("synthesis", SYNTHESIS_READERS),
    # The multi-year review: whoever reads the plan's syntheses.
    "plan_review": ("plan", SYNTHESIS_READERS),
}


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found.extend(_patterns(pattern.url_patterns, prefix))
        elif pattern.name:
            found.append((pattern.name, pattern))
    return found


PLAN_URLS = _patterns(get_resolver("tdc.plans.urls").url_patterns)


def test_every_url_of_plans_has_a_rule_for_every_persona():
    names = [name for name, _pattern in PLAN_URLS]

    assert len(names) == len(set(names))
    assert set(names) - set(EXPECTED) == set(), "a page without an access rule in EXPECTED"
    assert set(EXPECTED) - set(names) == set(), "a rule for a page that no longer exists"


def _url(name: str, pattern: URLPattern, world: dict[str, Any]) -> str:
    subject, _statuses = EXPECTED[name]
    kwargs: dict[str, Any] = {}
    for key in pattern.pattern.converters:
        if key == "pk":
            assert subject is not None, name
            kwargs[key] = world[subject].pk
        elif key == "plan_pk":
            kwargs[key] = world["plan"].pk
        elif key == "period_pk":
            kwargs[key] = world["period"].pk
        elif key == "evidence_pk":
            kwargs[key] = world["evidence"].pk
        elif key == "fmt":
            kwargs[key] = "docx"
        else:
            raise AssertionError(f"{name}: no object for <{key}>")
    return reverse(f"plans:{name}", kwargs=kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_page(client, world, persona, request):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    if persona != "anonymous":
        client.force_login(user)
    if requires_second_factor(user):  # system administrators and custodians pass TOTP first
        device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    got = {}
    wanted = {}
    for name, pattern in PLAN_URLS:
        url = _url(name, pattern, world)
        got[name] = client.get(url).status_code
        wanted[name] = EXPECTED[name][1][persona]

    assert {n: s for n, s in got.items() if s != wanted[n]} == {}, persona
