"""Every URL of `plans` × every persona: the status a GET answers.

The URLs come from the URL conf itself (`get_resolver`), not from a hand-made list, and each
must have a row in `EXPECTED`: a new page without a rule fails this test until someone writes
down who may open it. Path parameters are filled from real objects (factories and services).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.permissions import requires_second_factor
from tdc.plans.models import ReportingPeriod
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.importing import create_import_draft
from tdc.plans.services.reporting import ReportInput, save_report, submit_report
from tdc.plans.services.synthesis import start_synthesis
from tdc.plans.tests.factories import (
    HANOI,
    ExplanationRequestFactory,
    NotificationFactory,
    make_plan,
    make_target,
    report_of,
    small_plan_bytes,
)

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

# url name: (the object behind <pk>, statuses)
EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    # Plan documents and the import
    "plan_list": (None, EVERYONE),
    "plan_detail": ("plan", PLAN_READERS),
    "plan_source": ("plan", PLAN_READERS),
    "task_detail": (
        "task",
        {**PLAN_READERS, "commune_officer": 404},  # 1.1 is not the commune's task
    ),
    "import_upload": (None, IMPORTERS),
    "import_preview": ("draft", DRAFT),
    "import_discard": ("draft", POST_ONLY),
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


@pytest.fixture
def world(
    dost, agency, other_agency, commune_org, officer, reporter, time_machine
) -> dict[str, Any]:
    """One plan of Khánh Hòa with a report sent, evidence, a synthesis, an explanation, a
    notification and an import draft."""
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Quán triệt Chỉ thị số 38-CT/TW",
                "leads": [agency],
                "partners": [other_agency],
            },
            {"number": "1.2", "content": "Thẩm định nội dung tiêu chuẩn", "leads": [dost]},
            {"number": "1.3", "content": "Tuyên truyền tại cơ sở", "leads": ["all_communes"]},
        ],
    )
    make_target(plan)
    plan.source_file.save("ke-hoach.txt", ContentFile(b"KE HOACH"), save=True)
    assign_plan(plan)
    report = report_of(plan, agency, number="1.1")
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=40, results="Đã quán triệt"),
        version=report.version,
        by=reporter,
        new_files=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")],
    )
    report = submit_report(report, version=report.version, by=reporter)
    period = ReportingPeriod.objects.get(plan=plan)
    return {
        "plan": plan,
        "task": plan.tasks.get(number="1.1"),
        "period": period,
        "report": report,
        "evidence": report.evidence.get(),
        "indicator": plan.indicators.get(),
        "synthesis": start_synthesis(period, by=officer),
        "explanation": ExplanationRequestFactory(
            period=period, organisation=agency, requested_by=officer
        ),
        "notification": NotificationFactory(recipient=reporter),
        "draft": create_import_draft(
            dost.province, data=small_plan_bytes("ma-tran"), filename="kh.txt", by=officer
        ),
    }


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
