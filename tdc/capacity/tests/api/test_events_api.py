"""Events through the API: an agency records its own forum, who took part and what was done,
and points its progress report at it; the pages then show each; refusals leave nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdc.capacity.models import Event, EventAttendance, EventReportLink
from tdc.capacity.tests.factories import EventAttendanceFactory, EventFactory
from tdc.core.models import AuditEvent
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, report_of


@pytest.fixture
def agency_report(dost, agency) -> Any:
    plan = make_plan(dost, [{"number": "1.1", "content": "Tổ chức diễn đàn", "leads": [agency]}])
    assign_plan(plan)
    return report_of(plan, agency)


def test_an_agency_records_its_forum_and_the_pages_show_it(
    api, client, log_in, reporter, agency, agency_report
):
    caller = api(reporter)
    created = caller.post(
        "/events",
        {
            "kind": "forum",
            "title": "Diễn đàn doanh nghiệp ngành công thương",
            "held_on": "2026-04-08",
        },
    )
    assert created.status_code == 201, created.json()
    event = created.json()
    assert (event["organiser_id"], event["participants"], event["can_change"]) == (
        agency.pk,
        0,
        True,
    )
    pk = event["id"]

    counts = caller.send("PUT", f"/events/{pk}/attendance", {"businesses": 45, "officials": 12})
    assert counts.status_code == 200
    assert counts.json()["participants"] == 57
    assert {(a["audience"], a["count"]) for a in counts.json()["attendance"]} == {
        ("businesses", 45),
        ("officials", 12),
    }
    summary = caller.send(
        "PATCH", f"/events/{pk}", {"place": "Hội trường Sở Công Thương", "summary": "Đã đối thoại"}
    )
    assert summary.status_code == 200
    linked = caller.post(f"/events/{pk}/report-links", {"report_id": agency_report.pk})
    assert linked.status_code == 201

    log_in(client, reporter)
    page = client.get(f"/nang-luc/su-kien/{pk}/").content.decode()
    assert "Diễn đàn doanh nghiệp ngành công thương" in page
    assert "Hội trường Sở Công Thương" in page
    assert "57" in page
    detail = caller.get(f"/events/{pk}").json()
    assert [link["report_id"] for link in detail["report_links"]] == [agency_report.pk]
    assert AuditEvent.objects.filter(action="event.attendance_set").count() == 1

    unlinked = caller.send("DELETE", f"/report-links/{linked.json()['id']}")
    assert unlinked.status_code == 204
    assert caller.get(f"/events/{pk}").json()["report_links"] == []

    # Counts replace the earlier ones: an absent type is nobody.
    caller.send("PUT", f"/events/{pk}/attendance", {"police": 3})
    assert list(EventAttendance.objects.values_list("audience", "count")) == [("police", 3)]


def test_refusals_in_vietnamese_and_nothing_written(api, reporter, agency, dost, agency_report):
    caller = api(reporter)
    yearly = caller.post(
        "/events", {"kind": "yearly_day", "title": "Ngày Đo lường", "held_on": "2026-01-20"}
    )
    assert yearly.status_code == 422
    assert yearly.json()["detail"][0].startswith("Loại: ")
    assert Event.objects.count() == 0

    event = EventFactory(organiser=agency)
    EventAttendanceFactory(event=event, count=7)
    other = make_plan(dost, [{"number": "2.1", "content": "Việc của Sở", "leads": [dost]}])
    assign_plan(other)
    not_ours = caller.post(
        f"/events/{event.pk}/report-links", {"report_id": report_of(other, dost).pk}
    )
    assert not_ours.status_code == 422
    assert not_ours.json() == {"detail": ["Hãy chọn một báo cáo của đơn vị tổ chức sự kiện."]}
    twice = caller.post(f"/events/{event.pk}/report-links", {"report_id": agency_report.pk})
    assert twice.status_code == 201
    again = caller.post(f"/events/{event.pk}/report-links", {"report_id": agency_report.pk})
    assert again.json() == {"detail": ["Báo cáo này đã nêu sự kiện này."]}
    assert EventReportLink.objects.count() == 1
    negative = caller.send("PUT", f"/events/{event.pk}/attendance", {"businesses": -1})
    assert negative.status_code == 422
    assert list(EventAttendance.objects.values_list("count", flat=True)) == [7]


def test_an_agency_may_not_change_the_dost_event(api, reporter, officer, dost, leader):
    event = EventFactory(organiser=dost)
    assert api(reporter).send("PATCH", f"/events/{event.pk}", {"summary": "x"}).status_code == 404
    refused = api(leader).send("PATCH", f"/events/{event.pk}", {"summary": "x"})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Bạn không có quyền ghi các sổ theo dõi năng lực."}
    assert Event.objects.get(pk=event.pk).summary == ""


def test_the_event_list_filters_by_kind_and_orders_newest_first(api, officer, dost):
    forum = EventFactory(organiser=dost, held_on=dt.date(2026, 2, 1))
    later = EventFactory(organiser=dost, held_on=dt.date(2026, 3, 1))
    EventFactory(organiser=dost, kind=Event.Kind.CONFERENCE, held_on=dt.date(2026, 4, 1))
    EventAttendanceFactory(event=later, count=30)
    found = api(officer).get("/events", {"kind": "forum"}).json()
    assert [(e["id"], e["participants"]) for e in found["items"]] == [(later.pk, 30), (forum.pk, 0)]
    assert api(officer).get("/events", {"kind": "picnic"}).status_code == 422
