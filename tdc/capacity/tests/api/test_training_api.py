"""Training through the API: what a client writes, the pages then show; what the pages refuse,
the API refuses in Vietnamese with nothing written; the attendance upload is bounded as the
page's, and its counts and error file are read through the door."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from tdc.capacity.models import AttendanceImport, Course, Official, Participant, Session
from tdc.capacity.tests.factories import CourseFactory, OfficialFactory, ParticipantFactory
from tdc.capacity.tests.sheets import sheet_bytes
from tdc.core.models import AuditEvent


def test_a_course_written_through_the_api_is_on_the_pages(api, client, log_in, officer, dost):
    caller = api(officer)
    created = caller.post(
        "/courses",
        {
            "title": "Tập huấn ghi nhãn hàng hóa",
            "kind": "workshop",
            "audience": "businesses",
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-03",
            "place": "Nha Trang",
            "certificate_months": 12,
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["organiser_id"], body["participants"], body["can_change"]) == (dost.pk, 0, True)
    pk = body["id"]
    assert AuditEvent.objects.filter(action="course.created", actor=officer).count() == 1

    session = caller.post(
        f"/courses/{pk}/sessions",
        {"held_on": "2026-03-03", "topic": "Nhãn phụ hàng nhập khẩu", "lecturer": "TS. Hà"},
    )
    assert session.status_code == 201
    person = caller.post(
        f"/courses/{pk}/participants",
        {
            "full_name": "trần  thị   bích",
            "organisation_name": dost.name,
            "audience": "officials",
            "certificate_number": "CC-01",
        },
    )
    assert person.status_code == 201
    # The service tidies the name and dates the certificate from the course (12 months).
    assert (person.json()["full_name"], person.json()["certificate_expires_on"]) == (
        "Trần Thị Bích",
        "2027-03-03",
    )
    assert person.json()["organisation_id"] == dost.pk

    log_in(client, officer)
    page = client.get(f"/nang-luc/dao-tao/{pk}/").content.decode()
    assert "Tập huấn ghi nhãn hàng hóa" in page
    assert "Nhãn phụ hàng nhập khẩu" in page
    assert "Trần Thị Bích" in page
    assert "Tập huấn ghi nhãn hàng hóa" in client.get("/nang-luc/dao-tao/").content.decode()

    detail = caller.get(f"/courses/{pk}").json()
    assert [s["topic"] for s in detail["sessions"]] == ["Nhãn phụ hàng nhập khẩu"]
    assert caller.get(f"/courses/{pk}/participants").json()["count"] == 1

    removed = caller.send("DELETE", f"/participants/{person.json()['id']}")
    assert removed.status_code == 204
    assert "Trần Thị Bích" not in client.get(f"/nang-luc/dao-tao/{pk}/").content.decode()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            {"starts_on": "2026-03-05", "ends_on": "2026-03-01"},
            "Đến ngày: Ngày kết thúc không được trước ngày bắt đầu.",
        ),
        (
            {"organiser_id": "other"},
            "Đơn vị tổ chức: Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong "
            "các lựa chọn khả thi.",
        ),
    ],
)
def test_a_course_the_page_refuses_is_refused_in_vietnamese_and_nothing_is_written(
    api, reporter, other_agency, payload, message
):
    if payload.get("organiser_id") == "other":
        payload = {"organiser_id": other_agency.pk}  # an agency records for itself only
    body = {"title": "Lớp", "starts_on": "2026-03-02", "ends_on": "2026-03-03", **payload}
    response = api(reporter).post("/courses", body)
    assert response.status_code == 422
    assert response.json() == {"detail": [message]}
    assert Course.objects.count() == 0


def test_a_session_outside_the_course_and_a_person_twice_are_refused(api, officer, dost):
    course = CourseFactory(organiser=dost, starts_on=dt.date(2026, 3, 2))
    ParticipantFactory(course=course, full_name="Lê Văn An", organisation_name="")
    caller = api(officer)
    outside = caller.post(f"/courses/{course.pk}/sessions", {"held_on": "2026-04-01", "topic": "X"})
    assert outside.status_code == 422
    assert outside.json() == {
        "detail": ["Ngày của buổi học phải trong thời gian của lớp (02/03/2026 – 02/03/2026)."]
    }
    twice = caller.post(
        f"/courses/{course.pk}/participants", {"full_name": "le van an", "audience": "businesses"}
    )
    assert twice.status_code == 422
    assert twice.json() == {"detail": ["Người này đã có trong danh sách lớp."]}
    assert (Session.objects.count(), Participant.objects.count()) == (0, 1)


def test_the_course_list_searches_as_the_page_and_orders_stably(api, officer, dost):
    same_day = dt.date(2026, 5, 4)
    first = CourseFactory(organiser=dost, title="Tập huấn đo lường", starts_on=same_day)
    second = CourseFactory(organiser=dost, title="Tập huấn đo lường nâng cao", starts_on=same_day)
    CourseFactory(organiser=dost, title="Lớp mã số mã vạch", starts_on=same_day)
    found = api(officer).get("/courses", {"q": "do luong"}).json()
    assert [c["id"] for c in found["items"]] == [second.pk, first.pk]
    too_long = api(officer).get("/courses", {"q": "a" * 201})
    assert too_long.status_code == 422
    assert "Tìm" in too_long.json()["detail"][0]


def test_updated_after_keeps_only_what_changed(api, officer, dost):
    old = CourseFactory(organiser=dost)
    new = CourseFactory(organiser=dost)
    long_ago = timezone.now() - dt.timedelta(days=30)
    Course.objects.filter(pk=old.pk).update(updated_at=long_ago)
    since = (long_ago + dt.timedelta(days=1)).isoformat()
    found = api(officer).get("/courses", {"updated_after": since}).json()
    assert [c["id"] for c in found["items"]] == [new.pk]
    assert api(officer).get("/courses").json()["count"] == 2


def _xlsx_rows(content: bytes) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_an_attendance_sheet_uploaded_through_the_api(api, client, log_in, officer, dost):
    course = CourseFactory(organiser=dost, starts_on=dt.date(2026, 3, 2))
    caller = api(officer)
    sheet = sheet_bytes(
        [
            [1, "Nguyễn Văn Bình", "Công ty Hải Sản Biển Đông", "Doanh nghiệp", "02/03/2026"],
            [2, "nguyễn văn bình", "Công ty Hải Sản Biển Đông", "Doanh nghiệp", "02/03/2026"],
            [3, "Phạm Thị Cúc", "Sở Công Thương", "Cán bộ", "02/03/2026"],
        ]
    )
    response = caller.upload(f"/courses/{course.pk}/attendance-imports", "ds.xlsx", sheet)
    assert response.status_code == 201, response.json()
    job = response.json()
    assert (job["status"], job["added"], job["merged"], job["rejected"]) == ("done", 2, 1, 0)

    log_in(client, officer)
    page = client.get(f"/nang-luc/dao-tao/{course.pk}/").content.decode()
    assert "Nguyễn Văn Bình" in page
    assert "Phạm Thị Cúc" in page
    assert caller.get(f"/attendance-imports/{job['id']}").json()["added"] == 2
    listed = caller.get(f"/courses/{course.pk}/attendance-imports").json()
    assert [j["id"] for j in listed["items"]] == [job["id"]]


def test_a_sheet_with_a_wrong_row_adds_nobody_and_its_error_file_says_why(api, officer, dost):
    course = CourseFactory(organiser=dost)
    caller = api(officer)
    sheet = sheet_bytes([[1, "Lê Văn Dũng", "Công ty A", "", ""], [2, "", "Công ty B", "", ""]])
    job = caller.upload(f"/courses/{course.pk}/attendance-imports", "ds.xlsx", sheet).json()
    assert (job["status"], job["added"], job["rejected"]) == ("rejected", 0, 1)
    assert Participant.objects.count() == 0
    errors = caller.get(f"/attendance-imports/{job['id']}/errors")
    assert errors.status_code == 200
    assert errors["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_rows(errors.content)
    assert rows[0] == ("Dòng", "Họ và tên", "Cơ quan, đơn vị", "Lỗi", "Chặn việc nhập")
    assert [(r[1], r[2], r[4]) for r in rows[1:]] == [(None, "Công ty B", "Có")]


def test_the_upload_is_bounded_as_the_pages_and_refusals_leave_no_trace(api, officer, dost):
    course = CourseFactory(organiser=dost)
    caller = api(officer)
    path = f"/courses/{course.pk}/attendance-imports"

    wrong_type = caller.upload(path, "ds.csv", b"STT,Ho va ten\n1,An\n")
    assert wrong_type.status_code == 422
    assert wrong_type.json() == {
        "detail": ["Danh sách học viên (.xlsx): Hãy chọn tệp Excel có đuôi .xlsx."]
    }

    too_big = caller.upload(path, "ds.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024 + 1))
    assert too_big.status_code == 422
    assert "2 MB" in too_big.json()["detail"][0]

    not_a_sheet = caller.upload(path, "ds.xlsx", b"PK\x03\x04 not a workbook")
    assert not_a_sheet.status_code == 422

    missing = caller.client.post("/api/v1/capacity" + path, {})
    assert missing.status_code == 422
    assert AttendanceImport.objects.count() == 0
    assert Participant.objects.count() == 0


def test_officials_and_inspectors(api, client, log_in, officer, dost):
    caller = api(officer)
    added = caller.post(
        "/officials",
        {"full_name": "Võ Minh Khang", "position": "Thanh tra viên", "is_inspector": True},
    )
    assert added.status_code == 201
    assert added.json()["organisation_id"] == dost.pk
    log_in(client, officer)
    assert "Võ Minh Khang" in client.get("/nang-luc/can-bo/").content.decode()
    twice = caller.post("/officials", {"full_name": "võ minh khang"})
    assert twice.status_code == 422
    assert twice.json() == {"detail": ["Cơ quan này đã có người cùng họ tên trong danh sách."]}
    OfficialFactory(organisation=dost, is_active=False)
    assert caller.get("/officials").json()["count"] == 1
    inspectors = caller.get("/officials/inspectors").json()["items"]
    assert [(i["official"]["full_name"], i["is_valid"]) for i in inspectors] == [
        ("Võ Minh Khang", False)
    ]
    assert Official.objects.count() == 2


def test_updated_after_without_an_offset_is_the_provinces_time(api, officer, dost):
    CourseFactory(organiser=dost)
    found = api(officer).get("/courses", {"updated_after": "2000-01-01T00:00:00"})
    assert found.status_code == 200
    assert found.json()["count"] == 1


def test_a_certificate_of_a_course_at_the_end_of_the_calendar(api, officer, dost):
    last = dt.date(9999, 12, 31)
    course = CourseFactory(organiser=dost, starts_on=last, certificate_months=12)
    response = api(officer).post(
        f"/courses/{course.pk}/participants",
        {"full_name": "Đỗ Văn Cuối", "audience": "officials", "certificate_number": "CC-9"},
    )
    assert response.status_code == 201
    assert response.json()["certificate_expires_on"] == "9999-12-31"
