"""The registers' pages: recording through the forms, refusals shown on the form, the home
panel, and the edits that the audit log keeps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import RequestFactory

from tdc.capacity.models import Award, Course, Equipment, Event, EventReportLink, Programme
from tdc.capacity.registration import _home_panel
from tdc.capacity.services import (
    record_result,
    retire_official,
    update_course,
    update_equipment,
    update_programme,
)
from tdc.capacity.tests.factories import (
    CourseFactory,
    EquipmentFactory,
    EventFactory,
    OfficialFactory,
    ProgrammeFactory,
    SupportApplicationFactory,
)
from tdc.core.models import AuditEvent
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan, report_of


def test_the_home_panel_counts_what_is_due_for_calibration(officer, business_user, dost):
    EquipmentFactory(holder=dost, calibration_due_on=dt.date.today())  # noqa: DTZ011
    request = RequestFactory().get("/")
    request.user = officer
    assert _home_panel(request) == {"calibration_due": 1}
    request.user = business_user
    assert _home_panel(request) is None


def test_the_home_page_shows_the_panel(client, officer):
    client.force_login(officer)
    assert (
        "Đào tạo, sự kiện, trang thiết bị và chỉ tiêu tự tính" in client.get("/").content.decode()
    )


def test_an_award_is_recorded_through_the_form(client, officer, business):
    client.force_login(officer)
    response = client.post(
        "/nang-luc/khen-thuong/them/",
        {
            "kind": "provincial_quality",
            "title": "Giải Vàng chất lượng tỉnh",
            "decided_on": "2026-11-20",
            "recipient_organisation": str(business.pk),
            "amount": "10000000",
        },
    )
    assert response.status_code == 302
    assert Award.objects.get().recipient_organisation == business


def test_an_award_without_a_recipient_is_refused_on_the_form(client, officer):
    client.force_login(officer)
    response = client.post(
        "/nang-luc/khen-thuong/them/",
        {"kind": "commendation", "title": "Bằng khen", "decided_on": "2026-11-20"},
    )
    assert "Hãy ghi tổ chức hoặc cá nhân được khen thưởng." in response.content.decode()
    assert Award.objects.count() == 0


def test_an_event_is_recorded_and_unlinked_from_a_report(client, officer, dost):
    client.force_login(officer)
    response = client.post(
        "/nang-luc/su-kien/them/",
        {
            "organiser": str(dost.pk),
            "kind": "campaign",
            "title": "Tuần lễ truyền thông về mã số mã vạch",
            "held_on": "2026-05-10",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    plan = make_plan(dost, [{"number": "1.1", "content": "Truyền thông", "leads": [dost]}])
    assign_plan(plan)
    link = EventReportLink.objects.create(event=event, report=report_of(plan, dost))
    assert "Bỏ" in client.get(f"/nang-luc/su-kien/{event.pk}/").content.decode()
    client.post(f"/nang-luc/lien-ket-bao-cao/{link.pk}/xoa/")
    assert EventReportLink.objects.count() == 0
    list_page = client.get("/nang-luc/su-kien/", {"kind": "campaign"}).content.decode()
    assert "Tuần lễ truyền thông về mã số mã vạch" in list_page


def test_a_programme_is_recorded_through_the_form(client, officer, dost):
    client.force_login(officer)
    response = client.post(
        "/nang-luc/chuong-trinh/them/",
        {
            "owner": str(dost.pk),
            "name": "Đề án truy xuất nguồn gốc nông sản",
            "kind": "traceability",
            "starts_on": "2026-01-01",
            "status": "under_way",
        },
    )
    assert response.status_code == 302
    assert Programme.objects.get().name == "Đề án truy xuất nguồn gốc nông sản"


def test_a_wrong_decision_is_shown_on_the_programme_page(client, officer, dost, business):
    application = SupportApplicationFactory(
        programme=ProgrammeFactory(owner=dost), business=business
    )
    client.force_login(officer)
    response = client.post(
        f"/nang-luc/ho-so-ho-tro/{application.pk}/quyet-dinh/",
        {"approve": "1", "decision_number": "1", "decided_on": "2025-05-01"},
    )
    assert "Hãy ghi kinh phí được hỗ trợ." in response.content.decode()


def test_sessions_and_people_are_added_on_the_course_page(client, officer, dost):
    course = CourseFactory(organiser=dost, starts_on=dt.date(2026, 3, 10))
    client.force_login(officer)
    client.post(
        f"/nang-luc/dao-tao/{course.pk}/buoi-hoc/",
        {"held_on": "2026-03-10", "topic": "Nhãn hàng hóa"},
    )
    refused = client.post(
        f"/nang-luc/dao-tao/{course.pk}/buoi-hoc/", {"held_on": "2026-04-10", "topic": "x"}
    )
    client.post(
        f"/nang-luc/dao-tao/{course.pk}/hoc-vien/",
        {"full_name": "Võ Thị Mai", "organisation_name": "Công ty A", "audience": "businesses"},
    )
    again = client.post(
        f"/nang-luc/dao-tao/{course.pk}/hoc-vien/",
        {"full_name": "VÕ THỊ MAI", "organisation_name": "công ty a", "audience": "businesses"},
    )
    assert "Ngày của buổi học phải trong thời gian của lớp" in refused.content.decode()
    assert "Người này đã có trong danh sách lớp." in again.content.decode()
    assert (course.sessions.count(), course.participants.count()) == (1, 1)


def test_the_course_list_searches_without_accents(client, officer, dost):
    CourseFactory(organiser=dost, title="Tập huấn đo lường xăng dầu")
    CourseFactory(organiser=dost, title="Bồi dưỡng ISO 9001")
    client.force_login(officer)
    page = client.get("/nang-luc/dao-tao/", {"q": "do luong"}).context["page"]
    assert [c.title for c in page] == ["Tập huấn đo lường xăng dầu"]


def test_the_equipment_list_filters_what_is_due(client, officer, dost):
    today = dt.date.today()  # noqa: DTZ011
    EquipmentFactory(holder=dost, name="Sắp đến hạn", calibration_due_on=today)
    EquipmentFactory(
        holder=dost, name="Còn lâu", calibration_due_on=today.replace(year=today.year + 2)
    )
    client.force_login(officer)
    page = client.get("/nang-luc/thiet-bi/", {"due": "soon"}).context["page"]
    assert [e.name for e in page] == ["Sắp đến hạn"]


def test_edits_are_kept_in_the_audit_log(officer, dost):
    course = CourseFactory(organiser=dost, title="Cũ")
    update_course(course, by=officer, values={"title": "Tập huấn mới"})
    item = EquipmentFactory(holder=dost)
    update_equipment(item, by=officer, values={"status": Equipment.Status.REPAIR})
    programme = ProgrammeFactory(owner=dost)
    update_programme(programme, by=officer, values={"status": Programme.Status.FINISHED})
    application = SupportApplicationFactory(programme=programme)
    record_result(application, by=officer, result="Tăng 10% năng suất")
    official = retire_official(OfficialFactory(organisation=dost), by=officer)
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "course.updated",
        "equipment.updated",
        "official.retired",
        "programme.updated",
        "support.result_recorded",
    ]
    assert Course.objects.get().search_key == "tap huan moi"
    assert official.is_active is False
    assert application.result == "Tăng 10% năng suất"
    assert item.cost == Decimal("45000000")


def test_the_report_events_tag_lists_the_events_a_report_points_at(
    rf, officer, business_user, dost
):
    from django.template import Context, Template

    plan = make_plan(dost, [{"number": "1.1", "content": "Diễn đàn", "leads": [dost]}])
    assign_plan(plan)
    report = report_of(plan, dost)
    event: Any = EventFactory(organiser=dost, title="Diễn đàn đo lường xăng dầu")
    EventReportLink.objects.create(event=event, report=report)
    page = Template("{% load capacity %}{% report_events report %}")
    request = rf.get("/")

    request.user = officer
    assert "Diễn đàn đo lường xăng dầu" in page.render(
        Context({"request": request, "report": report})
    )
    request.user = business_user  # may not read the registers
    assert page.render(Context({"request": request, "report": report})).strip() == ""


def test_the_overview_counts_event_participants_per_audience_and_adds_them_up(
    client, officer, dost, time_machine
):
    from tdc.capacity.models import Audience
    from tdc.capacity.tests.factories import EventAttendanceFactory, ParticipantFactory

    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
    course = CourseFactory(organiser=dost, starts_on=dt.date(2026, 3, 4))
    ParticipantFactory(course=course, full_name="Lê Văn Một", audience=Audience.POLICE)
    forum = EventFactory(organiser=dost, held_on=dt.date(2026, 5, 20))
    EventAttendanceFactory(event=forum, audience=Audience.BUSINESSES, count=40)
    EventAttendanceFactory(event=forum, audience=Audience.POLICE, count=3)
    client.force_login(officer)

    page = client.get("/nang-luc/").content.decode()

    assert '<p class="h4 mb-0" id="figure-capacityevent_participants">43 lượt người</p>' in page
    assert (
        '<tr><th scope="row">Công an</th><td class="text-end">1</td>'
        '<td class="text-end">3</td><td class="text-end">4</td></tr>'
    ) in page
    assert (
        '<th scope="row">Cộng</th><td class="text-end">1</td>'
        '<td class="text-end">43</td><td class="text-end">44</td>'
    ) in page


def test_the_plans_report_page_lists_the_events_the_report_points_at(
    client, officer, reporter, agency, dost
):
    from tdc.capacity.services import link_event_to_report

    plan = make_plan(dost, [{"number": "1.1", "content": "Hội nghị", "leads": [agency]}])
    assign_plan(plan)
    report = report_of(plan, agency)
    event: Any = EventFactory(
        organiser=agency, title="Hội nghị phổ biến Chỉ thị 38", held_on=dt.date(2026, 5, 4)
    )
    link_event_to_report(event, report_id=report.pk, by=reporter)
    client.force_login(reporter)

    page = client.get(f"/ke-hoach/bao-cao-tien-do/{report.pk}/").content.decode()

    assert "Sự kiện cơ quan đã tổ chức (từ sổ theo dõi năng lực)" in page
    assert (
        f'<a href="/nang-luc/su-kien/{event.pk}/">04/05/2026 — Hội nghị phổ biến Chỉ thị 38</a>'
    ) in page
