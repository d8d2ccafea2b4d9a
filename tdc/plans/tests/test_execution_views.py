"""The execution pages through the client: what each persona sees and may do, and query counts."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory, UserFactory
from tdc.core.models import AuditEvent
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Notification,
    ProgressReport,
    ReportingPeriod,
    Task,
)
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.tests.factories import HANOI, make_plan, report_of

SECRET_RESULT = "Kết quả nội bộ chưa gửi của Sở Tài chính"


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(dost, agency, other_agency, commune_org):
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Quán triệt Chỉ thị số 38-CT/TW",
                "leads": [agency],
                "partners": [other_agency],
            },
            {"number": "1.2", "content": "Thẩm định nội dung tiêu chuẩn", "leads": [dost]},
            {"number": "1.3", "content": "Tuyên truyền tại cơ sở", "leads": ["all_communes"]},
        ],
    )
    assign_plan(plan)
    return plan


@pytest.fixture
def draft(plan, agency, reporter):
    report = report_of(plan, agency)
    return save_report(
        report,
        data=ReportInput(progress="in_progress", percent=40, results=SECRET_RESULT),
        version=0,
        by=reporter,
        new_files=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 noi bo")],
    )


def _send(report, user):
    return submit_report(report, version=report.version, by=user)


def _text(response):
    return response.content.decode()


# --- My tasks -----------------------------------------------------------------------------------


def test_my_tasks_shows_the_agencys_tasks_their_status_and_the_next_report_due(
    client, plan, reporter
):
    client.force_login(reporter)

    response = client.get(reverse("plans:my_tasks"))

    assert response.status_code == 200
    rows = response.context["mine"].rows
    assert [(r.assignment.task.number, r.assignment.role, r.status.label) for r in rows] == [
        ("1.1", "lead", "Đang thực hiện trong hạn")
    ]
    page = _text(response)
    assert "Báo cáo tiếp theo: hạn 10/11/2026 — còn 1 báo cáo chưa gửi." in page
    assert "Quán triệt Chỉ thị số 38-CT/TW" in page
    assert "Thẩm định nội dung tiêu chuẩn" not in page


def test_my_tasks_colours_an_overdue_task_red_and_filters_by_status(client, plan, reporter):
    task = Task.objects.get(plan=plan, number="1.1")
    task.due_date = dt.date(2026, 9, 30)
    task.save()
    client.force_login(reporter)

    response = client.get(reverse("plans:my_tasks"), {"status": "overdue"})

    (row,) = response.context["mine"].rows
    assert (row.status.label, row.badge) == ("Quá hạn chưa hoàn thành", "text-bg-danger")
    assert (
        client.get(reverse("plans:my_tasks"), {"status": "in_progress"}).context["mine"].rows == []
    )


@pytest.mark.parametrize("task_count", [1, 3])
def test_my_tasks_query_count_is_constant(
    client, dost, agency, reporter, task_count, django_assert_num_queries
):
    plan = make_plan(dost, [{"number": f"2.{i}", "leads": [agency]} for i in range(task_count)])
    assign_plan(plan)
    client.force_login(reporter)

    with django_assert_num_queries(7):
        response = client.get(reverse("plans:my_tasks"))

    assert len(response.context["mine"].rows) == task_count


def test_a_commune_officer_sees_the_collective_commune_task(client, plan, commune_officer):
    client.force_login(commune_officer)

    rows = client.get(reverse("plans:my_tasks")).context["mine"].rows

    assert [r.assignment.task.number for r in rows] == ["1.3"]


# --- Writing and reviewing a report -------------------------------------------------------------------


def test_the_reporter_saves_a_draft_from_the_page(client, plan, agency, reporter):
    report = report_of(plan, agency)
    client.force_login(reporter)

    response = client.post(
        reverse("plans:report_detail", args=[report.pk]),
        {
            "version": 0,
            "progress": "in_progress",
            "percent": 30,
            "results": "Đã xây dựng dự thảo kế hoạch tuyên truyền",
            "figures": "Số tin bài: 4 tin",
            "difficulties": "",
            "proposals": "",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.percent, report.figures, report.version) == (
        30,
        [{"label": "Số tin bài", "value": "4", "unit": "tin"}],
        1,
    )


def test_a_stale_save_shows_a_vietnamese_conflict_and_keeps_what_the_user_typed(
    client, draft, reporter, agency
):
    colleague = UserFactory(
        username="baocao2.taichinh", organisation=agency, roles=["agency_reporter"]
    )
    save_report(
        draft,
        data=ReportInput(progress="in_progress", percent=50, results="Bản của đồng nghiệp"),
        version=draft.version,
        by=colleague,
    )
    client.force_login(reporter)

    response = client.post(
        reverse("plans:report_detail", args=[draft.pk]),
        {"version": 1, "progress": "in_progress", "percent": 45, "results": "Nội dung tôi vừa gõ"},
    )

    assert response.status_code == 200
    page = _text(response)
    assert "Báo cáo vừa được Người Dùng" in page
    assert "Nội dung tôi vừa gõ" in page
    assert ProgressReport.objects.get(pk=draft.pk).results == "Bản của đồng nghiệp"


def test_an_invalid_figure_line_is_shown_on_its_field_with_the_input_kept(client, draft, reporter):
    client.force_login(reporter)

    response = client.post(
        reverse("plans:report_detail", args=[draft.pk]),
        {
            "version": draft.version,
            "progress": "in_progress",
            "percent": 45,
            "results": "x",
            "figures": "Số lớp ba lớp",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["figures"][0].startswith("Dòng số liệu 1 cần có dạng")
    assert "Số lớp ba lớp" in _text(response)


def test_the_officer_returns_a_report_and_sees_the_changes_when_it_comes_back(
    client, draft, reporter, officer
):
    client.force_login(reporter)
    client.post(reverse("plans:report_submit", args=[draft.pk]), {"version": draft.version})
    client.force_login(officer)
    assert (
        client.post(
            reverse("plans:report_return", args=[draft.pk]), {"reason": "Bổ sung số hội nghị"}
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    client.force_login(reporter)
    client.post(
        reverse("plans:report_detail", args=[draft.pk]),
        {
            "version": draft.version,
            "progress": "in_progress",
            "percent": 60,
            "results": SECRET_RESULT + " và 02 hội nghị",
        },
    )
    draft.refresh_from_db()
    client.post(reverse("plans:report_submit", args=[draft.pk]), {"version": draft.version})
    client.force_login(officer)

    page = _text(client.get(reverse("plans:report_detail", args=[draft.pk])))

    assert '<ins class="diff-added">và 02 hội nghị</ins>' in page
    assert '<del class="diff-removed">40%</del>' in page
    assert "Bổ sung số hội nghị" in page
    assert (
        client.post(reverse("plans:report_accept", args=[draft.pk]), {"note": ""}).status_code
        == 302
    )
    assert ProgressReport.objects.get(pk=draft.pk).state == "accepted"


def test_a_return_without_a_reason_rerenders_with_the_error(client, draft, reporter, officer):
    _send(draft, reporter)
    client.force_login(officer)

    response = client.post(reverse("plans:report_return", args=[draft.pk]), {"reason": ""})

    assert response.status_code == 200
    assert response.context["reason_form"].errors["reason"] == ["Trường này là bắt buộc."]
    assert ProgressReport.objects.get(pk=draft.pk).state == "submitted"


# --- Who sees what ---------------------------------------------------------------------------------------


def test_another_agency_never_sees_a_report_of_this_agency(
    client, draft, reporter, other_reporter, officer
):
    client.force_login(other_reporter)
    url = reverse("plans:report_detail", args=[draft.pk])
    evidence = draft.evidence.get()
    evidence_url = reverse("plans:evidence_download", args=[draft.pk, evidence.pk])

    assert client.get(url).status_code == 404
    assert client.get(evidence_url).status_code == 404
    assert SECRET_RESULT not in _text(client.get(reverse("plans:report_list")))
    _send(draft, reporter)
    accept_report(ProgressReport.objects.get(pk=draft.pk), by=officer)
    assert client.get(url).status_code == 404
    assert client.get(evidence_url).status_code == 404


def test_dost_sees_a_draft_exists_but_not_its_content_until_it_is_sent(
    client, draft, reporter, officer
):
    client.force_login(officer)
    url = reverse("plans:report_detail", args=[draft.pk])
    evidence_url = reverse("plans:evidence_download", args=[draft.pk, draft.evidence.get().pk])

    response = client.get(url)
    assert response.status_code == 200
    assert SECRET_RESULT not in _text(response)
    assert "Cơ quan chưa gửi báo cáo này." in _text(response)
    assert client.get(evidence_url).status_code == 404

    _send(draft, reporter)
    assert SECRET_RESULT in _text(client.get(url))
    assert client.get(evidence_url).status_code == 200


def test_dost_sees_the_version_it_returned_not_the_agencys_new_draft(
    client, draft, reporter, officer
):
    from tdc.plans.services.reporting import return_report

    report = _send(draft, reporter)
    report = return_report(report, by=officer, reason="Bổ sung")
    save_report(
        report,
        data=ReportInput(progress="in_progress", percent=55, results="Bản sửa chưa gửi"),
        version=report.version,
        by=reporter,
    )
    client.force_login(officer)

    page = _text(client.get(reverse("plans:report_detail", args=[draft.pk])))

    assert SECRET_RESULT in page
    assert "Bản sửa chưa gửi" not in page


@pytest.mark.parametrize("who", ["leader", "ministry_viewer"])
def test_leadership_and_ministry_read_reports_but_cannot_review_them(
    client, draft, reporter, who, request
):
    _send(draft, reporter)
    viewer = request.getfixturevalue(who)
    client.force_login(viewer)
    url = reverse("plans:report_detail", args=[draft.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert SECRET_RESULT in _text(response)
    assert not response.context["can_review"]
    assert (
        client.post(reverse("plans:report_accept", args=[draft.pk]), {"note": ""}).status_code
        == 403
    )
    assert (
        client.post(reverse("plans:report_return", args=[draft.pk]), {"reason": "x"}).status_code
        == 403
    )
    assert ProgressReport.objects.get(pk=draft.pk).state == "submitted"


def test_an_officer_of_another_province_does_not_see_the_report(
    client, draft, other_province_officer
):
    client.force_login(other_province_officer)

    assert client.get(reverse("plans:report_detail", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("report_count", [1, 3])
def test_report_list_query_count_is_constant(
    client, dost, officer, report_count, django_assert_num_queries
):
    agencies = [OrganisationFactory(province=dost.province) for _ in range(report_count)]
    plan = make_plan(dost, [{"number": "1.1", "leads": agencies}])
    assign_plan(plan)
    client.force_login(officer)

    with django_assert_num_queries(8):
        response = client.get(reverse("plans:report_list"))

    assert len(response.context["page"]) == report_count


def test_the_agency_exports_its_own_report_but_not_another_agencys(
    client, draft, reporter, other_reporter
):
    client.force_login(reporter)
    period_pk = draft.period_id

    response = client.get(reverse("plans:agency_export", args=[period_pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert client.get(reverse("plans:agency_export", args=[period_pk, "xlsx"])).status_code == 200
    client.force_login(other_reporter)
    response = client.get(reverse("plans:agency_export", args=[period_pk, "docx"]))
    assert response.status_code == 200  # Sở Y tế exports its own partner report, not Sở Tài chính's
    assert SECRET_RESULT.encode() not in response.content


# --- Dashboard -------------------------------------------------------------------------------------------


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


# --- Periods, explanations ---------------------------------------------------------------------------------


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


# --- Notifications -------------------------------------------------------------------------------------


def test_a_returned_report_notifies_the_reporter_in_the_bell_and_by_email(
    client, draft, reporter, officer, mailoutbox, django_capture_on_commit_callbacks
):
    from tdc.plans.services.reporting import return_report

    report = _send(draft, reporter)
    with django_capture_on_commit_callbacks(execute=True):
        return_report(report, by=officer, reason="Thiếu biên bản")
    client.force_login(reporter)

    response = client.get(reverse("plans:notification_list"))

    assert response.context["unread"] == 1
    (notification,) = response.context["page"]
    assert notification.title.startswith("Báo cáo cần bổ sung: Báo cáo năm 2026 — 1.1.")
    assert notification.body == "Ghi chú: Thiếu biên bản"
    assert [m.to for m in mailoutbox] == [["baocao.taichinh@example.vn"]]
    opened = client.get(reverse("plans:notification_open", args=[notification.pk]))
    assert opened["Location"] == reverse("plans:report_detail", args=[draft.pk])
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_nobody_opens_someone_elses_notification(client, reporter, other_reporter):
    notification = Notification.objects.create(recipient=reporter, kind="report", title="Riêng")
    client.force_login(other_reporter)

    assert client.get(reverse("plans:notification_open", args=[notification.pk])).status_code == 404


# --- Tasks ---------------------------------------------------------------------------------------------------


def test_the_officer_reassigns_a_task_from_the_page(client, plan, officer, agency, other_agency):
    task = Task.objects.get(plan=plan, number="1.1")
    client.force_login(officer)

    response = client.post(
        reverse("plans:task_reassign", args=[task.pk]), {"leads": [other_agency.pk], "partners": []}
    )

    assert response.status_code == 302
    assert list(
        Assignment.objects.filter(task=task, is_active=True).values_list(
            "organisation__name", "role"
        )
    ) == [("Sở Y tế", "lead")]
    assert AuditEvent.objects.filter(action="task.reassigned", actor=officer).count() == 1


@pytest.mark.parametrize("who", ["leader", "reporter", "other_province_officer"])
def test_only_the_provinces_officer_opens_the_task_editing_pages(client, plan, who, request):
    task = Task.objects.get(plan=plan, number="1.1")
    client.force_login(request.getfixturevalue(who))

    for name in ("plans:task_edit", "plans:task_reassign", "plans:task_split"):
        assert client.get(reverse(name, args=[task.pk])).status_code == 404


def test_every_page_renders_without_inline_script_or_style(client, draft, reporter, officer):
    _send(draft, reporter)
    client.force_login(officer)
    plan_pk = draft.period.plan_id
    task = Task.objects.get(plan_id=plan_pk, number="1.1")
    urls = [
        reverse("plans:my_tasks"),
        reverse("plans:report_list"),
        reverse("plans:report_detail", args=[draft.pk]),
        reverse("plans:dashboard"),
        reverse("plans:period_list", args=[plan_pk]),
        reverse("plans:period_detail", args=[draft.period_id]),
        reverse("plans:assignment_list", args=[plan_pk]),
        reverse("plans:task_create", args=[plan_pk]),
        reverse("plans:task_edit", args=[task.pk]),
        reverse("plans:task_reassign", args=[task.pk]),
        reverse("plans:task_split", args=[task.pk]),
        reverse("plans:indicator_list"),
        reverse("plans:indicator_create", args=[plan_pk]),
        reverse("plans:explanation_list"),
        reverse("plans:explanation_create", args=[draft.period_id]),
        reverse("plans:notification_list"),
        "/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = _text(response)
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body) is None, url
        assert " style=" not in body, url


def test_the_home_page_shows_my_tasks_panel(client, plan, reporter):
    client.force_login(reporter)

    page = _text(client.get("/"))

    assert "Cơ quan của bạn có 1 nhiệm vụ đang thực hiện." in page
    assert "Báo cáo tiếp theo: hạn 10/11/2026 (1 báo cáo chưa gửi)." in page


def test_a_business_user_has_no_tasks(client, plan, business_user):
    client.force_login(business_user)

    response = client.get(reverse("plans:my_tasks"))

    assert response.context["mine"].rows == []
    assert Organisation.objects.get(pk=business_user.organisation_id).kind == "business"


def test_a_notification_never_redirects_off_site(client, reporter):
    notification = Notification.objects.create(
        recipient=reporter, kind="report", title="Lạ", url="//evil.example/phishing"
    )
    client.force_login(reporter)

    response = client.get(reverse("plans:notification_open", args=[notification.pk]))

    assert response["Location"] == reverse("plans:notification_list")


def test_the_report_list_answers_htmx_with_its_rows_only(client, draft, reporter):
    client.force_login(reporter)

    response = client.get(reverse("plans:report_list"), headers={"HX-Request": "true"})

    body = _text(response)
    assert body.lstrip().startswith('<div class="table-responsive">')
    assert "<html" not in body
    assert "Quán triệt Chỉ thị số 38-CT/TW" in body


def _indicators(plan, officer, count):
    from tdc.plans.services.indicators import create_indicator, record_indicator_value

    for i in range(count):
        indicator = create_indicator(
            plan,
            by=officer,
            name=f"Chỉ tiêu {i}",
            unit="lớp",
            comparator=">=",
            target_value=30,
            deadline=dt.date(2030, 12, 31),
            aggregation="cumulative",
        )
        record_indicator_value(
            indicator,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            value=3,
            source="Báo cáo",
            by=officer,
        )


@pytest.mark.parametrize("count", [1, 3])
def test_indicator_list_query_count_is_constant(
    client, plan, officer, count, django_assert_num_queries
):
    _indicators(plan, officer, count)
    client.force_login(officer)

    with django_assert_num_queries(7):
        response = client.get(reverse("plans:indicator_list"))

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_notification_list_query_count_is_constant(
    client, reporter, count, django_assert_num_queries
):
    for i in range(count):
        Notification.objects.create(recipient=reporter, kind="report", title=f"Thông báo {i}")
    client.force_login(reporter)

    with django_assert_num_queries(6):
        response = client.get(reverse("plans:notification_list"))

    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_explanation_list_query_count_is_constant(
    client, plan, officer, count, django_assert_num_queries
):
    period = ReportingPeriod.objects.get(plan=plan)
    for i in range(count):
        organisation = Organisation.objects.create(name=f"Sở thử {i}", province=plan.province)
        ExplanationRequest.objects.create(
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


@pytest.mark.parametrize("count", [1, 3])
def test_assignment_list_query_count_is_constant(
    client, dost, agency, officer, count, django_assert_num_queries
):
    plan = make_plan(dost, [{"number": f"3.{i}", "leads": [agency, dost]} for i in range(count)])
    assign_plan(plan)
    client.force_login(officer)

    with django_assert_num_queries(7):
        response = client.get(reverse("plans:assignment_list", args=[plan.pk]))

    assert len(response.context["rows"]) == count


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
