"""The capacity API: the same door as the pages, exact keys, bounded pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tdc.accounts.services import issue_api_token
from tdc.capacity.queries import events_of_report
from tdc.capacity.tests.factories import (
    CourseFactory,
    EquipmentFactory,
    EventAttendanceFactory,
    EventFactory,
    ParticipantFactory,
)


def _client(user) -> Client:
    _, key = issue_api_token(user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)


@pytest.fixture
def records(dost, other_province_dost):
    course = CourseFactory(organiser=dost, title="Tập huấn mã số mã vạch")
    ParticipantFactory.create_batch(2, course=course)
    CourseFactory(organiser=other_province_dost)
    event = EventFactory(organiser=dost)
    EventAttendanceFactory(event=event, count=25)
    EquipmentFactory(holder=dost)
    return course


def test_courses_have_exactly_these_keys_and_only_the_province(officer, records):
    response = _client(officer).get("/api/v1/capacity/courses")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert set(body["items"][0]) == {
        "id",
        "kind",
        "title",
        "audience",
        "starts_on",
        "ends_on",
        "topic",
        "place",
        "institution",
        "certificate_months",
        "organiser_id",
        "organiser",
        "participants",
        "updated_at",
    }
    assert (body["items"][0]["title"], body["items"][0]["participants"]) == (
        "Tập huấn mã số mã vạch",
        2,
    )


def test_events_equipment_and_figures(officer, records):
    client = _client(officer)
    assert client.get("/api/v1/capacity/events").json()["items"][0]["participants"] == 25
    assert client.get("/api/v1/capacity/equipment").json()["count"] == 1
    figures = client.get(
        "/api/v1/capacity/figures", {"start": "2025-01-01", "end": "2025-12-31"}
    ).json()
    by_key = {f["key"]: f["value"] for f in figures}
    assert (by_key["capacity.courses_held"], by_key["capacity.participants"]) == ("1", "2")


def test_the_figures_refuse_an_inverted_period(officer):
    response = _client(officer).get(
        "/api/v1/capacity/figures", {"start": "2025-12-31", "end": "2025-01-01"}
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "Ngày kết thúc không được trước ngày bắt đầu."}


def test_a_business_user_is_refused_in_json(business_user, records):
    response = _client(business_user).get("/api/v1/capacity/courses")
    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không có quyền xem các sổ theo dõi năng lực."}


def test_a_limit_above_the_ceiling_is_refused(officer):
    assert _client(officer).get("/api/v1/capacity/courses", {"limit": 501}).status_code == 422


def test_events_of_a_report(dost):
    from tdc.capacity.models import EventReportLink
    from tdc.plans.services.assignments import assign_plan
    from tdc.plans.tests.factories import make_plan, report_of

    plan = make_plan(dost, [{"number": "1.1", "content": "Diễn đàn", "leads": [dost]}])
    assign_plan(plan)
    report = report_of(plan, dost)
    event: Any = EventFactory(organiser=dost, held_on=dt.date(2026, 5, 1))
    EventReportLink.objects.create(event=event, report=report)
    assert list(events_of_report(report.pk)) == [event]


@pytest.mark.parametrize("count", [1, 3])
def test_the_course_list_query_count_is_constant(
    client, officer, dost, count, django_assert_num_queries
):
    for _ in range(count):
        ParticipantFactory(course=CourseFactory(organiser=dost))
    client.force_login(officer)
    with django_assert_num_queries(6):
        response = client.get("/nang-luc/dao-tao/")
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_event_list_query_count_is_constant(
    client, officer, dost, count, django_assert_num_queries
):
    EventFactory.create_batch(count, organiser=dost)
    client.force_login(officer)
    with django_assert_num_queries(6):
        response = client.get("/nang-luc/su-kien/")
    assert len(response.context["page"]) == count
