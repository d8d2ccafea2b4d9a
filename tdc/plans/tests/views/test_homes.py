"""Each role's home answers "what must I do, and how are we doing"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()  # noqa: DTZ011


@pytest.fixture
def plan(dost, agency, other_agency):
    plan = make_plan(
        dost,
        [
            {"number": "1.1", "content": "Tuyên truyền Chỉ thị 38", "leads": [agency]},
            {"number": "1.2", "content": "Tập huấn", "leads": [other_agency]},
        ],
        year=TODAY.year,
        deadline=(31, 12),
    )
    assign_plan(plan)
    return plan


def _panels(client, user) -> dict[str, Any]:
    client.force_login(user)
    return dict(client.get("/").context["panels"])


def test_the_dost_officer_sees_completeness_waiting_reviews_and_overdue(client, officer, plan):
    panels = _panels(client, officer)
    progress = panels["plans/progress_panel.html"]
    assert (progress["totals"].expected, progress["totals"].arrived) == (2, 0)
    assert progress["waiting_review"] == 0
    assert progress["overdue"] == 0
    assert progress["period"].deadline == dt.date(TODAY.year, 12, 31)


def test_leadership_sees_directive_38_progress_first_and_reviews_nothing(client, leader, plan):
    client.force_login(leader)
    templates = [template for template, _c in client.get("/").context["panels"]]
    assert templates[0] == "plans/progress_panel.html"
    assert (
        dict(client.get("/").context["panels"])["plans/progress_panel.html"]["waiting_review"]
        is None
    )
    assert "plans/my_tasks_panel.html" not in templates


def test_an_agency_sees_its_tasks_and_a_real_next_deadline(client, reporter, plan):
    panel = _panels(client, reporter)["plans/my_tasks_panel.html"]
    assert panel["next_deadline"] == dt.date(TODAY.year, 12, 31)
    assert panel["late_reports"] == 0
    assert "plans/progress_panel.html" not in _panels(client, reporter)


def test_a_past_deadline_is_never_called_next(client, reporter, dost, agency):
    past = make_plan(
        dost,
        [{"number": "2.1", "content": "Khảo sát", "leads": [agency]}],
        year=TODAY.year - 1,
        deadline=(10, 1),
    )
    assign_plan(past, first_year=TODAY.year - 1)  # the officer chose to collect last year too
    panel = _panels(client, reporter)["plans/my_tasks_panel.html"]
    assert panel["next_deadline"] is None
    assert panel["late_reports"] == 1
    html = client.get("/").content.decode()
    assert "1 báo cáo đã quá hạn mà chưa gửi." in html
    assert "Hạn báo cáo sắp tới" not in html


def test_a_business_sees_its_instruments_not_plans(client, business_user, plan):
    panels = _panels(client, business_user)
    assert sorted(panels) == ["metrology/home_panel.html"]
