"""The reporting API: the same door and services as the pages, exact keys in every answer."""

import pytest

from tdc.accounts.services import issue_api_token
from tdc.plans.models import ReportingPeriod
from tdc.plans.tests.factories import report_of

API = "/api/v1/plans"

pytestmark = pytest.mark.usefixtures("before_the_deadline")


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
