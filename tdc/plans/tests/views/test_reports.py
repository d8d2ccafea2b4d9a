"""The execution pages through the client: what each persona sees and may do, and query counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory, UserFactory
from tdc.plans.models import (
    ProgressReport,
    Task,
)
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.tests.factories import SECRET_RESULT, make_plan, report_of, zip_bomb

pytestmark = pytest.mark.usefixtures("before_the_deadline")


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


def test_evidence_over_the_limit_is_refused_with_the_limit_and_the_text_kept(
    client, draft, reporter
):
    before = (draft.results, draft.version, draft.evidence.count())
    client.force_login(reporter)

    response = client.post(
        reverse("plans:report_detail", args=[draft.pk]),
        {
            "version": draft.version,
            "progress": "in_progress",
            "percent": 45,
            "results": "Đã tổ chức 2 lớp tập huấn",
            "evidence": SimpleUploadedFile("bang-tong-hop.xlsx", zip_bomb(members=1001)),
        },
    )

    assert response.status_code == 200
    message = "Tệp “bang-tong-hop.xlsx”: Tệp có quá nhiều thành phần bên trong (1001). Tối đa 1000."
    assert message in _text(response)
    assert "Đã tổ chức 2 lớp tập huấn" in _text(response)
    draft.refresh_from_db()
    assert (draft.results, draft.version, draft.evidence.count()) == before


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


# --- Periods, explanations ---------------------------------------------------------------------------------


# --- Notifications -------------------------------------------------------------------------------------


# --- Tasks ---------------------------------------------------------------------------------------------------


def test_the_home_page_shows_my_tasks_panel(client, plan, reporter):
    client.force_login(reporter)

    page = _text(client.get("/"))

    assert "Cơ quan của bạn có 1 nhiệm vụ đang thực hiện." in page
    assert "Hạn báo cáo sắp tới: 10/11/2026 (1 báo cáo)." in page


def test_a_business_user_has_no_tasks(client, plan, business_user):
    client.force_login(business_user)

    response = client.get(reverse("plans:my_tasks"))

    assert response.context["mine"].rows == []
    assert Organisation.objects.get(pk=business_user.organisation_id).kind == "business"


def test_the_report_list_answers_htmx_with_its_rows_only(client, draft, reporter):
    client.force_login(reporter)

    response = client.get(reverse("plans:report_list"), headers={"HX-Request": "true"})

    body = _text(response)
    assert body.lstrip().startswith('<div class="table-responsive">')
    assert "<html" not in body
    assert "Quán triệt Chỉ thị số 38-CT/TW" in body
