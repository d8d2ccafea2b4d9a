"""Forums and events: the yearly days created once per year by the periodic job, who took
part, and an agency's report pointing at the events it held."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tdc.capacity import jobs
from tdc.capacity.models import Audience, Event, EventReportLink
from tdc.capacity.services import (
    create_event,
    create_yearly_days,
    link_event_to_report,
    set_attendance,
)
from tdc.capacity.tests.factories import EventFactory
from tdc.core.models import AuditEvent
from tdc.core.registry import periodic_jobs
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, report_of


def test_the_yearly_days_are_created_once_per_year(dost, other_province_dost):
    assert create_yearly_days(year=2026) == 4  # two days, two provinces with a DoST
    assert create_yearly_days(year=2026) == 0  # running again creates nothing

    days = Event.objects.filter(province=dost.province).order_by("held_on")
    assert [(e.title, e.held_on, e.organiser_id, e.kind) for e in days] == [
        (
            "Hưởng ứng Ngày Đo lường Việt Nam 20/01 năm 2026",
            dt.date(2026, 1, 20),
            dost.pk,
            Event.Kind.YEARLY_DAY,
        ),
        (
            "Hưởng ứng Ngày Tiêu chuẩn Thế giới 14/10 năm 2026",
            dt.date(2026, 10, 14),
            dost.pk,
            Event.Kind.YEARLY_DAY,
        ),
    ]
    assert create_yearly_days(year=2027) == 4
    assert AuditEvent.objects.filter(action="event.yearly_day_created").count() == 8


def test_the_database_holds_one_yearly_day_per_province_and_year(dost):
    create_yearly_days(year=2026)
    twin = Event(
        province=dost.province,
        organiser=dost,
        kind=Event.Kind.YEARLY_DAY,
        yearly_day=Event.YearlyDay.METROLOGY,
        title="Lần hai",
        held_on=dt.date(2026, 1, 21),
    )
    with pytest.raises(ValidationError):
        twin.full_clean()


def test_the_periodic_job_creates_this_year_and_in_autumn_next_january(dost, time_machine):
    assert "capacity.create_yearly_days" in {job.name for job in periodic_jobs()}
    time_machine.move_to(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False)
    jobs.create_yearly_days.enqueue()
    assert Event.objects.count() == 2
    time_machine.move_to(dt.datetime(2026, 10, 2, 9, tzinfo=dt.UTC), tick=False)
    jobs.create_yearly_days.enqueue()
    jobs.create_yearly_days.enqueue()
    assert sorted(Event.objects.values_list("held_on", flat=True)) == [
        dt.date(2026, 1, 20),
        dt.date(2026, 10, 14),
        dt.date(2027, 1, 20),
        dt.date(2027, 10, 14),
    ]


def test_a_yearly_day_is_not_typed_in_by_hand(dost, officer):
    with pytest.raises(ValidationError):
        create_event(
            organiser=dost,
            kind=Event.Kind.YEARLY_DAY,
            title="Ngày Đo lường",
            held_on=dt.date(2026, 1, 20),
            by=officer,
        )


def test_attendance_by_type_replaces_the_previous_counts(dost, officer):
    event = EventFactory(organiser=dost)
    set_attendance(event, counts={"businesses": 40, "officials": 5}, by=officer)
    set_attendance(event, counts={"businesses": 42, "officials": 0, "police": 3}, by=officer)
    assert sorted(event.attendance.values_list("audience", "count")) == [
        (Audience.BUSINESSES, 42),
        (Audience.POLICE, 3),
    ]
    with pytest.raises(ValidationError):
        set_attendance(event, counts={"businesses": -1}, by=officer)


def test_the_event_page_records_attendance_and_what_was_done(client, dost, officer):
    event = EventFactory(organiser=dost, title="Diễn đàn doanh nghiệp và đo lường")
    client.force_login(officer)

    client.post(f"/nang-luc/su-kien/{event.pk}/tham-du/", {"businesses": "35", "police": "2"})
    client.post(
        f"/nang-luc/su-kien/{event.pk}/noi-dung/",
        {"place": "Hội trường Sở", "summary": "Giải đáp 12 câu hỏi của doanh nghiệp"},
    )
    text = client.get(f"/nang-luc/su-kien/{event.pk}/").content.decode()

    assert "Người tham dự: 37" in text
    assert "Giải đáp 12 câu hỏi của doanh nghiệp" in text


@pytest.fixture
def agency_report(dost, agency):
    plan = make_plan(dost, [{"number": "1.1", "content": "Tổ chức diễn đàn", "leads": [agency]}])
    assign_plan(plan)
    return report_of(plan, agency)


def test_an_agency_points_its_report_at_an_event_it_held(client, agency, reporter, agency_report):
    event = EventFactory(organiser=agency, title="Hội nghị phổ biến Chỉ thị 38")
    client.force_login(reporter)

    page = client.get(f"/nang-luc/su-kien/{event.pk}/").content.decode()
    assert "Nêu trong báo cáo của cơ quan" in page
    response = client.post(
        f"/nang-luc/su-kien/{event.pk}/bao-cao/", {"report": str(agency_report.pk)}, follow=True
    )

    assert "Đã nêu sự kiện trong báo cáo." in response.content.decode()
    link = EventReportLink.objects.get()
    assert (link.event_id, link.report_id, link.linked_by_id) == (
        event.pk,
        agency_report.pk,
        reporter.pk,
    )
    with pytest.raises(ValidationError):
        link_event_to_report(event, report_id=agency_report.pk, by=reporter)


def test_an_agency_cannot_point_another_agencys_report_or_event(
    client, agency, other_agency, reporter, other_reporter, agency_report
):
    theirs = EventFactory(organiser=other_agency)
    mine = EventFactory(organiser=agency)
    client.force_login(other_reporter)

    assert client.get(f"/nang-luc/su-kien/{mine.pk}/").status_code == 404
    response = client.post(
        f"/nang-luc/su-kien/{theirs.pk}/bao-cao/", {"report": str(agency_report.pk)}
    )
    assert response.status_code == 200  # the choice is not among theirs
    assert EventReportLink.objects.count() == 0
