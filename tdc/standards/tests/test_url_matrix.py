"""Every URL of `standards` × every persona: the status a GET answers (the URL conf walked by
`tdc.core.testing.matrix.UrlMatrix`). A new page without a rule here fails the test until
someone writes down who may open it."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.accounts.permissions import requires_second_factor
from tdc.core.testing.matrix import UrlMatrix
from tdc.standards.services import ask_enquiry, read_catalogue_file
from tdc.standards.services.alerts import unsubscribe_token
from tdc.standards.services.projects import add_project_document, create_project
from tdc.standards.tests.factories import NotificationFactory, StandardFactory, SubscriptionFactory
from tdc.standards.tests.personas import (
    LOGGED_IN,
    PERSONAS,
    POST_ONLY,
    PUBLIC,
    expect,
)

MANAGERS = expect(403, officer=200, admin_user=200, other_province_officer=200)
SUBSCRIBERS = expect(
    403, officer=200, admin_user=200, other_province_officer=200, business_user=200
)

EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    "standard_list": (None, PUBLIC),
    "standard_detail": ("standard", PUBLIC),
    "import_upload": (None, MANAGERS),
    "import_template": (None, MANAGERS),
    "import_detail": ("import", {**MANAGERS, "other_province_officer": 404}),
    "import_apply": ("import", POST_ONLY),
    "import_discard": ("import", POST_ONLY),
    "import_errors": ("import", {**MANAGERS, "other_province_officer": 404}),
    "notification_list": (None, PUBLIC),
    "notification_import": (None, MANAGERS),
    "notification_detail": ("notification", PUBLIC),
    "notification_summary": ("notification", POST_ONLY),
    "alert_list": (None, SUBSCRIBERS),
    "subscription_list": (None, SUBSCRIBERS),
    "subscription_create": (None, SUBSCRIBERS),
    "subscription_detail": ("subscription", {**SUBSCRIBERS, "other_province_officer": 404}),
    "subscription_stop": ("subscription", POST_ONLY),
    "unsubscribe": ("token", PUBLIC),
    "enquiry_list": (None, LOGGED_IN),
    "enquiry_create": (None, expect(403, business_user=200)),
    "enquiry_detail": ("enquiry", expect(404, business_user=200, officer=200)),
    "enquiry_answer": ("enquiry", POST_ONLY),
    "faq": (None, PUBLIC),
    # Projects: the province's officers and monitors; others only drafts open for comments.
    "project_list": (None, LOGGED_IN),
    "project_create": (None, MANAGERS),
    "project_detail": (
        "project",
        expect(404, officer=200, leader=200, ministry_viewer=200, admin_user=200),
    ),
    "project_stage": ("project", POST_ONLY),
    "project_document_add": ("project", POST_ONLY),
    "project_document_download": (
        "project",
        expect(404, officer=200, leader=200, ministry_viewer=200, admin_user=200),
    ),
    "project_comment": ("project", POST_ONLY),
}

MATRIX = UrlMatrix(
    namespace="standards",
    urlconf="tdc.standards.urls",
    rules=EXPECTED,
    personas=PERSONAS,
    fill={
        "document_pk": lambda world: world["document"].pk,
        "token": lambda world: world["token"],
    },
    second_factor=requires_second_factor,
)


def test_every_url_has_a_rule():
    assert MATRIX.rule_problems() == {}


@pytest.fixture
def world(officer, business, business_user) -> dict[str, Any]:
    subscription = SubscriptionFactory.create(organisation=business, created_by=business_user)
    project = create_project(
        kind="qcdp", title="Nước sạch", description="", due_on=None, plan_task_id=None, by=officer
    )
    return {
        "standard": StandardFactory.create(),
        "notification": NotificationFactory.create(),
        "import": read_catalogue_file(
            b"So hieu,Ten\nTCVN 1:2020,Mot\n", filename="a.csv", by=officer
        ),
        "subscription": subscription,
        "token": unsubscribe_token(subscription),
        "enquiry": ask_enquiry(subject="Nhãn", question="Hỏi?", market="USA", by=business_user),
        "project": project,
        "document": add_project_document(
            project, title="Dự thảo", data=b"%PDF-1.4", filename="a.pdf", by=officer
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status(client, world, persona, request):
    MATRIX.log_in(client, None if persona == "anonymous" else request.getfixturevalue(persona))

    assert MATRIX.wrong_statuses(client, world, persona) == {}, persona
