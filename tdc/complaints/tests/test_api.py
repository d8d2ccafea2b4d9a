"""The complaints API applies the page's rules: the same doors, the same services, the same
bounds on text and ids; it never acts for an organisation or a person the caller may not."""

from __future__ import annotations

from django.test import Client

from tdc.accounts.models import Role
from tdc.accounts.services import issue_api_token
from tdc.accounts.tests.factories import UserFactory
from tdc.complaints import services
from tdc.complaints.models import Complaint
from tdc.complaints.tests.factories import ComplaintFactory
from tdc.core.models import AuditEvent


def _api(user) -> Client:
    _token, key = issue_api_token(user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)


def test_the_api_bounds_and_cleans_text_like_the_pages(submit, officer):
    complaint = submit().complaint
    api = _api(officer)

    too_long = api.post(
        f"/api/v1/complaints/{complaint.pk}/status",
        {"status": "accepted", "note": "x" * 2001},
        content_type="application/json",
    )
    cleaned = api.post(
        f"/api/v1/complaints/{complaint.pk}/status",
        {"status": "accepted", "note": "Đi\x0c kiểm\u202e tra"},
        content_type="application/json",
    )

    assert too_long.status_code == 422
    assert cleaned.status_code == 200, cleaned.json()
    changed = AuditEvent.objects.filter(action="complaint.status_changed").get()
    assert "Đi kiểm tra" in str(changed.data)


def test_ids_too_large_for_the_database_answer_4xx_not_500(submit, officer):
    complaint = submit().complaint
    api = _api(officer)
    huge = "9" * 30

    assert api.get(f"/api/v1/complaints/{huge}").status_code == 422
    too_long = api.get("/api/v1/complaints/", {"q": "x" * 201})
    assert (too_long.status_code, too_long.json()) == (
        422,
        {"detail": ["Tối đa 200 ký tự (bạn đã nhập 201 ký tự)."]},
    )
    assert api.get("/api/v1/complaints/", {"q": "x" * 200}).status_code == 200
    assert (
        api.post(
            f"/api/v1/complaints/{complaint.pk}/assign",
            {"assignee_id": int(huge)},
            content_type="application/json",
        ).status_code
        == 422
    )


ASSIGN_REFUSED = {"detail": ["Chỉ giao cho cán bộ của cơ quan đang xử lý hồ sơ."]}


def test_the_api_never_assigns_to_someone_outside_the_responsible_organisation(
    submit, officer, reporter, other_province_officer, business_user, custodian
):
    complaint = submit().complaint
    services.accept_complaint(complaint, by=officer)
    api = _api(officer)
    inactive = UserFactory(
        username="nghi.viec", organisation=officer.organisation, roles=[Role.TDC_OFFICER]
    )
    inactive.is_active = False
    inactive.save()

    answers = [
        api.post(
            f"/api/v1/complaints/{complaint.pk}/assign",
            {"assignee_id": person.pk},
            content_type="application/json",
        )
        for person in (reporter, other_province_officer, business_user, custodian, inactive)
    ]

    assert [(a.status_code, a.json()) for a in answers] == [(422, ASSIGN_REFUSED)] * 5
    complaint.refresh_from_db()
    assert (complaint.status, complaint.assignee) == ("accepted", None)
    assert not AuditEvent.objects.filter(action="complaint.assigned").exists()


def test_the_api_never_acts_on_another_organisations_complaint(
    agency, commune, reporter, other_reporter
):
    theirs = ComplaintFactory(organisation=agency, province=agency.province, commune=commune)
    api = _api(other_reporter)

    read = api.get(f"/api/v1/complaints/{theirs.pk}")
    changed = api.post(
        f"/api/v1/complaints/{theirs.pk}/status",
        {"status": "accepted"},
        content_type="application/json",
    )
    assigned = api.post(
        f"/api/v1/complaints/{theirs.pk}/assign",
        {"assignee_id": other_reporter.pk},
        content_type="application/json",
    )

    assert (read.status_code, changed.status_code, assigned.status_code) == (404, 404, 404)
    assert Complaint.objects.get().status == "received"
    assert _api(reporter).get(f"/api/v1/complaints/{theirs.pk}").status_code == 200
