"""Segregation of duties (issue 9, item 8): nobody accepts their own report; an approver's own
report goes to another approver, or to DoST visibly marked as self-approved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.plans.models import ProgressReport
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import (
    ReportInput,
    accept_report,
    approve_report,
    return_report,
    save_report,
    submit_report,
)
from tdc.plans.tests.factories import make_plan, report_of

S = ProgressReport.State
CONTENT = ReportInput(
    progress="in_progress", percent=50, results="Đã tổ chức 01 hội nghị quán triệt Chỉ thị"
)


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(
        dt.datetime(2026, 10, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    )


@pytest.fixture
def plan(dost, agency):
    plan = make_plan(dost, [{"number": "1.1", "leads": [dost, agency]}])
    assign_plan(plan)
    return plan


@pytest.fixture
def second_officer(dost):
    return UserFactory(username="kiemtra.tdc", organisation=dost, roles=[Role.TDC_OFFICER])


@pytest.fixture
def second_approver(agency):
    return UserFactory(
        username="duyet2.taichinh", organisation=agency, roles=[Role.AGENCY_APPROVER]
    )


def _write_and_send(report, author):
    report = save_report(report, data=CONTENT, version=report.version, by=author)
    return submit_report(report, version=report.version, by=author)


def test_an_officer_cannot_accept_the_dost_report_they_wrote(plan, dost, officer, second_officer):
    report = _write_and_send(report_of(plan, dost), officer)

    with pytest.raises(ValidationError, match="cán bộ khác của Sở"):
        accept_report(report, by=officer)
    with pytest.raises(ValidationError, match="cán bộ khác của Sở"):
        return_report(report, by=officer, reason="Bổ sung")

    report.refresh_from_db()
    assert report.state == S.SUBMITTED
    assert accept_report(report, by=second_officer).state == S.ACCEPTED


def test_an_officer_who_only_edited_the_draft_still_cannot_accept_it(
    plan, dost, officer, second_officer
):
    report = report_of(plan, dost)
    report = save_report(report, data=CONTENT, version=report.version, by=officer)
    report = save_report(report, data=CONTENT, version=report.version, by=second_officer)
    report = submit_report(report, version=report.version, by=second_officer)

    with pytest.raises(ValidationError):
        accept_report(report, by=officer)
    with pytest.raises(ValidationError):
        accept_report(report, by=second_officer)


def test_the_review_buttons_are_left_to_another_officer(client, plan, dost, officer):
    report = _write_and_send(report_of(plan, dost), officer)
    client.force_login(officer)

    page = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    refused = client.post(reverse("plans:report_accept", args=[report.pk]), {"note": ""})

    assert 'id="review-by-another"' in page
    assert 'action="' + reverse("plans:report_accept", args=[report.pk]) + '"' not in page
    report.refresh_from_db()
    assert report.state == S.SUBMITTED
    assert refused.status_code in {200, 302}


def test_an_approvers_own_report_goes_to_another_approver(
    plan, agency, approver, second_approver, officer
):
    report = _write_and_send(report_of(plan, agency), approver)
    assert report.state == S.PENDING_APPROVAL

    with pytest.raises(ValidationError, match="lãnh đạo khác"):
        approve_report(report, by=approver)

    report = approve_report(report, by=second_approver)
    assert (report.state, report.self_approved) == (S.SUBMITTED, False)


def test_an_approver_with_no_other_approver_self_approves_and_it_shows(
    client, plan, agency, approver, officer
):
    report = _write_and_send(report_of(plan, agency), approver)

    assert (report.state, report.self_approved) == (S.SUBMITTED, True)
    client.force_login(officer)
    detail = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    dashboard = client.get(
        reverse("plans:dashboard"), {"plan": plan.pk, "period": report.period_id}
    ).content.decode()
    assert 'id="report-self-approved"' in detail
    assert "1 tự phê duyệt" in dashboard


def test_an_approver_signing_off_a_reporters_draft_is_not_self_approval(
    plan, agency, reporter, approver
):
    report = _write_and_send(report_of(plan, agency), reporter)

    report = approve_report(report, by=approver)

    assert (report.state, report.self_approved) == (S.SUBMITTED, False)
