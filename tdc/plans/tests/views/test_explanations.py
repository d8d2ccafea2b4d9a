"""Explanation requests: DoST asks a late agency, the agency answers."""

import datetime as dt

import pytest
from django.urls import reverse

from tdc.accounts.models import Organisation
from tdc.plans.models import (
    ExplanationRequest,
    Notification,
    ReportingPeriod,
)
from tdc.plans.services.reporting import submit_report
from tdc.plans.tests.factories import HANOI, ExplanationRequestFactory

pytestmark = pytest.mark.usefixtures("before_the_deadline")


def _send(report, user):
    return submit_report(report, version=report.version, by=user)


def _text(response):
    return response.content.decode()


def test_a_late_agency_is_asked_for_an_explanation_and_answers_it(
    client,
    plan,
    officer,
    reporter,
    approver,
    other_reporter,
    time_machine,
    django_capture_on_commit_callbacks,
    agency,
):
    time_machine.move_to(dt.datetime(2026, 11, 15, 9, tzinfo=HANOI), tick=False)
    period = ReportingPeriod.objects.get(plan=plan)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:explanation_create", args=[period.pk]),
            {
                "organisation": agency.pk,
                "message": "Đề nghị giải trình lý do chưa gửi báo cáo năm 2026.",
                "due_date": "2026-11-20",
            },
        )
    explanation = ExplanationRequest.objects.get()
    assert response.status_code == 302
    assert sorted(
        n.recipient.username for n in Notification.objects.filter(kind="explanation")
    ) == ["baocao.taichinh", "duyet.taichinh"]

    client.force_login(other_reporter)
    assert client.get(explanation.get_absolute_url()).status_code == 404
    client.force_login(reporter)
    assert "Sở Khoa học và Công nghệ yêu cầu giải trình" in _text(
        client.get(reverse("plans:my_tasks"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            explanation.get_absolute_url(),
            {"response": "Do thay đổi cán bộ phụ trách, Sở sẽ gửi trước 18/11."},
        )
    explanation.refresh_from_db()
    assert (explanation.is_answered, explanation.responded_by) == (True, reporter)
    assert Notification.objects.filter(recipient=officer, kind="explanation").count() == 1


def test_an_agency_that_reported_on_time_cannot_be_asked_to_explain(
    client, draft, reporter, officer, time_machine, other_agency
):
    _send(draft, reporter)
    time_machine.move_to(dt.datetime(2026, 11, 15, 9, tzinfo=HANOI), tick=False)
    client.force_login(officer)

    response = client.post(
        reverse("plans:explanation_create", args=[draft.period_id]),
        {"organisation": draft.organisation_id, "message": "Giải trình", "due_date": "2026-11-20"},
    )

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not ExplanationRequest.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_explanation_list_query_count_is_constant(
    client, plan, officer, count, django_assert_num_queries
):
    period = ReportingPeriod.objects.get(plan=plan)
    for i in range(count):
        organisation = Organisation.objects.create(name=f"Sở thử {i}", province=plan.province)
        ExplanationRequestFactory(
            period=period,
            organisation=organisation,
            message=f"Giải trình {i}",
            due_date=dt.date(2026, 11, 30),
            requested_by=officer,
        )
    client.force_login(officer)

    with django_assert_num_queries(6):
        response = client.get(reverse("plans:explanation_list"))

    assert len(response.context["page"]) == count
