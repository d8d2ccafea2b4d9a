"""Every URL of `capacity` × every persona: the status a GET answers.

The URLs come from the URL conf itself (`tdc.core.testing.matrix.UrlMatrix`), and each must
have a row in `EXPECTED`: a new page without a rule fails this test until someone writes down
who may open it. The world's records belong to the province's DoST, so an agency or a commune
(who reach their own records only) and the other province's officer get 404 on them.
"""

from __future__ import annotations

from typing import Any

import pytest

from tdc.accounts.permissions import requires_second_factor
from tdc.capacity.models import EventReportLink
from tdc.capacity.services import import_attendance
from tdc.capacity.tests.factories import (
    CourseFactory,
    EventFactory,
    ParticipantFactory,
    ProgrammeFactory,
    StandardFactory,
    SupportApplicationFactory,
)
from tdc.capacity.tests.sheets import sheet_bytes
from tdc.core.testing.matrix import UrlMatrix
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, report_of
from tdc.plans.tests.personas import PERSONAS, expect

READERS = expect(403, business_user=403, custodian=403) | dict.fromkeys(
    (
        "officer",
        "reporter",
        "approver",
        "other_reporter",
        "commune_officer",
        "leader",
        "ministry_viewer",
        "admin_user",
        "other_province_officer",
    ),
    200,
)
RECORDERS = expect(
    403,
    officer=200,
    reporter=200,
    approver=200,
    other_reporter=200,
    commune_officer=200,
    admin_user=200,
    other_province_officer=200,
)
MANAGERS = expect(403, officer=200, admin_user=200, other_province_officer=200)
DOST_RECORD = expect(
    403,
    officer=200,
    leader=200,
    ministry_viewer=200,
    admin_user=200,
    reporter=404,
    approver=404,
    other_reporter=404,
    commune_officer=404,
    other_province_officer=404,
)
POST_ONLY = expect(405, anonymous=405)

EXPECTED: dict[str, tuple[str | None, dict[str, int]]] = {
    "overview": (None, READERS),
    "quality_audit_add": ("agency", POST_ONLY),
    "reported_figures": (None, MANAGERS),
    "course_list": (None, READERS),
    "course_create": (None, RECORDERS),
    "course_detail": ("course", DOST_RECORD),
    "course_import": ("course", POST_ONLY),
    "participant_add": ("course", POST_ONLY),
    "session_add": ("course", POST_ONLY),
    "participant_remove": ("participant", POST_ONLY),
    "import_errors": ("import", DOST_RECORD),
    "official_list": (None, READERS),
    "event_list": (None, READERS),
    "event_create": (None, RECORDERS),
    "event_detail": ("event", DOST_RECORD),
    "event_attendance": ("event", POST_ONLY),
    "event_update": ("event", POST_ONLY),
    "event_link_report": ("event", POST_ONLY),
    "event_unlink_report": ("link", POST_ONLY),
    "award_list": (None, READERS),
    "award_create": (None, MANAGERS),
    "equipment_list": (None, READERS),
    "equipment_create": (None, MANAGERS),
    "standard_list": (None, READERS),
    "standard_create": (None, MANAGERS),
    "standard_detail": ("standard", DOST_RECORD),
    "quality_list": (None, READERS),
    # The agency's own ISO 9001 page: itself, and DoST (and the administrator) of its province.
    "quality_edit": (
        "agency",
        expect(
            403,
            officer=200,
            reporter=200,
            approver=200,
            admin_user=200,
            other_reporter=404,
            commune_officer=404,
            other_province_officer=404,
        ),
    ),
    "programme_list": (None, READERS),
    "programme_create": (None, MANAGERS),
    "programme_detail": ("programme", DOST_RECORD),
    "application_add": ("programme", POST_ONLY),
    "application_decide": ("application", POST_ONLY),
}


MATRIX = UrlMatrix(
    namespace="capacity",
    urlconf="tdc.capacity.urls",
    rules=EXPECTED,
    personas=PERSONAS,
    fill={"organisation_pk": lambda world: world["agency"].pk},
    second_factor=requires_second_factor,
)


def test_every_url_of_capacity_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.fixture
def world(dost, agency, officer) -> dict[str, Any]:
    course = CourseFactory(organiser=dost)
    job = import_attendance(
        course, upload=sheet_bytes([[1, "", "Công ty", "", ""]]), file_name="a.xlsx", by=officer
    )
    event: Any = EventFactory(organiser=dost)
    plan = make_plan(dost, [{"number": "1.1", "content": "Tổ chức diễn đàn", "leads": [dost]}])
    assign_plan(plan)
    link = EventReportLink.objects.create(event=event, report=report_of(plan, dost))
    programme = ProgrammeFactory(owner=dost)
    return {
        "course": course,
        "import": job,
        "participant": ParticipantFactory(course=course),
        "event": event,
        "link": link,
        "standard": StandardFactory(holder=dost),
        "programme": programme,
        "application": SupportApplicationFactory(programme=programme),
        "agency": agency,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_page(client, world, persona, request):
    MATRIX.log_in(client, None if persona == "anonymous" else request.getfixturevalue(persona))

    assert MATRIX.wrong_statuses(client, world, persona) == {}, persona
