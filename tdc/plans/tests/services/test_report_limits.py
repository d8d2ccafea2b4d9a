"""How much a report may say: every free-text field is bounded, in the service (page and API)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import (
    ReportInput,
    save_report,
)
from tdc.plans.tests.factories import make_plan, report_of


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(
        dt.datetime(2026, 10, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    )


@pytest.fixture
def plan(dost, agency):
    plan = make_plan(dost, [{"number": "1.1", "leads": [agency]}])
    assign_plan(plan)
    return plan


def test_a_report_too_long_is_refused_field_by_field_and_nothing_is_saved(plan, agency, reporter):
    report = report_of(plan, agency)
    pasted = ReportInput(
        progress="in_progress", percent=10, results="chữ " * 6000, proposals="x" * 10_001
    )

    with pytest.raises(ValidationError) as refused:
        save_report(report, data=pasted, version=report.version, by=reporter)

    assert refused.value.message_dict == {
        "results": ["Tối đa 20.000 ký tự (bạn đã nhập 24.000 ký tự)."],
        "proposals": ["Tối đa 10.000 ký tự (bạn đã nhập 10.001 ký tự)."],
    }
    report.refresh_from_db()
    assert (report.results, report.version) == ("", 0)


def test_the_report_page_keeps_what_was_typed_when_too_long(client, plan, agency, reporter):
    report = report_of(plan, agency)
    client.force_login(reporter)
    typed = "Kết quả " * 3000

    response = client.post(
        reverse("plans:report_detail", args=[report.pk]),
        {"version": report.version, "progress": "in_progress", "percent": 10, "results": typed},
    )

    assert response.status_code == 200
    assert "Tối đa 20.000 ký tự" in response.content.decode()
    assert response.context["form"]["results"].value() == typed
