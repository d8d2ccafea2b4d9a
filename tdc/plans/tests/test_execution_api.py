"""The execution API: the same doors and services as the pages, exact keys in every answer."""

import datetime as dt

import pytest

from tdc.accounts.services import issue_api_token
from tdc.plans.models import IndicatorValue, ReportingPeriod
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.indicators import create_indicator
from tdc.plans.tests.factories import HANOI, make_plan, report_of

API = "/api/v1/plans"


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(dost, agency, other_agency):
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Quán triệt Chỉ thị",
                "leads": [agency],
                "partners": [other_agency],
            }
        ],
    )
    assign_plan(plan)
    return plan


def auth(user):
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_my_tasks_lists_the_callers_tasks(client, plan, reporter):
    response = client.get(f"{API}/my-tasks/", **auth(reporter))

    assert response.status_code == 200
    (item,) = response.json()
    assert set(item) == {
        "assignment_id",
        "task_id",
        "plan_id",
        "number",
        "content",
        "role",
        "due_date",
        "status",
        "report_id",
        "report_state",
        "report_deadline",
    }
    assert (
        item["number"],
        item["role"],
        item["status"],
        item["report_state"],
        item["report_deadline"],
    ) == (
        "1.1",
        "lead",
        "in_progress",
        "draft",
        "2026-11-10",
    )


def test_a_reporter_writes_and_submits_and_the_officer_returns_then_accepts(
    client, plan, agency, reporter, officer
):
    report = report_of(plan, agency)
    headers = auth(reporter)
    body = {
        "version": 0,
        "progress": "in_progress",
        "percent": 50,
        "results": "Đã quán triệt",
        "figures": [{"label": "Số hội nghị", "value": "2", "unit": "hội nghị"}],
    }

    saved = client.put(
        f"{API}/reports/{report.pk}", body, content_type="application/json", **headers
    )
    assert saved.status_code == 200
    assert saved.json()["content"]["figures"] == [
        {"label": "Số hội nghị", "value": "2", "unit": "hội nghị"}
    ]
    stale = client.put(
        f"{API}/reports/{report.pk}", body, content_type="application/json", **headers
    )
    assert stale.status_code == 422
    assert stale.json()["detail"][0].startswith("Báo cáo vừa được")

    submitted = client.post(
        f"{API}/reports/{report.pk}/submit",
        {"version": 1},
        content_type="application/json",
        **headers,
    )
    assert submitted.json()["state"] == "submitted"
    officer_headers = auth(officer)
    returned = client.post(
        f"{API}/reports/{report.pk}/return",
        {"reason": "Bổ sung minh chứng"},
        content_type="application/json",
        **officer_headers,
    )
    assert (returned.json()["state"], returned.json()["return_reason"]) == (
        "returned",
        "Bổ sung minh chứng",
    )
    resubmitted = client.post(
        f"{API}/reports/{report.pk}/submit",
        {"version": returned.json()["version"]},
        content_type="application/json",
        **headers,
    )
    accepted = client.post(
        f"{API}/reports/{report.pk}/accept",
        {"note": ""},
        content_type="application/json",
        **officer_headers,
    )

    assert resubmitted.json()["state"] == "resubmitted"
    assert accepted.json()["state"] == "accepted"
    assert set(accepted.json()) == {
        "id",
        "period_id",
        "period_title",
        "deadline",
        "organisation_id",
        "organisation",
        "task_id",
        "task_number",
        "state",
        "version",
        "first_submitted_at",
        "on_time",
        "content",
        "return_reason",
    }
    assert accepted.json()["on_time"] is True


def test_the_api_refuses_what_the_pages_refuse(
    client, plan, agency, reporter, other_reporter, leader
):
    report = report_of(plan, agency)

    assert client.get(f"{API}/reports/{report.pk}", **auth(other_reporter)).status_code == 404
    draft = client.get(f"{API}/reports/{report.pk}", **auth(leader))
    assert (draft.status_code, draft.json()["content"]) == (200, None)
    assert (
        client.post(
            f"{API}/reports/{report.pk}/accept",
            {"note": ""},
            content_type="application/json",
            **auth(leader),
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/reports/{report.pk}/submit",
            {"version": 0},
            content_type="application/json",
            **auth(reporter),
        ).status_code
        == 422
    )


def test_report_list_and_completeness_follow_the_permission_rule(
    client, plan, agency, reporter, officer
):
    period = ReportingPeriod.objects.get(plan=plan)

    mine = client.get(f"{API}/reports/", **auth(reporter)).json()["items"]
    assert [item["organisation"] for item in mine] == ["Sở Tài chính"]
    everyone = client.get(f"{API}/reports/?period={period.pk}", **auth(officer)).json()["items"]
    assert sorted(item["organisation"] for item in everyone) == ["Sở Tài chính", "Sở Y tế"]
    completeness = client.get(f"{API}/periods/{period.pk}/completeness", **auth(officer)).json()
    assert completeness == [
        {
            "organisation_id": agency.pk,
            "organisation": "Sở Tài chính",
            "expected": 1,
            "arrived": 0,
            "on_time": 0,
            "accepted": 0,
            "is_late": False,
        },
        {
            "organisation_id": completeness[1]["organisation_id"],
            "organisation": "Sở Y tế",
            "expected": 1,
            "arrived": 0,
            "on_time": 0,
            "accepted": 0,
            "is_late": False,
        },
    ]
    assert (
        client.get(f"{API}/periods/{period.pk}/completeness", **auth(reporter)).status_code == 403
    )


def test_indicators_are_read_by_everyone_in_the_province_and_fed_by_the_officer(
    client, plan, officer, reporter
):
    indicator = create_indicator(
        plan,
        by=officer,
        name="Tổ chức ít nhất 05 diễn đàn",
        unit="diễn đàn",
        comparator=">=",
        target_value=5,
        deadline=dt.date(2030, 12, 31),
        aggregation="cumulative",
    )
    value = {
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "value": "2",
        "source": "Báo cáo của Sở KH&CN",
    }

    assert (
        client.post(
            f"{API}/indicators/{indicator.pk}/values",
            value,
            content_type="application/json",
            **auth(reporter),
        ).status_code
        == 403
    )
    recorded = client.post(
        f"{API}/indicators/{indicator.pk}/values",
        value,
        content_type="application/json",
        **auth(officer),
    )
    listed = client.get(f"{API}/indicators/", **auth(reporter)).json()["items"]

    assert recorded.status_code == 200
    assert IndicatorValue.objects.get().source == "Báo cáo của Sở KH&CN"
    assert [(i["name"], i["actual"], i["status"]) for i in listed] == [
        ("Tổ chức ít nhất 05 diễn đàn", "2.00", "on_track")
    ]
