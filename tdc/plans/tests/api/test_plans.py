"""The plans API: the plans a user may see, and one plan with everything in it."""

from __future__ import annotations

from typing import Any

from tdc.accounts.services import issue_api_token
from tdc.plans.tests.factories import imported_plan

PLAN_KEYS = {
    "id",
    "province_id",
    "owner_id",
    "issuer",
    "locality",
    "title",
    "doc_number",
    "doc_date",
    "year",
    "status",
    "source_filename",
    "task_count",
    "target_count",
    "created_at",
}


def _api(client: Any, user: Any, path: str) -> Any:
    _token, key = issue_api_token(user, name="test")
    return client.get(f"/api/v1/plans{path}", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_api_lists_the_plans_the_user_may_see(client, officer, dost, other_province_dost):
    plan = imported_plan(dost.province)
    imported_plan(other_province_dost.province)

    body = _api(client, officer, "/").json()

    assert body["count"] == 1
    assert set(body["items"][0]) == PLAN_KEYS
    assert (body["items"][0]["id"], body["items"][0]["task_count"]) == (plan.pk, 3)


def test_api_plan_detail_has_groups_tasks_units_targets_deadlines(client, officer, dost, agency):
    plan = imported_plan(dost.province)

    body = _api(client, officer, f"/{plan.pk}").json()

    assert set(body) == PLAN_KEYS | {
        "references",
        "groups",
        "tasks",
        "targets",
        "reporting_deadlines",
        "duties",
    }
    assert set(body["groups"][0]) == {"id", "number", "title"}
    assert set(body["tasks"][0]) == {
        "id",
        "group_id",
        "kind",
        "number",
        "content",
        "timeline",
        "due_date",
        "funding",
        "units",
    }
    assert body["tasks"][0]["units"][1] == {
        "role": "partner",
        "text": "Sở Tài chính",
        "organisation_id": agency.pk,
        "organisation_name": "Sở Tài chính",
        "collective": "",
        "confidence": 1.0,
    }
    assert set(body["targets"][0]) == {"id", "text", "value", "unit", "comparator", "period"}
    assert set(body["reporting_deadlines"][0]) == {"id", "who", "to", "day", "month", "recurrence"}
    assert set(body["duties"][0]) == {"id", "unit", "organisation_id", "count", "content"}
    assert (len(body["tasks"]), len(body["targets"]), len(body["reporting_deadlines"])) == (5, 2, 2)
    assert [task["kind"] for task in body["tasks"]] == ["task", "task", "task", "duty", "duty"]


def test_api_plan_detail_is_404_for_another_province(client, other_province_officer, dost):
    plan = imported_plan(dost.province)

    assert _api(client, other_province_officer, f"/{plan.pk}").status_code == 404
