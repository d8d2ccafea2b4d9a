"""The monitoring pages: the dashboard and reporting periods, for DoST and the read-only monitors."""

import datetime as dt

import pytest
from django.urls import reverse

from tdc.accounts.tests.factories import OrganisationFactory
from tdc.core.models import AuditEvent
from tdc.plans.models import (
    ProgressReport,
    ReportingPeriod,
)
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import submit_report
from tdc.plans.tests.factories import HANOI, make_plan

pytestmark = pytest.mark.usefixtures("before_the_deadline")


def _send(report, user):
    return submit_report(report, version=report.version, by=user)


def _text(response):
    return response.content.decode()


def test_the_officer_dashboard_counts_expected_arrived_and_on_time_reports(
    client, draft, reporter, officer
):
    _send(draft, reporter)
    client.force_login(officer)

    response = client.get(reverse("plans:dashboard"))

    totals = response.context["totals"]
    assert (totals.expected, totals.arrived, totals.on_time, totals.missing) == (4, 1, 1, 3)
    rows = {
        row.name: (row.expected, row.arrived, row.on_time)
        for row in response.context["by_organisation"]
    }
    assert rows == {
        "Sở Khoa học và Công nghệ": (1, 0, 0),
        "Sở Tài chính": (1, 1, 1),
        "Sở Y tế": (1, 0, 0),
        "UBND Phường Nha Trang": (1, 0, 0),
    }
    page = _text(response)
    assert '<div class="stat-figure" id="completeness-arrived">1</div>' in page
    assert [g.label for g in response.context["groups"]] == [
        "1. Công tác tuyên truyền, nâng cao nhận thức",
        "Tổng cộng",
    ]
    assert response.context["groups"][-1].counts == {"in_progress": 3}


def test_after_the_deadline_late_agencies_are_flagged_and_the_officer_can_ask_why(
    client, draft, officer, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 15, 9, tzinfo=HANOI), tick=False)
    client.force_login(officer)

    response = client.get(reverse("plans:dashboard"))

    late = [row.name for row in response.context["by_organisation"] if row.is_late]
    assert late == ["Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Y tế", "UBND Phường Nha Trang"]
    assert _text(response).count("/yeu-cau-giai-trinh/?organisation=") == 4


def test_leadership_reads_the_dashboard_without_any_action(client, plan, leader, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 15, 9, tzinfo=HANOI), tick=False)
    client.force_login(leader)

    response = client.get(reverse("plans:dashboard"))

    assert response.status_code == 200
    page = _text(response)
    assert "Chỉ xem" in page
    assert "/yeu-cau-giai-trinh/" not in page
    assert "Lập báo cáo tổng hợp" not in page


def test_agencies_do_not_open_the_dashboard_nor_see_it_in_the_menu(client, plan, reporter):
    client.force_login(reporter)

    assert client.get(reverse("plans:dashboard")).status_code == 403
    names = [item["name"] for item in client.get(reverse("plans:my_tasks")).context["nav_items"]]
    assert "plans:dashboard" not in names
    assert "plans:my_tasks" in names


def test_the_ministry_sees_provinces_side_by_side_and_drills_into_one(
    client, plan, draft, reporter, ministry_viewer, other_province_dost
):
    _send(draft, reporter)
    other_agency = OrganisationFactory(name="Sở Công Thương", province=other_province_dost.province)
    other = make_plan(other_province_dost, [{"number": "1.1", "leads": [other_agency]}])
    assign_plan(other)
    client.force_login(ministry_viewer)

    response = client.get(reverse("plans:dashboard"))

    rows = [(r.name, r.plans, r.tasks, r.expected, r.arrived) for r in response.context["rows"]]
    assert rows == [("Khánh Hòa", 1, 3, 4, 1), ("Thành phố Huế", 1, 1, 1, 0)]
    # The provinces side by side as a picture, with the same figures as a table.
    chart = response.context["provinces_chart"]
    assert chart.title == "Tỷ lệ báo cáo đã gửi và đúng hạn theo tỉnh, thành phố"
    assert 'id="chart-by-province-table"' in response.content.decode()
    assert [row[0] for row in chart.rows] == ["Khánh Hòa", "Thành phố Huế"]
    drill = client.get(reverse("plans:dashboard"), {"province": other_province_dost.province_id})
    assert drill.context["plan"] == other
    assert not drill.context["can_manage"]


@pytest.mark.parametrize("organisation_count", [1, 3])
def test_dashboard_query_count_is_constant(
    client, dost, officer, organisation_count, django_assert_num_queries
):
    agencies = [OrganisationFactory(province=dost.province) for _ in range(organisation_count)]
    plan = make_plan(dost, [{"number": f"1.{i}", "leads": agencies} for i in range(2)])
    assign_plan(plan)
    client.force_login(officer)

    with django_assert_num_queries(16):
        response = client.get(reverse("plans:dashboard"))

    assert len(response.context["by_organisation"]) == organisation_count


def test_the_officer_opens_an_ad_hoc_request_due_in_working_days(client, plan, officer, agency):
    client.force_login(officer)

    response = client.post(
        reverse("plans:period_list", args=[plan.pk]),
        {
            "kind": "ad_hoc",
            "year": 2026,
            "title": "Báo cáo đột xuất về công tác tuyên truyền",
            "request": "Báo cáo kết quả tuyên truyền Ngày Tiêu chuẩn Thế giới 14/10",
            "working_days": 5,
            "organisations": [agency.pk],
            "remind_days_before": 2,
            "escalate_days_after": 1,
        },
    )

    assert response.status_code == 302
    period = ReportingPeriod.objects.get(plan=plan, kind="ad_hoc")
    assert (period.title, period.deadline, period.number) == (
        "Báo cáo đột xuất về công tác tuyên truyền",
        dt.date(2026, 10, 8),  # Thursday 1/10 + 5 working days
        1,
    )
    assert list(
        ProgressReport.objects.filter(period=period).values_list("organisation__name", flat=True)
    ) == ["Sở Tài chính"]


def test_the_leader_cannot_open_a_period(client, plan, leader):
    client.force_login(leader)

    response = client.post(
        reverse("plans:period_list", args=[plan.pk]),
        {
            "kind": "quarterly",
            "year": 2026,
            "number": 4,
            "remind_days_before": 5,
            "escalate_days_after": 3,
        },
    )

    assert response.status_code == 403


def test_the_officer_moves_a_deadline_and_the_audit_log_keeps_it(client, plan, officer):
    period = ReportingPeriod.objects.get(plan=plan)
    client.force_login(officer)
    data = {
        "title": period.title,
        "request": "",
        "deadline": "2026-11-13",
        "on_time_cutoff": "2026-11-13T17:00",
        "working_days": "",
        "synthesis_deadline": "2026-11-20",
        "remind_days_before": 5,
        "escalate_days_after": 3,
    }

    response = client.post(reverse("plans:period_detail", args=[period.pk]), data)

    assert response.status_code == 302
    period.refresh_from_db()
    assert period.deadline == dt.date(2026, 11, 13)
    event = AuditEvent.objects.get(action="reporting_period.changed")
    assert event.data["changes"]["deadline"] == {"old": "2026-11-10", "new": "2026-11-13"}


@pytest.mark.parametrize("count", [1, 3])
def test_period_list_query_count_is_constant(
    client, plan, officer, count, django_assert_num_queries
):
    from tdc.plans.services.periods import open_period

    for _ in range(count - 1):
        open_period(plan, kind="ad_hoc", year=2026, by=officer, deadline=dt.date(2026, 12, 1))
    client.force_login(officer)

    with django_assert_num_queries(8):
        response = client.get(reverse("plans:period_list", args=[plan.pk]))

    assert len(response.context["rows"]) == count
