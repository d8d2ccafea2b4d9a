"""Training pages and services: recording a course, its sessions and people, the roster of
officials and the inspectors' certificates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tdc.capacity.models import Audience, Course, Participant
from tdc.capacity.services import add_participant, add_session
from tdc.capacity.services.training import add_months
from tdc.capacity.tests.factories import CourseFactory, OfficialFactory, ParticipantFactory


def test_the_course_form_records_a_course_in_the_organisers_province(client, officer, agency):
    client.force_login(officer)
    response = client.post(
        "/nang-luc/dao-tao/them/",
        {
            "organiser": str(agency.pk),
            "kind": "workshop",
            "title": "Tập huấn ghi nhãn hàng hóa",
            "audience": "businesses",
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-11",
        },
    )
    course = Course.objects.get()
    assert response.status_code == 302
    assert (course.province_id, course.organiser_id, course.search_key) == (
        agency.province_id,
        agency.pk,
        "tap huan ghi nhan hang hoa",
    )


def test_the_course_form_refuses_dates_in_the_wrong_order(client, officer, dost):
    client.force_login(officer)
    response = client.post(
        "/nang-luc/dao-tao/them/",
        {
            "organiser": str(dost.pk),
            "kind": "workshop",
            "title": "Lớp",
            "audience": "businesses",
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-01",
        },
    )
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert Course.objects.count() == 0


def test_an_agency_records_only_its_own_courses(client, reporter, agency, other_agency):
    client.force_login(reporter)
    response = client.post(
        "/nang-luc/dao-tao/them/",
        {
            "organiser": str(other_agency.pk),
            "kind": "workshop",
            "title": "Lớp",
            "audience": "businesses",
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-10",
        },
    )
    assert response.status_code == 200
    assert Course.objects.count() == 0


def test_the_same_person_twice_is_refused(dost, officer):
    course = CourseFactory(organiser=dost)
    add_participant(
        course,
        full_name="Nguyễn Văn An",
        organisation_name="Công ty A",
        audience=Audience.BUSINESSES,
        by=officer,
    )
    with pytest.raises(ValidationError) as error:
        add_participant(
            course,
            full_name="NGUYEN VAN AN",
            organisation_name="công ty a",
            audience=Audience.BUSINESSES,
            by=officer,
        )
    assert error.value.messages == ["Người này đã có trong danh sách lớp."]


def test_a_certificate_expires_from_the_courses_validity(dost, officer):
    course = CourseFactory(
        organiser=dost,
        kind=Course.Kind.INSPECTION,
        ends_on=dt.date(2026, 1, 31),
        starts_on=dt.date(2026, 1, 30),
        certificate_months=36,
    )
    person = add_participant(
        course,
        full_name="Lê Kiểm Tra",
        organisation_name=dost.name,
        audience=Audience.OFFICIALS,
        certificate_number="CC-01",
        by=officer,
    )
    assert person.certificate_expires_on == dt.date(2029, 1, 31)
    assert person.organisation_id == dost.pk
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)


def test_a_session_falls_within_the_course(dost, officer):
    course = CourseFactory(organiser=dost, starts_on=dt.date(2026, 3, 10))
    with pytest.raises(ValidationError):
        add_session(course, held_on=dt.date(2026, 3, 12), topic="Đo lường", by=officer)
    add_session(course, held_on=dt.date(2026, 3, 10), topic="Đo lường", by=officer)
    assert course.sessions.count() == 1


def test_the_inspectors_page_shows_valid_and_expired_certificates(client, officer, dost):
    valid, expired, none = (
        OfficialFactory(organisation=dost, full_name=n, is_inspector=True)
        for n in ("Lê Còn Hạn", "Lê Hết Hạn", "Lê Chưa Học")
    )
    course = CourseFactory(organiser=dost, kind=Course.Kind.INSPECTION)
    ParticipantFactory(
        course=course,
        organisation=dost,
        full_name="Lê Còn Hạn",
        certificate_number="KT-1",
        certificate_expires_on=dt.date(2099, 1, 1),
    )
    ParticipantFactory(
        course=course,
        organisation=dost,
        full_name="Lê Hết Hạn",
        certificate_number="KT-2",
        certificate_expires_on=dt.date(2020, 1, 1),
    )
    client.force_login(officer)

    rows = client.get("/nang-luc/can-bo/").context["inspectors"]

    assert [(r["official"].full_name, r["is_valid"]) for r in rows] == [
        ("Lê Chưa Học", False),
        ("Lê Còn Hạn", True),
        ("Lê Hết Hạn", False),
    ]


def test_the_roster_is_kept_by_dost(client, officer, reporter, dost):
    client.force_login(officer)
    client.post("/nang-luc/can-bo/", {"organisation": str(dost.pk), "full_name": "PHAN THỊ MỚI"})
    client.force_login(reporter)
    assert client.post("/nang-luc/can-bo/", {"full_name": "x"}).status_code == 403
    from tdc.capacity.models import Official

    assert list(Official.objects.values_list("full_name", flat=True)) == ["Phan Thị Mới"]


def test_a_participant_is_removed_by_who_may_change_the_course(client, officer, leader, dost):
    person = ParticipantFactory(course=CourseFactory(organiser=dost))
    client.force_login(leader)
    assert client.post(f"/nang-luc/hoc-vien/{person.pk}/xoa/").status_code == 403
    client.force_login(officer)
    assert client.post(f"/nang-luc/hoc-vien/{person.pk}/xoa/").status_code == 302
    assert Participant.objects.count() == 0


def test_the_overview_shows_the_figures_and_the_charts(client, officer, dost):
    course = CourseFactory(organiser=dost, starts_on=dt.date(2025, 10, 14))
    ParticipantFactory(course=course, audience=Audience.POLICE)
    client.force_login(officer)
    response = client.get("/nang-luc/")
    figures = {f["key"]: f["value"] for f in response.context["figures"]}
    assert (figures["capacity.courses_held"], figures["capacity.participants"]) == (
        "1 lớp",
        "1 lượt người",
    )
    rows = {row[0]: row[1] for row in response.context["audience_chart"].rows}
    assert rows["Công an"] == "1"
    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
