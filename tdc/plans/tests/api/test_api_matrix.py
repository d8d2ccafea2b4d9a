"""Every endpoint of the plans API × every persona.

The endpoints come from the router itself (`tdc.core.testing.endpoints.ApiMatrix`), and each
must have a row in `EXPECTED`. Reads are called by everyone; a write is called only by the
personas it must refuse (an allowed persona is marked ALLOWED and not called, so the world stays
as it was): a write that lets an outsider through changes the report and answers 200, and the
test fails.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.accounts.services import issue_api_token
from tdc.core.testing.endpoints import ALLOWED, TOKEN, ApiMatrix, Form, Rules
from tdc.plans.api import router
from tdc.plans.tests.personas import (
    MONITORS,
    PERSONAS,
    PLAN_READERS,
    REPORT_READERS,
    SYNTHESIS_READERS,
    expect,
)

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
# Sent as a form with a file (the upload routes).
UPLOAD = Form(
    lambda: {"version": "99", "file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 matrix")}
)
# The plan's TĐC officer only (the service's door); everyone else 404.
MANAGER_WRITES = {**expect(404, anonymous=TOKEN), "officer": ALLOWED}
SYNTHESIS = {**SYNTHESIS_READERS, "anonymous": TOKEN}
SYNTHESIS_WRITES = {
    **SYNTHESIS,
    "leader": 403,
    "ministry_viewer": 403,
    "admin_user": 403,
    "officer": ALLOWED,
}
DRAFT_READERS = expect(404, anonymous=TOKEN, officer=200, admin_user=200)
DRAFT_WRITES = {**DRAFT_READERS, "officer": ALLOWED, "admin_user": ALLOWED}

# view function: (the object behind the path's pk, payload of a write, statuses)
EXPECTED: Rules = {
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
    # Targets, assignments, tasks
    "list_plan_targets": ("plan", None, PLAN),
    "list_plan_assignments": ("plan", None, {**MONITORS, "anonymous": TOKEN}),
    "create_plan_task": ("plan", {"content": "Nhiệm vụ mới", "leads": [1]}, MANAGER_WRITES),
    "update_plan_task": ("task", {"content": "Sửa nhiệm vụ"}, MANAGER_WRITES),
    "reassign_plan_task": ("task", {"leads": [1]}, MANAGER_WRITES),
    "split_plan_task": ("task", {"parts": ["Phần một", "Phần hai"]}, MANAGER_WRITES),
    # Evidence
    "list_report_evidence": ("report", None, REPORT),
    "add_report_evidence": ("report", UPLOAD, OWNER_WRITES),
    "download_report_evidence": ("report", None, REPORT),
    "remove_report_evidence": ("report", {}, OWNER_WRITES),
    # Explanations
    "list_explanations": (None, None, EVERYONE),
    "get_explanation": ("explanation", None, REPORT),
    "answer_explanation": (
        "explanation",
        {"response": "Do thay đổi nhân sự"},
        {**OWNER_WRITES, "reporter": ALLOWED, "approver": ALLOWED},
    ),
    "request_explanation": (
        "period",
        {"organisation_id": 1, "message": "Đề nghị giải trình", "due_date": "2026-12-31"},
        MANAGER_WRITES,
    ),
    # Syntheses
    "list_syntheses": (None, None, EVERYONE),
    "get_synthesis": ("synthesis", None, SYNTHESIS),
    "start_synthesis": ("period", {}, MANAGER_WRITES),
    "update_synthesis": ("synthesis", {"version": 99, "place": "Nha Trang"}, SYNTHESIS_WRITES),
    "refresh_synthesis": ("synthesis", {}, SYNTHESIS_WRITES),
    "finalise_synthesis": ("synthesis", {}, SYNTHESIS_WRITES),
    "download_synthesis_docx": ("synthesis", None, SYNTHESIS),
    "download_synthesis_xlsx": ("synthesis", None, SYNTHESIS),
    # Plan import
    "list_import_drafts": (
        None,
        None,
        expect(403, anonymous=TOKEN, officer=200, admin_user=200, other_province_officer=200),
    ),
    "get_import_draft": ("draft", None, DRAFT_READERS),
    "upload_plan_document": (
        None,
        UPLOAD,
        expect(
            403,
            anonymous=TOKEN,
            officer=ALLOWED,
            admin_user=ALLOWED,
            other_province_officer=ALLOWED,
        ),
    ),
    "confirm_import_draft": ("draft", {"allow_no_assignments": True}, DRAFT_WRITES),
    "discard_import_draft": ("draft", {}, DRAFT_WRITES),
}


MATRIX = ApiMatrix(
    prefix="/api/v1/plans",
    routers=[router],
    rules=EXPECTED,
    personas=PERSONAS,
    issue_token=lambda user: issue_api_token(user, name="matrix")[1],
    fill={"evidence_pk": lambda world: world["evidence"].pk},
)


def test_every_endpoint_of_the_plans_api_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_from_every_endpoint(client, world, persona, request):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    report = world["report"]
    state, version = report.state, report.version

    assert MATRIX.wrong_statuses(client, world, persona, user) == {}, persona
    report.refresh_from_db()
    assert (report.state, report.version) == (state, version)  # nothing was let through
    assert report.evidence.filter(removed_at__isnull=True).count() == 1
    assert world["synthesis"].__class__.objects.get(pk=world["synthesis"].pk).version == (
        world["synthesis"].version
    )
    world["explanation"].refresh_from_db()
    assert world["explanation"].response == ""
