"""Every endpoint of the capacity API × every persona: the status each answers.

The endpoints come from the router itself (`tdc.core.testing.endpoints.ApiMatrix`), and each
must have a row in `EXPECTED`. Reads are called by everyone; a write is called only by the
personas it must refuse (an allowed persona is marked ALLOWED and not called, so the world stays
as it was; the round-trip tests write): a write that let an outsider through would change the
world, and the last assertions fail.

The world's records belong to the province's DoST, as in the pages' matrix
(`tests/test_url_matrix.py`): the capability first (403), then the door (404 for a record out
of reach, 403 for one in sight but not the caller's to change).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.accounts.services import issue_api_token
from tdc.capacity.api import router
from tdc.capacity.models import (
    AgencyQuality,
    AttendanceImport,
    Award,
    Course,
    Equipment,
    Event,
    EventAttendance,
    EventReportLink,
    MeasurementStandard,
    Official,
    Participant,
    Programme,
    QualityAudit,
    Session,
    SupportApplication,
)
from tdc.capacity.services import import_attendance
from tdc.capacity.tests.factories import (
    AgencyQualityFactory,
    AwardFactory,
    CourseFactory,
    EquipmentFactory,
    EventAttendanceFactory,
    EventFactory,
    OfficialFactory,
    ParticipantFactory,
    ProgrammeFactory,
    StandardFactory,
    SupportApplicationFactory,
)
from tdc.capacity.tests.sheets import sheet_bytes
from tdc.core.testing.endpoints import ALLOWED, TOKEN, ApiMatrix, Form, Rules
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, report_of
from tdc.plans.tests.personas import PERSONAS, expect

UPLOAD = Form(
    lambda: {"file": SimpleUploadedFile("danh-sach.xlsx", sheet_bytes([[1, "Lê Văn Nhập"]]))}
)

READERS = expect(403, anonymous=TOKEN) | dict.fromkeys(
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
# A record of the province's DoST: its province, every province, the administrator.
DOST_RECORD = expect(
    403,
    anonymous=TOKEN,
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
# The agency's ISO 9001 record: the agency, and those who see its province.
AGENCY_RECORD = {**DOST_RECORD, "reporter": 200, "approver": 200}
# Recording (courses, events): DoST, the agencies and communes for themselves.
RECORDERS_CREATE = expect(
    403,
    anonymous=TOKEN,
    officer=ALLOWED,
    reporter=ALLOWED,
    approver=ALLOWED,
    other_reporter=ALLOWED,
    commune_officer=ALLOWED,
    admin_user=ALLOWED,
    other_province_officer=ALLOWED,
)
# DoST's registers (equipment, standards, awards, programmes, officials).
MANAGERS_CREATE = expect(
    403, anonymous=TOKEN, officer=ALLOWED, admin_user=ALLOWED, other_province_officer=ALLOWED
)
# Changing a DoST record: a recorder who cannot see it gets 404 (the door), a reader who may
# not record gets 403 (the capability).
RECORD_WRITES = {
    **DOST_RECORD,
    "officer": ALLOWED,
    "admin_user": ALLOWED,
    "leader": 403,
    "ministry_viewer": 403,
}
MANAGER_WRITES = {
    **RECORD_WRITES,
    "reporter": 403,
    "approver": 403,
    "other_reporter": 403,
    "commune_officer": 403,
}
# The agency's ISO 9001 record: the agency itself and DoST (and the administrator).
AGENCY_WRITES = {
    **RECORD_WRITES,
    "reporter": ALLOWED,
    "approver": ALLOWED,
}

DAY = "2025-06-10"
EXPECTED: Rules = {
    # Training
    "list_courses": (None, None, READERS),
    "create_course": (
        None,
        {"title": "Lớp mới", "starts_on": DAY, "ends_on": DAY},
        RECORDERS_CREATE,
    ),
    "get_course": ("course", None, DOST_RECORD),
    "list_course_participants": ("course", None, DOST_RECORD),
    "add_course_participant": (
        "course",
        {"full_name": "Lê Văn Mới", "audience": "businesses"},
        RECORD_WRITES,
    ),
    "remove_course_participant": ("participant", None, RECORD_WRITES),
    "add_course_session": ("course", {"held_on": DAY, "topic": "Mã số mã vạch"}, RECORD_WRITES),
    "list_course_imports": ("course", None, DOST_RECORD),
    "import_course_attendance": ("course", UPLOAD, RECORD_WRITES),
    "get_attendance_import": ("import", None, DOST_RECORD),
    "download_attendance_errors": ("import", None, DOST_RECORD),
    "list_officials": (None, None, READERS),
    "list_inspectors": (None, None, READERS),
    "add_official": (None, {"full_name": "Phạm Văn Mới"}, MANAGERS_CREATE),
    # Events
    "list_events": (None, None, READERS),
    "create_event": (None, {"title": "Diễn đàn mới", "held_on": DAY}, RECORDERS_CREATE),
    "get_event": ("event", None, DOST_RECORD),
    "update_event": ("event", {"summary": "Đã tổ chức"}, RECORD_WRITES),
    "set_event_attendance": ("event", {"businesses": 99}, RECORD_WRITES),
    "link_event_report": ("event", {"report_id": 1}, RECORD_WRITES),
    "unlink_event_report": ("link", None, RECORD_WRITES),
    # Equipment and standards
    "list_equipment": (None, None, READERS),
    "record_equipment": (
        None,
        {
            "name": "Cân kiểm tra",
            "category": "mobile",
            "cost": "1000",
            "funding": "province",
            "bought_on": DAY,
        },
        MANAGERS_CREATE,
    ),
    "get_equipment": ("equipment", None, DOST_RECORD),
    "list_standards": (None, None, READERS),
    "record_standard": (
        None,
        {"name": "Chuẩn mới", "quantity": "Khối lượng", "holder_name": "Viện Đo lường"},
        MANAGERS_CREATE,
    ),
    "get_standard": ("standard", None, DOST_RECORD),
    # Awards
    "list_awards": (None, None, READERS),
    "record_award": (
        None,
        {
            "kind": "commendation",
            "title": "Bằng khen",
            "decided_on": DAY,
            "recipient_name": "Ông Mới",
        },
        MANAGERS_CREATE,
    ),
    "get_award": ("award", None, DOST_RECORD),
    # Programmes
    "list_programmes": (None, None, READERS),
    "create_programme": (
        None,
        {"name": "Chương trình mới", "kind": "other", "starts_on": DAY},
        MANAGERS_CREATE,
    ),
    "get_programme": ("programme", None, DOST_RECORD),
    "submit_application": (
        "programme",
        {"business_id": 1, "subject": "Hỗ trợ", "submitted_on": DAY, "requested_amount": "10"},
        MANAGER_WRITES,
    ),
    "decide_application": (
        "application",
        {"approve": False, "decision_number": "1/QĐ", "decided_on": DAY},
        MANAGER_WRITES,
    ),
    # ISO 9001
    "list_qualities": (None, None, READERS),
    "get_quality": ("agency", None, AGENCY_RECORD),
    "save_quality": (
        "agency",
        {"iso_status": "building", "digital_status": "in_progress"},
        AGENCY_WRITES,
    ),
    "add_quality_audit": ("agency", {"held_on": DAY}, AGENCY_WRITES),
    # Figures
    "list_figures": (None, None, READERS),
}


MATRIX = ApiMatrix(
    prefix="/api/v1/capacity",
    routers=[router],
    rules=EXPECTED,
    personas=PERSONAS,
    issue_token=lambda user: issue_api_token(user, name="matrix")[1],
    fill={"organisation_pk": lambda world: world["agency"].pk},
)


def test_every_endpoint_of_the_capacity_api_has_a_rule_for_every_persona():
    assert MATRIX.rule_problems() == {}


@pytest.fixture
def world(dost, agency, officer) -> dict[str, Any]:
    course = CourseFactory(organiser=dost)
    job = import_attendance(
        course, upload=sheet_bytes([[1, "", "Công ty", "", ""]]), file_name="a.xlsx", by=officer
    )
    event: Any = EventFactory(organiser=dost)
    EventAttendanceFactory(event=event, count=12)
    plan = make_plan(dost, [{"number": "1.1", "content": "Tổ chức diễn đàn", "leads": [dost]}])
    assign_plan(plan)
    link = EventReportLink.objects.create(event=event, report=report_of(plan, dost))
    programme = ProgrammeFactory(owner=dost)
    OfficialFactory(organisation=dost)
    AgencyQualityFactory(organisation=agency)
    return {
        "course": course,
        "import": job,
        "participant": ParticipantFactory(course=course),
        "event": event,
        "link": link,
        "equipment": EquipmentFactory(holder=dost),
        "standard": StandardFactory(holder=dost),
        "award": AwardFactory(recipient_organisation=dost),
        "programme": programme,
        "application": SupportApplicationFactory(programme=programme),
        "agency": agency,
    }


def _state() -> dict[str, Any]:
    """Everything a let-through write would change."""
    models = (
        Course,
        Session,
        Participant,
        AttendanceImport,
        Official,
        Event,
        EventAttendance,
        EventReportLink,
        Equipment,
        MeasurementStandard,
        Award,
        Programme,
        SupportApplication,
        AgencyQuality,
        QualityAudit,
    )
    counts: dict[str, Any] = {m.__name__: m.objects.count() for m in models}
    counts["attendance"] = list(EventAttendance.objects.values_list("count", flat=True))
    counts["summaries"] = list(Event.objects.values_list("summary", flat=True))
    counts["decisions"] = list(SupportApplication.objects.values_list("status", flat=True))
    counts["iso"] = list(AgencyQuality.objects.values_list("iso_status", flat=True))
    return counts


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_from_every_endpoint(client, world, persona, request):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    before = _state()

    assert MATRIX.wrong_statuses(client, world, persona, user) == {}, persona
    assert _state() == before  # nothing was let through
