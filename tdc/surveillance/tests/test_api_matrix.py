"""Every endpoint of the surveillance API × every persona (the pages' matrix, over JSON:
`tdc.core.testing.endpoints.ApiMatrix`).

Reads are called by everyone; a write only by the personas it must refuse (an allowed one is
ALLOWED and not called — the write tests in test_api.py call them), with a payload that
passes validation, so that what answers is the door. Nothing may change.
"""

from __future__ import annotations

import pytest

from tdc.accounts.services import issue_api_token
from tdc.core.models import AuditEvent
from tdc.core.testing.endpoints import ALLOWED, TOKEN, ApiMatrix, Rules
from tdc.plans.tests.personas import PERSONAS, expect
from tdc.surveillance.api import router

EVERYONE = expect(200, anonymous=TOKEN)
# A record of the officer's province: its viewers, 404 for the rest.
PROVINCE_RECORD = expect(
    404, anonymous=TOKEN, officer=200, leader=200, ministry_viewer=200, admin_user=200
)
# The business's own records too (its establishment, samples, inspections).
OWN_RECORD = {**PROVINCE_RECORD, "business_user": 200}
# Creating: TĐC officers, each in their own province; 403 for everyone else.
CREATE = expect(403, anonymous=TOKEN, officer=ALLOWED, other_province_officer=ALLOWED)
# Changing a record of the officer's province: the other province's officer does not find it.
CHANGE = {**CREATE, "other_province_officer": 404}
# Lists of province-level records (plans, assessments), as their pages: not for a business.
PROVINCE_LIST = expect(
    403,
    anonymous=TOKEN,
    officer=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
    other_province_officer=200,
)
# One of them, as its page: 403 without the capability to see surveillance, else the door.
PROVINCE_READ = {**PROVINCE_LIST, "other_province_officer": 404, "business_user": 404}

TOYS = "do-choi-tre-em"
EXPECTED: Rules = {
    "list_warnings": (None, None, EVERYONE),
    "warnings_for_barcode": (None, None, EVERYONE),
    "list_establishments": (None, None, EVERYONE),
    "get_establishment": ("establishment", None, OWN_RECORD),
    "list_products": (None, None, EVERYONE),
    "get_product": ("product", None, PROVINCE_RECORD),
    "create_product": (None, {"name": "Ấm siêu tốc", "category": TOYS}, CREATE),
    "register_establishment": (None, {"name": "Sạp Cô Lan"}, CREATE),
    "update_establishment": ("establishment", {"channels": ["shop"], "volume": "small"}, CHANGE),
    "list_testing_bodies": (None, None, EVERYONE),
    "create_testing_body": (None, {"name": "Phòng thử nghiệm A"}, CREATE),
    "edit_testing_body": ("testing_body", {"name": "Phòng thử nghiệm B"}, CHANGE),
    "list_programmes": (None, None, EVERYONE),
    "create_programme": (
        None,
        {"year": 2027, "title": "Khảo sát 2027", "categories": [TOYS]},
        CREATE,
    ),
    "list_samples": (None, None, EVERYONE),
    "get_sample": ("sample", None, OWN_RECORD),
    "record_sample": (
        "programme",
        {"code": "KS-9", "product_id": 0, "establishment_id": 0, "sampled_on": "2026-06-01"},
        CHANGE,
    ),
    "record_result": (
        "sample",
        {"criterion_id": 0, "measured": "KPH", "unit": "mg/kg"},
        CHANGE,
    ),
    "list_managed_warnings": (None, None, EVERYONE),
    "draft_warning": ("sample", {"hazard": "Chì vượt mức."}, CHANGE),
    "approve_warning": ("warning", {}, CHANGE),
    "publish_warning": ("warning", {}, CHANGE),
    "withdraw_warning": ("warning", {"reason": "Thử"}, CHANGE),
    "list_inspections": (None, None, EVERYONE),
    "get_inspection": ("inspection", None, OWN_RECORD),
    "schedule_inspection": (
        None,
        {"establishment_id": 0, "inspected_on": "2026-11-01", "team": "Đoàn A"},
        CREATE,
    ),
    "record_inspection_result": ("inspection", {"findings": "Đạt."}, CHANGE),
    "add_violation": (
        "inspection",
        {"description": "Nhãn thiếu", "legal_basis": "Nghị định 119/2017/NĐ-CP"},
        CHANGE,
    ),
    # Risk assessments
    "list_assessments": (None, None, PROVINCE_LIST),
    "get_assessment": ("assessment", None, PROVINCE_READ),
    "assess_sample": (
        "sample",
        {
            "hazard": "Chì",
            "severity": 4,
            "steps": [{"description": "Trẻ ngậm", "probability": "1/2"}],
        },
        CHANGE,
    ),
    "rerun_assessment": ("assessment", {}, CHANGE),
    "draft_warning_from_assessment": ("assessment", {}, CHANGE),
    # The inspection plan and its items
    "list_inspection_plans": (None, None, PROVINCE_LIST),
    "get_inspection_plan": ("plan", None, PROVINCE_READ),
    "generate_inspection_plan": (None, {"year": 2027, "budget": 3}, CREATE),
    "review_inspection_plan": ("plan", {}, CHANGE),
    "approve_inspection_plan": ("plan", {}, CHANGE),
    "list_plan_items": ("plan", None, PROVINCE_READ),
    "get_plan_item": ("plan", None, PROVINCE_READ),
    "add_plan_item": ("plan", {"establishment_id": 1, "reason": "Phản ánh"}, CHANGE),
    "remove_plan_item": ("plan", {"reason": "Đã ngừng kinh doanh"}, CHANGE),
    "download_inspection_plan_docx": ("plan", None, PROVINCE_READ),
    "download_inspection_plan_xlsx": ("plan", None, PROVINCE_READ),
}


MATRIX = ApiMatrix(
    prefix="/api/v1/surveillance",
    routers=[router],
    rules=EXPECTED,
    personas=PERSONAS,
    issue_token=lambda user: issue_api_token(user, name="matrix")[1],
    fill={"gtin": lambda world: "8934567000048", "item_pk": lambda world: world["item"].pk},
)


def test_every_endpoint_of_the_surveillance_api_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_from_every_endpoint(
    client, world, testing_body, persona, request
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    assert MATRIX.wrong_statuses(client, world, persona, user) == {}, persona
    # Nothing was let through: no surveillance write was logged.
    assert not AuditEvent.objects.filter(action__startswith="surveillance.", pk__gt=last).exists()
