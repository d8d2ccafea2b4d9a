"""Every endpoint of the complaints API × every persona (`tdc.core.testing.endpoints.ApiMatrix`,
as plans').

Reads are called by everyone; a write only by the personas it must refuse (an allowed persona
is marked ALLOWED and not called here: the service and leak tests do), and afterwards nothing
has changed: the complaint's status, its conversation, its transfers and the routing rule."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from tdc.accounts.services import issue_api_token
from tdc.complaints import services
from tdc.complaints.api import router
from tdc.complaints.models import Attachment, RoutingRule
from tdc.core.testing.endpoints import ALLOWED, TOKEN, ApiMatrix, Rules
from tdc.plans.tests.personas import PERSONAS, expect

# Complaints are read by the province's DoST (where they are routed), the leadership, the
# Ministry and the administrators; everyone else sees none (404 for one).
READERS = expect(404, anonymous=TOKEN, officer=200, leader=200, ministry_viewer=200, admin_user=200)
LISTS = expect(200, anonymous=TOKEN)
# Handling: the DoST's officer (and the administrator); a reader who may not act gets 403,
# anyone else 404 ("missing" and "not yours" alike).
HANDLERS = {**READERS, "officer": ALLOWED, "admin_user": ALLOWED, "leader": 403}
HANDLERS["ministry_viewer"] = 403
# Routing rules: read by everyone who works on complaints (their province's), changed by the
# province's DoST officers; another province's rule is not theirs (404).
ROUTING_READ = expect(403, anonymous=TOKEN, business_user=403, custodian=403)
for _persona in PERSONAS:
    if ROUTING_READ[_persona] == 403 and _persona not in ("business_user", "custodian"):
        ROUTING_READ[_persona] = 200
ROUTING_CREATE = {
    **{p: (403 if s == 200 else s) for p, s in ROUTING_READ.items()},
    "officer": ALLOWED,
    "admin_user": ALLOWED,
    "other_province_officer": ALLOWED,  # a rule of their own province
}
ROUTING_CHANGE = {**ROUTING_CREATE, "other_province_officer": 404}

EXPECTED: Rules = {
    "list_routing_rules": (None, None, ROUTING_READ),
    "create_routing_rule": (None, {"category": "", "organisation_id": 1}, ROUTING_CREATE),
    "update_routing_rule": ("rule", {"category": "", "organisation_id": 1}, ROUTING_CHANGE),
    "remove_routing_rule": ("rule", {}, ROUTING_CHANGE),
    "list_complaints": (None, None, LISTS),
    "statistics": (None, None, LISTS),
    "get_complaint": ("complaint", None, READERS),
    "change_status": ("complaint", {"status": "verifying"}, HANDLERS),
    "assign": ("complaint", {"assignee_id": 1}, HANDLERS),
    "list_complaint_messages": ("complaint", None, READERS),
    "post_complaint_message": ("complaint", {"kind": "note", "body": "Ghi chú"}, HANDLERS),
    "list_complaint_attachments": ("complaint", None, READERS),
    "download_complaint_attachment": ("complaint", None, READERS),
    "list_complaint_transfers": ("complaint", None, READERS),
    "transfer_to_authority": (
        "complaint",
        {"authority_name": "Chi cục QLTT", "reason": "Thẩm quyền"},
        HANDLERS,
    ),
}


MATRIX = ApiMatrix(
    prefix="/api/v1/complaints",
    routers=[router],
    rules=EXPECTED,
    personas=PERSONAS,
    issue_token=lambda user: issue_api_token(user, name="matrix")[1],
    fill={"attachment_pk": lambda world: world["attachment"].pk},
)


@pytest.fixture
def world(submit, officer, dost):
    complaint = submit().complaint
    services.accept_complaint(complaint, by=officer)
    attachment = Attachment.objects.create(
        complaint=complaint, kind="pdf", status="stored", content_type="application/pdf", size=8
    )
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=True)
    rule = RoutingRule.objects.create(
        province=complaint.province, category="fuel_dispenser", organisation=dost
    )
    return {"complaint": complaint, "attachment": attachment, "rule": rule}


def test_every_endpoint_of_the_complaints_api_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_from_every_endpoint(client, world, persona, request):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    complaint = world["complaint"]
    before = (complaint.status, complaint.messages.count(), complaint.transfers.count())

    assert MATRIX.wrong_statuses(client, world, persona, user) == {}, persona
    complaint.refresh_from_db()
    after = (complaint.status, complaint.messages.count(), complaint.transfers.count())
    assert after == before  # nothing was let through
    rule = RoutingRule.objects.get(pk=world["rule"].pk)
    assert (rule.category, rule.organisation_id) == (
        "fuel_dispenser",
        world["rule"].organisation_id,
    )
