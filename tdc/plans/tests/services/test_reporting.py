"""The report lifecycle as a state machine: every allowed and every refused transition."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.accounts.tests.factories import UserFactory
from tdc.core.models import AuditEvent
from tdc.plans.models import Assignment, ProgressReport, ReportEvent, ReportVersion
from tdc.plans.queries.reporting import parse_figures, resubmission_diff
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import (
    ReportInput,
    StaleReportError,
    accept_report,
    approve_report,
    reopen_report,
    return_report,
    save_report,
    send_back_report,
    submit_report,
)
from tdc.plans.tests.factories import make_plan, report_of, zip_bomb

S = ProgressReport.State
CONTENT = ReportInput(
    progress="in_progress",
    percent=60,
    results="Đã tổ chức 02 hội nghị quán triệt Chỉ thị cho cán bộ của Sở",
    figures=({"label": "Số hội nghị", "value": "2", "unit": "hội nghị"},),
)


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


@pytest.fixture
def report(plan, agency):
    return report_of(plan, agency)


def _save(report, user, data=CONTENT):
    return save_report(report, data=data, version=report.version, by=user)


def _send(report, reporter, data=CONTENT):
    report = _save(report, reporter, data)
    return submit_report(report, version=report.version, by=reporter)


def _reach(state, report, reporter, approver, officer):
    """Drive a fresh report to `state` through the services (the agency has an approver)."""
    report = _save(report, reporter)
    if state == S.DRAFT:
        return report
    report = submit_report(report, version=report.version, by=reporter)
    if state == S.PENDING_APPROVAL:
        return report
    report = approve_report(report, by=approver)
    if state == S.SUBMITTED:
        return report
    if state == S.ACCEPTED:
        return accept_report(report, by=officer)
    report = return_report(report, by=officer, reason="Bổ sung số liệu hội nghị")
    if state == S.RETURNED:
        return report
    report = submit_report(report, version=report.version, by=reporter)
    report = approve_report(report, by=approver)
    assert report.state == S.RESUBMITTED
    return report


ACTIONS = {
    "submit": lambda r, u: submit_report(r, version=r.version, by=u["reporter"]),
    "approve": lambda r, u: approve_report(r, by=u["approver"]),
    "send_back": lambda r, u: send_back_report(r, by=u["approver"], note="Sửa lại số liệu"),
    "accept": lambda r, u: accept_report(r, by=u["officer"]),
    "return": lambda r, u: return_report(r, by=u["officer"], reason="Thiếu minh chứng"),
    "reopen": lambda r, u: reopen_report(r, by=u["officer"], reason="Số liệu chưa khớp"),
}
ALLOWED = {
    (S.DRAFT, "submit"): S.PENDING_APPROVAL,
    (S.PENDING_APPROVAL, "approve"): S.SUBMITTED,
    (S.PENDING_APPROVAL, "send_back"): S.DRAFT,
    (S.SUBMITTED, "accept"): S.ACCEPTED,
    (S.SUBMITTED, "return"): S.RETURNED,
    (S.RETURNED, "submit"): S.PENDING_APPROVAL,
    (S.RESUBMITTED, "accept"): S.ACCEPTED,
    (S.RESUBMITTED, "return"): S.RETURNED,
    (S.ACCEPTED, "reopen"): S.RETURNED,
}
EVERY_PAIR = [(state, action) for state in S.values for action in ACTIONS]


@pytest.mark.parametrize(("state", "action"), EVERY_PAIR)
def test_every_transition_is_allowed_or_refused_as_the_state_machine_says(
    state, action, report, reporter, approver, officer
):
    report = _reach(state, report, reporter, approver, officer)
    users = {"reporter": reporter, "approver": approver, "officer": officer}
    events, versions, audit = (
        ReportEvent.objects.count(),
        ReportVersion.objects.count(),
        AuditEvent.objects.count(),
    )

    if (state, action) in ALLOWED:
        moved = ACTIONS[action](report, users)
        assert moved.state == ALLOWED[(state, action)]
        event = ReportEvent.objects.latest("pk")
        assert (event.from_state, event.to_state) == (state, moved.state)
        assert ReportEvent.objects.count() == events + 1
        assert (
            AuditEvent.objects.filter(action__startswith="progress_report.").latest("pk").actor
            == event.actor
        )
    else:
        with pytest.raises(ValidationError):
            ACTIONS[action](report, users)
        report.refresh_from_db()
        assert report.state == state
        assert (
            ReportEvent.objects.count(),
            ReportVersion.objects.count(),
            AuditEvent.objects.count(),
        ) == (
            events,
            versions,
            audit,
        )


def test_without_an_approver_the_reporter_submits_straight_to_dost_and_resubmits_after_a_return(
    report, reporter, officer
):
    report = _save(report, reporter)

    report = submit_report(report, version=report.version, by=reporter)
    assert report.state == S.SUBMITTED
    first = report.first_submitted_at
    report = return_report(report, by=officer, reason="Nêu rõ số cán bộ tham dự")
    report = _save(report, reporter)
    report = submit_report(report, version=report.version, by=reporter)

    assert report.state == S.RESUBMITTED
    assert report.first_submitted_at == first  # timeliness counts the first submission
    assert list(report.events.values_list("kind", "actor__username", "note")) == [
        ("submitted", "baocao.taichinh", ""),
        ("returned", "canbo.tdc", "Nêu rõ số cán bộ tham dự"),
        ("resubmitted", "baocao.taichinh", ""),
    ]
    assert ReportVersion.objects.filter(report=report).count() == 2


@pytest.mark.parametrize(
    ("state", "action", "who"),
    [
        (S.DRAFT, "submit", "other_reporter"),
        (S.DRAFT, "submit", "officer"),
        (S.DRAFT, "submit", "leader"),
        (S.PENDING_APPROVAL, "approve", "reporter"),
        (S.PENDING_APPROVAL, "approve", "officer"),
        (S.PENDING_APPROVAL, "send_back", "reporter"),
        (S.SUBMITTED, "accept", "reporter"),
        (S.SUBMITTED, "accept", "approver"),
        (S.SUBMITTED, "accept", "leader"),
        (S.SUBMITTED, "accept", "ministry_viewer"),
        (S.SUBMITTED, "accept", "other_province_officer"),
        (S.SUBMITTED, "return", "approver"),
        (S.ACCEPTED, "reopen", "reporter"),
        (S.ACCEPTED, "reopen", "approver"),
        (S.ACCEPTED, "reopen", "leader"),
    ],
)
def test_only_the_right_people_move_a_report(
    state, action, who, request, report, reporter, approver, officer
):
    report = _reach(state, report, reporter, approver, officer)
    intruder = request.getfixturevalue(who)
    users = {"reporter": intruder, "approver": intruder, "officer": intruder}

    with pytest.raises(PermissionDenied):
        ACTIONS[action](report, users)

    report.refresh_from_db()
    assert report.state == state


def test_a_return_and_a_reopen_need_a_reason(report, reporter, officer):
    report = _send(report, reporter)

    with pytest.raises(ValidationError):
        return_report(report, by=officer, reason="   ")
    report = accept_report(report, by=officer)
    with pytest.raises(ValidationError):
        reopen_report(report, by=officer, reason="")
    assert ProgressReport.objects.get(pk=report.pk).state == S.ACCEPTED


def test_a_report_cannot_be_sent_without_results(report, reporter):
    with pytest.raises(ValidationError):
        submit_report(report, version=report.version, by=reporter)


def test_two_people_saving_the_same_draft_never_overwrite_each_other(report, reporter, agency):
    colleague = UserFactory(
        username="baocao2.taichinh", organisation=agency, roles=["agency_reporter"]
    )
    opened_version = report.version
    mine = ReportInput(progress="in_progress", percent=40, results="Bản của tôi")
    theirs = ReportInput(progress="in_progress", percent=50, results="Bản của đồng nghiệp")

    save_report(report, data=theirs, version=opened_version, by=colleague)
    with pytest.raises(StaleReportError) as caught:
        save_report(report, data=mine, version=opened_version, by=reporter)

    report.refresh_from_db()
    assert report.results == "Bản của đồng nghiệp"
    assert report.version == opened_version + 1
    assert caught.value.messages[0].startswith("Báo cáo vừa được Người Dùng")
    assert "chưa được lưu" in caught.value.messages[0]


def test_a_stale_submit_is_refused_too(report, reporter):
    report = _save(report, reporter)
    stale = report.version - 1

    with pytest.raises(StaleReportError):
        submit_report(report, version=stale, by=reporter)
    assert ProgressReport.objects.get(pk=report.pk).state == S.DRAFT


def test_the_reviewer_of_a_resubmission_sees_what_changed_since_they_returned_it(
    report, reporter, officer
):
    report = _send(report, reporter)
    report = return_report(report, by=officer, reason="Ghi rõ số hội nghị")
    corrected = ReportInput(
        progress="in_progress",
        percent=70,
        results="Đã tổ chức 03 hội nghị quán triệt Chỉ thị cho cán bộ của Sở",
        figures=CONTENT.figures,
    )
    report = save_report(report, data=corrected, version=report.version, by=reporter)
    report = submit_report(report, version=report.version, by=reporter)

    diff = {field.label: field for field in resubmission_diff(report)}

    assert diff["Tỷ lệ hoàn thành"].segments == [("removed", "60%"), ("added", "70%")]
    assert diff["Kết quả đạt được"].segments == [
        ("same", "Đã tổ chức"),
        ("removed", "02"),
        ("added", "03"),
        ("same", "hội nghị quán triệt Chỉ thị cho cán bộ của Sở"),
    ]
    assert not diff["Số liệu"].changed


def test_the_diff_after_a_reopen_compares_with_the_accepted_version(report, reporter, officer):
    report = _send(report, reporter)
    report = accept_report(report, by=officer)
    report = reopen_report(report, by=officer, reason="Số liệu chưa khớp với báo cáo quý")
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=60, results="Đã tổ chức 04 hội nghị"),
        version=report.version,
        by=reporter,
    )
    report = submit_report(report, version=report.version, by=reporter)

    diff = {field.label: field for field in resubmission_diff(report)}

    assert diff["Kết quả đạt được"].segments[0] == ("same", "Đã tổ chức")
    assert ("added", "04") in diff["Kết quả đạt được"].segments
    assert report.events.filter(kind="reopened").get().actor == officer


def test_an_accepted_completed_report_completes_the_assignment_and_a_reopen_undoes_it(
    report, reporter, officer
):
    done = ReportInput(
        progress="completed",
        percent=100,
        results="Đã hoàn thành",
        completed_on=dt.date(2026, 9, 30),
    )
    report = _send(report, reporter, done)

    accept_report(report, by=officer)
    assert Assignment.objects.get(pk=report.assignment_id).completed_on == dt.date(2026, 9, 30)

    reopen_report(ProgressReport.objects.get(pk=report.pk), by=officer, reason="Kiểm tra lại")
    assert Assignment.objects.get(pk=report.assignment_id).completed_on is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ReportInput(progress="completed", percent=100, results="x"), "completed_on"),
        (
            ReportInput(
                progress="completed", percent=90, results="x", completed_on=dt.date(2026, 9, 1)
            ),
            "percent",
        ),
        (ReportInput(progress="in_progress", percent=101, results="x"), "percent"),
        (
            ReportInput(
                progress="in_progress", percent=10, results="x", completed_on=dt.date(2026, 9, 1)
            ),
            "completed_on",
        ),
        (
            ReportInput(
                progress="completed", percent=100, results="x", completed_on=dt.date(2026, 12, 1)
            ),
            "completed_on",
        ),
    ],
)
def test_a_report_with_inconsistent_figures_is_refused_with_the_field_named(
    report, reporter, data, field
):
    with pytest.raises(ValidationError) as caught:
        save_report(report, data=data, version=0, by=reporter)
    assert list(caught.value.message_dict) == [field]


def test_evidence_files_are_saved_with_the_report_and_checked(report, reporter):
    pdf = SimpleUploadedFile(
        "bien-ban-hoi-nghi.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf"
    )

    report = save_report(report, data=CONTENT, version=0, by=reporter, new_files=[pdf])

    assert [(e.name, e.size) for e in report.evidence.all()] == [("bien-ban-hoi-nghi.pdf", 19)]
    with pytest.raises(ValidationError):
        save_report(
            report,
            data=CONTENT,
            version=report.version,
            by=reporter,
            new_files=[SimpleUploadedFile("virus.exe", b"MZ")],
        )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("bien-ban.pdf", b"%PDF" + b"x" * (10 * 1024 * 1024)),
            "Tệp “bien-ban.pdf”: Tệp quá lớn (10,1 MB). Tối đa 10 MB.",
        ),
        (
            SimpleUploadedFile("bang-so-lieu.xlsx", zip_bomb(members=1001)),
            "Tệp “bang-so-lieu.xlsx”: Tệp có quá nhiều thành phần bên trong (1001). Tối đa 1000.",
        ),
        (
            SimpleUploadedFile("anh.zip", zip_bomb(unpacked=11 * 1024 * 1024)),
            "Tệp “anh.zip”: Tệp nén bất thường: nội dung giải nén lớn gấp 1028 lần tệp. "
            "Tối đa 100 lần.",
        ),
    ],
    ids=["too-large", "too-many-parts", "zip-bomb"],
)
def test_evidence_over_the_stated_limits_is_refused_with_the_limit_and_nothing_saved(
    report, reporter, upload, message
):
    with pytest.raises(ValidationError) as caught:
        save_report(report, data=CONTENT, version=0, by=reporter, new_files=[upload])

    assert caught.value.messages == [message]
    report.refresh_from_db()
    assert (report.version, report.evidence.count()) == (0, 0)


def test_figures_are_read_from_lines_with_vietnamese_numbers():
    assert parse_figures("Số lớp tập huấn: 3 lớp\n- Kinh phí: 1.250,5 triệu đồng\n") == (
        {"label": "Số lớp tập huấn", "value": "3", "unit": "lớp"},
        {"label": "Kinh phí", "value": "1250.5", "unit": "triệu đồng"},
    )
    with pytest.raises(ValidationError):
        parse_figures("Số lớp tập huấn ba lớp")
